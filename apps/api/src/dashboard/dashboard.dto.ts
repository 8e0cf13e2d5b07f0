import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CATEGORIES } from '@sen/case-domain';

const AREA_CODE = /^[A-Za-z0-9-]{1,20}$/;

export class ResponseTimesQueryDto {
  @ApiPropertyOptional({ description: 'Year of the report (Vietnam time); this year by default', minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: "An area and everything under it; the supervisor's own area by default" })
  @IsOptional()
  @Matches(AREA_CODE, { message: 'areaCode must be an area code' })
  areaCode?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated dimensions: area (the areas directly under areaCode), category, agency (who gave the first response), month',
    example: 'area,month',
    default: 'area',
  })
  @IsOptional()
  @Matches(/^(area|category|agency|month)(,(area|category|agency|month)){0,3}$/, {
    message: 'groupBy must be a comma-separated list of area, category, agency, month',
  })
  groupBy?: string;

  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: string;

  @ApiPropertyOptional({ description: 'Wait until the read model includes the write that returned this position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

export const DEADLINE_KINDS = ['first_response', 'plan', 'referral_acknowledge', 'referral_complete'] as const;

export class OverdueQueryDto {
  @ApiPropertyOptional({ description: 'An area and everything under it; all your areas by default' })
  @IsOptional()
  @Matches(AREA_CODE, { message: 'areaCode must be an area code' })
  areaCode?: string;

  @ApiPropertyOptional({ enum: DEADLINE_KINDS }) @IsOptional() @IsIn(DEADLINE_KINDS) kind?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'From the previous page' }) @IsOptional() @IsString() @Length(1, 500) cursor?: string;

  @ApiPropertyOptional({ description: 'Wait until the read model includes the write that returned this position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}
