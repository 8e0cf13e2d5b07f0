import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
import { CATEGORIES, SEXES, SOURCES, type Category, type ReportSource, type Sex } from '@sen/case-domain';
import { FreeText } from '../../common/text-fields';
import { AREA_CODE, IsInstant, IsLocalDate } from '../../common/validators';

export class ChildDto {
  @ApiProperty({ description: 'PII', example: 'Nguyễn Thị Lan' }) @IsString() @Length(1, 200) fullName!: string;
  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: Sex;
  @ApiPropertyOptional({ description: 'PII, YYYY-MM-DD', example: '2015-04-30' })
  @IsOptional()
  @IsLocalDate()
  dateOfBirth?: string;
  @ApiPropertyOptional({ description: 'When the date of birth is unknown', example: 10 })
  @ValidateIf((o: ChildDto) => o.dateOfBirth === undefined)
  @IsDefined({ message: 'child.ageYears or child.dateOfBirth is required' })
  @IsInt()
  @Min(0)
  @Max(17)
  ageYears?: number;
  @ApiPropertyOptional({ example: 'Kinh' }) @IsOptional() @IsString() @Length(1, 100) ethnicity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) disability?: string;
}

export class LocationDto {
  @ApiProperty({ example: '29926', description: 'Commune code (seeds/areas.json)' })
  @IsString()
  @Matches(AREA_CODE, { message: 'areaCode must be an area code such as 29926' })
  areaCode!: string;
}

export class ReporterDto {
  @ApiProperty({ description: 'PII' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ description: 'PII', example: '0912345678' })
  @IsString()
  @Matches(/^\+?[0-9 .()-]{3,20}$/, { message: 'phone must be a telephone number' })
  phone!: string;
  @ApiProperty({ example: 'neighbour' }) @IsString() @Length(1, 100) relation!: string;
}

/** Form 01 of Decree 56/2017/NĐ-CP: the report of a child in need of protection. */
export class OpenCaseDto {
  @ApiPropertyOptional({ description: 'A known child; omitted for a child new to Sen' })
  @IsOptional()
  @IsUUID()
  childId?: string;
  @ApiProperty({ type: ChildDto })
  @IsDefined()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => ChildDto)
  child!: ChildDto;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category!: Category;
  @ApiProperty({ description: 'PII' }) @FreeText() @IsString() @Length(1, 5000) summary!: string;
  @ApiProperty({ type: LocationDto })
  @IsDefined()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;
  @ApiProperty({ example: '2026-03-01T08:30:00+07:00' }) @IsInstant() reportedAt!: string;
  @ApiProperty({ enum: SOURCES }) @IsIn(SOURCES) source!: ReportSource;
  @ApiPropertyOptional({ type: ReporterDto })
  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;
  @ApiPropertyOptional() @IsOptional() @IsUUID() incidentId?: string;
}
