import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  AGENCIES,
  CHILD_MARRIAGE_OUTCOMES,
  CLOSURE_REASONS,
  CONSENT_GIVERS,
  LEVELS,
  MEASURES,
  RISK_LEVELS,
  SERVICES,
  URGENCIES,
  VERIFICATIONS,
  type Agency,
  type ChildMarriageOutcome,
  type ClosureReason,
  type ConsentGiver,
  type EmergencyMeasure,
  type Level,
  type RiskLevel,
  type ServiceKind,
  type Urgency,
  type Verification,
} from '@sen/case-domain';
import { FreeText } from '../../common/text-fields';
import { AREA_CODE, IsInstant } from '../../common/validators';

/** Form 02: verification and first assessment of risk. */
export class AssessRiskDto {
  @ApiProperty({ enum: RISK_LEVELS }) @IsIn(RISK_LEVELS) level!: RiskLevel;
  @ApiProperty({ enum: VERIFICATIONS }) @IsIn(VERIFICATIONS) verification!: Verification;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  factors!: string[];
  @ApiProperty({ description: 'PII' }) @FreeText() @IsString() @Length(0, 5000) notes!: string;
  @ApiProperty() @IsInstant() assessedAt!: string;
}

export class EmergencyMeasureDto {
  @ApiProperty({ enum: MEASURES }) @IsIn(MEASURES) measure!: EmergencyMeasure;
  @ApiProperty() @IsInstant() appliedAt!: string;
  @ApiProperty({ description: 'PII' }) @FreeText() @IsString() @Length(0, 5000) notes!: string;
}

export class AssignmentDto {
  @ApiProperty() @IsUUID() assigneeId!: string;
}

export class TransferDto {
  @ApiProperty() @IsString() @Matches(AREA_CODE, { message: 'toAreaCode must be an area code' }) toAreaCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() toAssigneeId?: string;
  @ApiProperty() @FreeText() @IsString() @Length(1, 1000) reason!: string;
}

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_GIVERS }) @IsIn(CONSENT_GIVERS) givenBy!: ConsentGiver;
  @ApiProperty() @IsBoolean() forServices!: boolean;
  @ApiProperty() @IsBoolean() forReferral!: boolean;
  @ApiProperty() @IsBoolean() forReporting!: boolean;
}

/** Form 03: detailed assessment of the child's needs. */
export class DetailedAssessmentDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  needs!: string[];
  @ApiProperty({ description: 'PII' }) @FreeText() @IsString() @Length(0, 5000) notes!: string;
  @ApiProperty() @IsInstant() at!: string;
}

export class EscalationDto {
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) toLevel!: Level;
  @ApiProperty() @FreeText() @IsString() @Length(1, 1000) reason!: string;
}

export class PlannedServiceDto {
  @ApiProperty({ enum: SERVICES }) @IsIn(SERVICES) service!: ServiceKind;
  @ApiProperty({ enum: AGENCIES }) @IsIn(AGENCIES) agency!: Agency;
  @ApiProperty() @IsInstant() dueAt!: string;
}

/** Form 04: the support and intervention plan. */
export class SupportPlanDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  goals!: string[];
  @ApiProperty({ type: [PlannedServiceDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PlannedServiceDto)
  services!: PlannedServiceDto[];
  @ApiProperty() @IsInstant() reviewAt!: string;
}

/** Form 05: the decision on a plan (a supervisor, for the commune's chair). */
export class PlanDecisionDto {
  @ApiProperty() @FreeText() @IsString() @Length(0, 2000) comment!: string;
}

export class SupportDto {
  @ApiProperty({ enum: SERVICES }) @IsIn(SERVICES) service!: ServiceKind;
  @ApiProperty({ enum: AGENCIES }) @IsIn(AGENCIES) agency!: Agency;
  @ApiProperty() @IsInstant() providedAt!: string;
  @ApiProperty({ description: 'PII' }) @FreeText() @IsString() @Length(0, 5000) notes!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() referralId?: string;
}

export class ReferralDto {
  @ApiProperty({ enum: AGENCIES }) @IsIn(AGENCIES) toAgency!: Agency;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(AREA_CODE, { message: 'unitCode must be a unit code' })
  unitCode?: string;
  @ApiProperty() @FreeText() @IsString() @Length(1, 2000) reason!: string;
  @ApiProperty({ enum: URGENCIES }) @IsIn(URGENCIES) urgency!: Urgency;
  @ApiPropertyOptional({ description: 'Completion due; 7 days after issue by default' })
  @IsOptional()
  @IsInstant()
  dueAt?: string;
  @ApiPropertyOptional({ description: 'Why an emergency referral goes without recorded consent' })
  @IsOptional()
  @FreeText()
  @IsString()
  @Length(1, 2000)
  consentWaivedReason?: string;
}

export class ChildMarriageOutcomeDto {
  @ApiProperty({ enum: CHILD_MARRIAGE_OUTCOMES }) @IsIn(CHILD_MARRIAGE_OUTCOMES) outcome!: ChildMarriageOutcome;
  @ApiProperty() @IsInstant() at!: string;
}

export class ClosureDto {
  @ApiProperty({ enum: CLOSURE_REASONS }) @IsIn(CLOSURE_REASONS) reason!: ClosureReason;
  @ApiProperty({ description: 'PII' }) @FreeText() @IsString() @Length(0, 5000) notes!: string;
}

export class ReopenDto {
  @ApiProperty() @FreeText() @IsString() @Length(1, 2000) reason!: string;
}
