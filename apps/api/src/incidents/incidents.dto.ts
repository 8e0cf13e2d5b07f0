import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SEXES, type Sex } from '@sen/case-domain';
import { FreeText, ShapedAs } from '../common/text-fields';
import { AREA_CODE, IsInstant, IsLocalDate } from '../common/validators';
import { ReporterDto } from '../cases/open-case/open-case.dto';

export const INCIDENT_TYPES = ['flood', 'storm', 'landslide', 'fire', 'epidemic', 'other'] as const;
export const MAX_BATCH = 1000;

export class RegisterIncidentDto {
  @ApiProperty({ enum: INCIDENT_TYPES }) @IsIn(INCIDENT_TYPES) type!: (typeof INCIDENT_TYPES)[number];
  @ApiProperty({ example: 'Lũ tháng 10/2026' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ type: [String], description: 'The areas hit' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(AREA_CODE, { each: true, message: 'each area code must be an area code' })
  areaCodes!: string[];
  @ApiProperty() @IsInstant() startedAt!: string;
  @ApiPropertyOptional() @IsOptional() @FreeText() @IsString() @Length(0, 2000) description?: string;
}

/** One child of an incident batch; validated row by row, so one bad row does not sink the batch. */
export class IncidentChildDto {
  @ApiProperty({ description: 'PII' }) @IsString() @Length(1, 200) fullName!: string;
  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: Sex;
  @ApiPropertyOptional({ description: 'PII, YYYY-MM-DD' }) @IsOptional() @IsLocalDate() dateOfBirth?: string;
  @ApiPropertyOptional()
  @ValidateIf((o: IncidentChildDto) => o.dateOfBirth === undefined)
  @IsDefined({ message: 'ageYears or dateOfBirth is required' })
  @IsInt()
  @Min(0)
  @Max(17)
  ageYears?: number;
  @ApiProperty({ description: 'The commune where the child was found or lives' })
  @IsString()
  @Matches(AREA_CODE, { message: 'areaCode must be an area code' })
  areaCode!: string;
  @ApiPropertyOptional({ description: 'When the child was found or reported; now by default' })
  @IsOptional()
  @IsInstant()
  foundAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() injured?: boolean;
  @ApiPropertyOptional({ description: 'Separated from their family' }) @IsOptional() @IsBoolean() separated?: boolean;
  @ApiPropertyOptional({ description: 'With no adult at all' }) @IsOptional() @IsBoolean() unaccompanied?: boolean;
  @ApiPropertyOptional({ description: 'PII: what happened, where the child is now' })
  @IsOptional()
  @FreeText()
  @IsString()
  @Length(0, 2000)
  notes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) ethnicity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) disability?: string;
  @ApiPropertyOptional({ type: ReporterDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;
}

export class RegisterChildrenDto {
  @ApiProperty({
    type: [IncidentChildDto],
    maxItems: MAX_BATCH,
    description: 'Up to 1,000 children; each row is checked on its own',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `children holds at most ${MAX_BATCH} rows a request` })
  @IsObject({ each: true, message: 'each row of children must be an object' })
  @ShapedAs(() => IncidentChildDto)
  children!: Record<string, unknown>[];
}

export class TracingRequesterDto {
  @ApiProperty({ description: 'PII' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ description: 'PII' })
  @IsString()
  @Matches(/^\+?[0-9 .()-]{3,20}$/, { message: 'phone must be a telephone number' })
  phone!: string;
  @ApiProperty({ example: 'mother' }) @IsString() @Length(1, 100) relation!: string;
}

export class SoughtChildDto {
  @ApiProperty({ description: 'PII' }) @IsString() @Length(1, 200) fullName!: string;
  @ApiPropertyOptional({ enum: SEXES }) @IsOptional() @IsIn(SEXES) sex?: Sex;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(17) ageYears?: number;
  @ApiProperty({ description: 'Where the child was last seen' })
  @IsString()
  @Matches(AREA_CODE, { message: 'lastSeenAreaCode must be an area code' })
  lastSeenAreaCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() lastSeenAt?: string;
  @ApiPropertyOptional() @IsOptional() @FreeText() @IsString() @Length(0, 2000) description?: string;
}

export class TracingRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() incidentId?: string;
  @ApiProperty({ type: TracingRequesterDto })
  @IsDefined()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => TracingRequesterDto)
  requester!: TracingRequesterDto;
  @ApiProperty({ type: SoughtChildDto })
  @IsDefined()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => SoughtChildDto)
  sought!: SoughtChildDto;
}

export class ReuniteDto {
  @ApiPropertyOptional({ description: 'PII' }) @IsOptional() @FreeText() @IsString() @Length(0, 2000) notes?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() at?: string;
}

// Every status the table allows (00008_incidents), though nothing closes a request without a reunion yet.
export const TRACING_STATUSES = ['open', 'matched', 'reunited', 'closed'] as const;

export class ListTracingQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID(undefined, { message: 'incidentId must be a UUID' }) incidentId?: string;
  @ApiPropertyOptional({ enum: TRACING_STATUSES })
  @IsOptional()
  @IsIn(TRACING_STATUSES)
  status?: (typeof TRACING_STATUSES)[number];
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
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) minPosition?: number;
}

export class MinPositionDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) minPosition?: number;
}
