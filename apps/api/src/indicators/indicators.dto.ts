import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INDICATOR_9_UNITS } from '@sen/read-models';

import { AreaYearQueryDto } from '../common/query.dto';
import { FreeText } from '../common/text-fields';
import { AREA_CODE } from '../common/validators';

export class IndicatorQueryDto extends AreaYearQueryDto {
  @ApiPropertyOptional({ enum: INDICATOR_9_UNITS, description: "Indicator 9's unit; the plan's (percent) by default" })
  @IsOptional()
  @IsIn(INDICATOR_9_UNITS)
  unit?: string;
}

export class ExportQueryDto extends IndicatorQueryDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format!: string;
}

/** A figure of an indicator Sen does not compute, as its lead agency reports it. */
export class RecordFigureDto {
  @ApiProperty({ minimum: 2021, maximum: 2030, description: 'A year of the plan, not after this year' })
  @IsInt()
  @Min(2021)
  @Max(2030)
  year!: number;

  @ApiProperty({ description: 'The area the figure is for (the province, a district before 2025, a commune)' })
  @Matches(AREA_CODE, { message: 'areaCode must be an area code' })
  areaCode!: string;

  @ApiProperty({ description: "In the sub-target's unit (percent 0–100, per 1,000 live births, per 100,000 children)" })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  value!: number;

  @ApiPropertyOptional({ description: 'Required when the indicator has more than one sub-target (e.g. 3, 4, 11)' })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'targetKey must be a sub-target key' })
  targetKey?: string;

  @ApiPropertyOptional({
    description: 'Where the figure comes from (a report, a survey); no personal data',
    maxLength: 500,
  })
  @IsOptional()
  @FreeText()
  @IsString()
  @MaxLength(500)
  note?: string;
}
