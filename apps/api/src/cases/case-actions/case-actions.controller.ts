import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CASE_COMMAND, PLAN_PROPOSED, REFERRAL_ISSUED } from '../case.responses';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { CaseCommand } from '@sen/case-domain';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/user';
import { IfMatch } from '../../common/if-match';
import { uuidParam } from '../../common/params';
import { toInstant } from '../../common/validators';
import { CommandMetadata } from '../command-metadata';
import { ExecuteCaseCommand } from '../execute-case.command';
import {
  AssessRiskDto,
  AssignmentDto,
  ChildMarriageOutcomeDto,
  ClosureDto,
  ConsentDto,
  DetailedAssessmentDto,
  EmergencyMeasureDto,
  EscalationDto,
  PlanDecisionDto,
  ReferralDto,
  ReopenDto,
  SupportDto,
  SupportPlanDto,
  TransferDto,
} from './case-actions.dto';

type Build = (meta: ReturnType<CommandMetadata['of']>) => CaseCommand;

/** One command per route on an existing case (DESIGN.md section 5); each needs If-Match with the version read. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', description: 'The version of the case you read (its ETag)', required: true })
@Controller('cases/:id')
@Roles('social_worker', 'supervisor')
export class CaseActionsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly metadata: CommandMetadata,
  ) {}

  private async run(caseId: string, version: number, user: AuthUser, req: Request, build: Build, extra: object = {}) {
    const result = await this.bus.execute(
      new ExecuteCaseCommand(caseId, version, build(this.metadata.of(user, req)), user),
    );
    req.res?.setHeader('ETag', `"${result.version}"`);
    return { caseId, version: result.version, position: result.position, ...extra };
  }

  @Post('risk-assessments')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  assess(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: AssessRiskDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'AssessRisk',
      data: {
        level: d.level,
        verification: d.verification,
        factors: d.factors,
        notes: d.notes,
        assessedAt: toInstant(d.assessedAt),
      },
      metadata,
    }));
  }

  @Post('emergency-measures')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  emergency(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: EmergencyMeasureDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'ApplyEmergencyMeasure',
      data: { measure: d.measure, appliedAt: toInstant(d.appliedAt), notes: d.notes },
      metadata,
    }));
  }

  @Post('detailed-assessment')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  detailed(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: DetailedAssessmentDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'CompleteDetailedAssessment',
      data: { needs: d.needs, notes: d.notes, at: toInstant(d.at) },
      metadata,
    }));
  }

  @Post('consent')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  consent(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: ConsentDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'RecordConsent',
      data: {
        givenBy: d.givenBy,
        forServices: d.forServices,
        forReferral: d.forReferral,
        forReporting: d.forReporting,
      },
      metadata,
    }));
  }

  @Post('assignments')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  assign(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: AssignmentDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({ type: 'AssignCase', data: { assigneeId: d.assigneeId }, metadata }));
  }

  @Post('transfers')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  transfer(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: TransferDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'TransferCase',
      data: { toAreaCode: d.toAreaCode, ...(d.toAssigneeId ? { toAssigneeId: d.toAssigneeId } : {}), reason: d.reason },
      metadata,
    }));
  }

  @Post('escalations')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  escalate(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: EscalationDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'EscalateCase',
      data: { toLevel: d.toLevel, reason: d.reason, automatic: false },
      metadata,
    }));
  }

  @Post('support-plan')
  @ApiOkResponse({ schema: PLAN_PROPOSED })
  @HttpCode(200)
  propose(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: SupportPlanDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    const planId = randomUUID();
    return this.run(
      id,
      v,
      u,
      r,
      (metadata) => ({
        type: 'ProposeSupportPlan',
        data: {
          planId,
          goals: d.goals,
          services: d.services.map((s) => ({ service: s.service, agency: s.agency, dueAt: toInstant(s.dueAt) })),
          reviewAt: toInstant(d.reviewAt),
        },
        metadata,
      }),
      { planId },
    );
  }

  @Post('support-plan/approve')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @Roles('supervisor')
  @HttpCode(200)
  approve(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: PlanDecisionDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'ApproveSupportPlan',
      data: { comment: d.comment },
      metadata,
    }));
  }

  @Post('support-plan/reject')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @Roles('supervisor')
  @HttpCode(200)
  reject(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: PlanDecisionDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({ type: 'RejectSupportPlan', data: { comment: d.comment }, metadata }));
  }

  @Post('support')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  support(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: SupportDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'ProvideSupport',
      data: {
        service: d.service,
        agency: d.agency,
        providedAt: toInstant(d.providedAt),
        notes: d.notes,
        ...(d.referralId ? { referralId: d.referralId } : {}),
      },
      metadata,
    }));
  }

  @Post('referrals')
  @ApiCreatedResponse({ schema: REFERRAL_ISSUED })
  @HttpCode(201)
  refer(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: ReferralDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    const referralId = randomUUID();
    return this.run(
      id,
      v,
      u,
      r,
      (metadata) => ({
        type: 'IssueReferral',
        data: {
          referralId,
          toAgency: d.toAgency,
          ...(d.unitCode ? { unitCode: d.unitCode } : {}),
          reason: d.reason,
          urgency: d.urgency,
          ...(d.dueAt ? { dueAt: toInstant(d.dueAt) } : {}),
          ...(d.consentWaivedReason ? { consentWaivedReason: d.consentWaivedReason } : {}),
        },
        metadata,
      }),
      { referralId },
    );
  }

  @Post('child-marriage-outcome')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  childMarriage(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: ChildMarriageOutcomeDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'RecordChildMarriageOutcome',
      data: { outcome: d.outcome, at: toInstant(d.at) },
      metadata,
    }));
  }

  @Post('closure')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  close(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: ClosureDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({
      type: 'CloseCase',
      data: { reason: d.reason, notes: d.notes },
      metadata,
    }));
  }

  @Post('reopen')
  @ApiOkResponse({ schema: CASE_COMMAND })
  @HttpCode(200)
  reopen(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() v: number,
    @Body() d: ReopenDto,
    @CurrentUser() u: AuthUser,
    @Req() r: Request,
  ) {
    return this.run(id, v, u, r, (metadata) => ({ type: 'ReopenCase', data: { reason: d.reason }, metadata }));
  }
}
