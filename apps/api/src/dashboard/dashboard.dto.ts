import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CATEGORIES } from '@sen/case-domain';

import { AreaYearQueryDto, MinPositionQueryDto } from '../common/query.dto';
import { AREA_CODE } from '../common/validators';

export class ResponseTimesQueryDto extends AreaYearQueryDto {
  @ApiPropertyOptional({
    description:
      'Comma-separated dimensions: area (the areas directly under areaCode), category, agency (who gave the first response), month',
    example: 'area,month',
    default: 'area',
  })
  @IsOptional()
  @Matches(/^(area|category|agency|month)(,(area|category|agency|month)){0,3}$/, {
    message: 'groupBy must be a comma-separated list of area, category, agency, month',
  })
  groupBy?: string;

  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: string;
}

export const DEADLINE_KINDS = ['first_response', 'plan', 'referral_acknowledge', 'referral_complete'] as const;

export class OverdueQueryDto extends MinPositionQueryDto {
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

  @ApiPropertyOptional({ description: 'From the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;
}
