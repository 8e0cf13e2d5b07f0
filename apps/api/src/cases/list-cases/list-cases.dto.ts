import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { CATEGORIES, RISK_LEVELS } from '@sen/case-domain';
import { AREA_CODE } from '../../common/validators';

export const CASE_STATUSES = ['open', 'assessed', 'in_support', 'closed'] as const;

export class ListCasesQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUSES }) @IsOptional() @IsIn(CASE_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: string;
  @ApiPropertyOptional({ enum: RISK_LEVELS }) @IsOptional() @IsIn(RISK_LEVELS) risk?: string;
  @ApiPropertyOptional({ description: 'An area and everything under it' })
  @IsOptional()
  @Matches(AREA_CODE, { message: 'areaCode must be an area code' })
  areaCode?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Cases with a deadline passed and unmet' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: string;
  @ApiPropertyOptional({
    description: "Search the child's name and the summary; diacritics optional (Nguyen finds Nguyễn)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
  @ApiPropertyOptional({ description: '"me" for the cases assigned to you' })
  @IsOptional()
  @IsIn(['me'])
  assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID(undefined, { message: 'incidentId must be a UUID' }) incidentId?: string;
  @ApiPropertyOptional({ description: 'From the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ description: 'Wait until the list includes the write that returned this position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}
