import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { AGENCIES } from '@sen/case-domain';
import { FreeText, Verbatim } from '../common/text-fields';
import { AREA_CODE, IsInstant } from '../common/validators';

export const USER_ROLES = ['social_worker', 'supervisor', 'agency_officer', 'analyst', 'admin'] as const;

export class CreateUserDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[a-z0-9._-]{3,50}$/, { message: 'username must be 3–50 of a-z 0-9 . _ -' })
  username!: string;
  @ApiProperty() @IsString() @Length(1, 200) displayName!: string;
  @ApiProperty({ minLength: 12 })
  @Verbatim()
  @IsString()
  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  password!: string;
  @ApiProperty({ enum: USER_ROLES }) @IsIn(USER_ROLES) role!: (typeof USER_ROLES)[number];
  @ApiPropertyOptional({ enum: AGENCIES })
  @ValidateIf((o: CreateUserDto) => o.role === 'agency_officer' || o.agency !== undefined)
  @IsIn(AGENCIES, { message: 'agency is required for an agency officer, one of ' + AGENCIES.join(', ') })
  agency?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(AREA_CODE) unitCode?: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(AREA_CODE, { each: true, message: 'each area code must be an area code' })
  areaCodes!: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) displayName?: string;
  @ApiPropertyOptional()
  @Verbatim()
  @IsOptional()
  @IsString()
  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  password?: string;
  @ApiPropertyOptional({ enum: USER_ROLES }) @IsOptional() @IsIn(USER_ROLES) role?: (typeof USER_ROLES)[number];
  @ApiPropertyOptional({ enum: AGENCIES }) @IsOptional() @IsIn(AGENCIES) agency?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(AREA_CODE, { each: true, message: 'each area code must be an area code' })
  areaCodes?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class AccessLogQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ description: 'Rows with an id below this (the next page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ErasureDto {
  @ApiProperty({ description: 'Why (a request of the child or family, a court order…)' })
  @FreeText()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ParkedQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'include the events already replayed' })
  @IsOptional()
  @IsIn(['true', 'false'])
  all?: 'true' | 'false';
  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
