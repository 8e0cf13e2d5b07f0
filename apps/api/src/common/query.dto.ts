import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AREA_CODE } from './validators';

/** Read-your-writes: a read that waits for the read model to include a write (the position it returned). */
export class MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Wait until the read model includes the write that returned this position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

/** An aggregate read about a year and an area (the indicators, the dashboard). */
export class AreaYearQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({
    description: 'Year (Vietnam time) the cases were reported in; this year by default',
    minimum: 2000,
    maximum: 2100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: "An area and everything under it; the user's own area by default" })
  @IsOptional()
  @Matches(AREA_CODE, { message: 'areaCode must be an area code' })
  areaCode?: string;
}
