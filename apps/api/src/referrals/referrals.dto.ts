import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SERVICES, type ServiceKind } from '@sen/case-domain';
import { FreeText } from '../common/text-fields';

export const REFERRAL_STATUSES = ['issued', 'acknowledged', 'accepted', 'declined', 'completed'] as const;

export class InboxQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) minPosition?: number;
}

export class DeclineDto {
  @ApiProperty() @FreeText() @IsString() @Length(1, 2000) reason!: string;
}

export class CompleteDto {
  @ApiProperty() @FreeText() @IsString() @Length(1, 2000) outcome!: string;
  @ApiProperty({ enum: SERVICES, isArray: true })
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(SERVICES, { each: true })
  servicesProvided!: ServiceKind[];
}
