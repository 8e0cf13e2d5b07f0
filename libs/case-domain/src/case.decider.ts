import type { CaseCommand, IssueReferral, OpenCase } from './case.commands';
import type { CaseEvent, Metadata } from './case.events';
import { ErrorCodes as E, IllegalStateError, NotFoundError, RuleViolationError } from './case.errors';
import { type CaseFile, type CaseState, hasEmergencyResponse, initialState, evolve, openReferrals } from './case.state';
import { CHILD_AGE_LIMIT_YEARS, LEVELS, type Level } from './case.types';
import { doneInTime } from './deadline-rule';
import {
  type DeadlinePolicy,
  type WorkingCalendar,
  acknowledgeDeadline,
  ageInYears,
  defaultReferralDue,
  firstResponseDeadline,
  planDeadline,
} from './deadlines';

export interface DecideContext {
  policy: DeadlinePolicy;
  calendar: WorkingCalendar;
}

/** Clocks of field phones and offices drift; an instant up to this far ahead of "now" is still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

function assertNever(x: never): never {
  throw new Error(`unhandled command: ${JSON.stringify(x)}`);
}

function eventMeta(command: CaseCommand, childId: string): Metadata {
  return { ...command.metadata, childId };
}

function notInFuture(field: string, instant: string, now: string): void {
  if (Date.parse(instant) > Date.parse(now) + CLOCK_SKEW_MS) {
    throw new RuleViolationError(E.TIME_IN_FUTURE, `${field} (${instant}) is later than now (${now})`, { field });
  }
}

function notBeforeReport(field: string, instant: string, file: CaseFile): void {
  if (Date.parse(instant) < Date.parse(file.reportedAt)) {
    throw new RuleViolationError(
      E.TIME_BEFORE_REPORT,
      `${field} (${instant}) is earlier than the report (${file.reportedAt})`,
      { field },
    );
  }
}

function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

function decideOpen(command: OpenCase, ctx: DecideContext): CaseEvent[] {
  const d = command.data;
  const now = command.metadata.occurredAt;
  notInFuture('reportedAt', d.reportedAt, now);
  const age =
    d.child.dateOfBirth !== undefined
      ? ageInYears(d.child.dateOfBirth, d.reportedAt, ctx.policy.utcOffsetMinutes)
      : d.child.ageYears;
  if (age === undefined) {
    throw new RuleViolationError(E.CHILD_NOT_A_CHILD, 'child.dateOfBirth or child.ageYears is required', {
      field: 'child',
    });
  }
  // A date of birth that is not YYYY-MM-DD (say 02/03/2010) gives NaN, which no comparison below would refuse.
  if (!Number.isFinite(age) || age < 0 || age >= CHILD_AGE_LIMIT_YEARS) {
    throw new RuleViolationError(
      E.CHILD_NOT_A_CHILD,
      `a child is a person under ${CHILD_AGE_LIMIT_YEARS} (Law on Children 2016, art. 1); this person was ${age} when reported`,
      { field: 'child', ageYears: age },
    );
  }
  return [
    {
      type: 'CaseOpened',
      data: {
        caseId: d.caseId,
        childId: d.childId,
        // Age at report is kept beside the date of birth: it is what need-to-know views show, and it survives erasure.
        child: { ...d.child, ageYears: age },
        category: d.category,
        summary: d.summary,
        location: { areaCode: d.location.areaCode },
        reportedAt: d.reportedAt,
        source: d.source,
        ...(d.reporter ? { reporter: d.reporter } : {}),
        ...(d.incidentId ? { incidentId: d.incidentId } : {}),
        level: 'commune',
        deadlines: {
          firstResponseBy: firstResponseDeadline(d.reportedAt, d.category, ctx.policy),
          planBy: planDeadline(d.reportedAt, ctx.policy, ctx.calendar),
        },
      },
      metadata: eventMeta(command, d.childId),
    },
  ];
}

function decideReferralIssue(command: IssueReferral, file: CaseFile, ctx: DecideContext): CaseEvent[] {
  const d = command.data;
  const now = command.metadata.occurredAt;
  if (file.referrals.some((r) => r.referralId === d.referralId)) {
    throw new IllegalStateError(E.REFERRAL_EXISTS, `referral ${d.referralId} already exists on this case`);
  }
  const consented = file.consent?.forReferral === true;
  if (!consented) {
    if (d.urgency !== 'emergency') {
      throw new RuleViolationError(
        E.CONSENT_REQUIRED,
        'a non-emergency referral needs consent for referral to be recorded first',
        { urgency: d.urgency },
      );
    }
    if (!d.consentWaivedReason || d.consentWaivedReason.trim() === '') {
      throw new RuleViolationError(
        E.CONSENT_WAIVER_REASON_REQUIRED,
        'an emergency referral without recorded consent must say why (consentWaivedReason)',
        { field: 'consentWaivedReason' },
      );
    }
  }
  const dueAt = d.dueAt ?? defaultReferralDue(now, ctx.policy);
  if (Date.parse(dueAt) <= Date.parse(now)) {
    throw new RuleViolationError(E.REFERRAL_DUE_BEFORE_ISSUE, `dueAt (${dueAt}) must be after the referral is issued`, {
      field: 'dueAt',
    });
  }
  return [
    {
      type: 'ReferralIssued',
      data: {
        caseId: file.caseId,
        referralId: d.referralId,
        toAgency: d.toAgency,
        ...(d.unitCode ? { unitCode: d.unitCode } : {}),
        reason: d.reason,
        urgency: d.urgency,
        acknowledgeBy: acknowledgeDeadline(now, d.urgency, ctx.policy),
        dueAt,
        ...(!consented ? { consentWaivedReason: d.consentWaivedReason } : {}),
        areaCode: file.areaCode,
      },
      metadata: eventMeta(command, file.childId),
    },
  ];
}

function findReferral(file: CaseFile, referralId: string) {
  const referral = file.referrals.find((r) => r.referralId === referralId);
  if (!referral) throw new NotFoundError(E.REFERRAL_NOT_FOUND, `referral ${referralId} is not on this case`);
  return referral;
}

function referralFinished(status: string, referralId: string): never {
  throw new IllegalStateError(E.REFERRAL_FINISHED, `referral ${referralId} is already ${status}`, { status });
}

/**
 * decide(command, state): the events a command produces, or a domain error. Pure: "now" is
 * `command.metadata.occurredAt`, and ids come in on the command.
 */
export function decide(command: CaseCommand, state: CaseState, ctx: DecideContext): CaseEvent[] {
  if (command.type === 'OpenCase') {
    if (state.status !== 'none') {
      throw new IllegalStateError(E.CASE_ALREADY_EXISTS, `case ${command.data.caseId} already exists`);
    }
    return decideOpen(command, ctx);
  }
  if (state.status === 'none') throw new NotFoundError(E.CASE_NOT_FOUND, 'no such case');

  const file = state.file;
  const now = command.metadata.occurredAt;
  const meta = eventMeta(command, file.childId);
  const caseId = file.caseId;

  if (state.status === 'closed') {
    if (command.type === 'ReopenCase') {
      return [{ type: 'CaseReopened', data: { caseId, reason: command.data.reason }, metadata: meta }];
    }
    // Timers may fire after a case closed; they have nothing left to do. Erasure works on any case.
    if (command.type === 'MarkReferralOverdue' || command.type === 'CheckFirstResponse') return [];
    if (command.type !== 'ErasePersonalData') {
      throw new IllegalStateError(E.CASE_CLOSED, 'the case is closed; only reopening it is possible');
    }
  }

  switch (command.type) {
    case 'ReopenCase':
      throw new IllegalStateError(E.CASE_NOT_CLOSED, 'only a closed case can be reopened');

    case 'AssessRisk': {
      const d = command.data;
      notInFuture('assessedAt', d.assessedAt, now);
      notBeforeReport('assessedAt', d.assessedAt, file);
      return [{ type: 'RiskAssessed', data: { caseId, ...d }, metadata: meta }];
    }

    case 'ApplyEmergencyMeasure': {
      const d = command.data;
      notInFuture('appliedAt', d.appliedAt, now);
      notBeforeReport('appliedAt', d.appliedAt, file);
      return [{ type: 'EmergencyMeasureApplied', data: { caseId, ...d }, metadata: meta }];
    }

    case 'AssignCase':
      return [{ type: 'CaseAssigned', data: { caseId, assigneeId: command.data.assigneeId }, metadata: meta }];

    case 'TransferCase': {
      const d = command.data;
      if (d.toAreaCode === file.areaCode) {
        throw new RuleViolationError(E.SAME_AREA, `the case is already in area ${file.areaCode}`, {
          field: 'toAreaCode',
        });
      }
      return [
        {
          type: 'CaseTransferred',
          data: {
            caseId,
            fromAreaCode: file.areaCode,
            toAreaCode: d.toAreaCode,
            ...(d.toAssigneeId ? { toAssigneeId: d.toAssigneeId } : {}),
            reason: d.reason,
          },
          metadata: meta,
        },
      ];
    }

    case 'RecordConsent':
      return [{ type: 'ConsentRecorded', data: { caseId, ...command.data }, metadata: meta }];

    case 'CompleteDetailedAssessment': {
      // Form 03 follows the verification and first assessment of form 02.
      if (file.risk === null) {
        throw new RuleViolationError(E.RISK_NOT_ASSESSED, 'the detailed assessment needs a risk assessment first');
      }
      notInFuture('at', command.data.at, now);
      notBeforeReport('at', command.data.at, file);
      return [{ type: 'DetailedAssessmentCompleted', data: { caseId, ...command.data }, metadata: meta }];
    }

    case 'EscalateCase': {
      const d = command.data;
      if (levelRank(d.toLevel) <= levelRank(file.level)) {
        throw new RuleViolationError(
          E.ESCALATION_NOT_UPWARD,
          `an escalation goes only upwards: the case is at ${file.level}, ${d.toLevel} is not above it`,
          { field: 'toLevel', currentLevel: file.level },
        );
      }
      return [
        {
          type: 'CaseEscalated',
          data: { caseId, fromLevel: file.level, toLevel: d.toLevel, reason: d.reason, automatic: d.automatic },
          metadata: meta,
        },
      ];
    }

    case 'ProposeSupportPlan': {
      const d = command.data;
      if (file.detailedAssessment === null) {
        throw new RuleViolationError(
          E.DETAILED_ASSESSMENT_REQUIRED,
          'a support plan (form 04) is built on the detailed assessment (form 03); complete it first',
        );
      }
      if (file.risk?.level === 'critical' && !hasEmergencyResponse(file)) {
        throw new RuleViolationError(
          E.EMERGENCY_RESPONSE_REQUIRED,
          'the child is in immediate danger: apply an emergency measure or issue an emergency referral before planning',
        );
      }
      const early = d.services.find((s) => Date.parse(s.dueAt) < Date.parse(now));
      if (early) {
        throw new RuleViolationError(E.PLAN_SERVICE_DUE_BEFORE_PROPOSAL, `service ${early.service} is due before today`, {
          field: 'services.dueAt',
        });
      }
      return [{ type: 'SupportPlanProposed', data: { caseId, ...d }, metadata: meta }];
    }

    case 'ApproveSupportPlan':
    case 'RejectSupportPlan': {
      const plan = file.latestPlan;
      if (plan === null || plan.status !== 'proposed') {
        throw new IllegalStateError(E.PLAN_NOT_PROPOSED, 'there is no proposed plan awaiting a decision');
      }
      if (plan.proposedBy === command.metadata.actorId) {
        throw new RuleViolationError(E.PLAN_SELF_APPROVAL, 'nobody approves or rejects their own plan');
      }
      if (command.type === 'ApproveSupportPlan' && file.risk?.level === 'critical' && !hasEmergencyResponse(file)) {
        throw new RuleViolationError(
          E.EMERGENCY_RESPONSE_REQUIRED,
          'the child is in immediate danger: an emergency measure or emergency referral must come before a plan',
        );
      }
      const data = { caseId, planId: plan.planId, approverId: command.metadata.actorId, comment: command.data.comment };
      return command.type === 'ApproveSupportPlan'
        ? [{ type: 'SupportPlanApproved', data, metadata: meta }]
        : [{ type: 'SupportPlanRejected', data, metadata: meta }];
    }

    case 'ProvideSupport': {
      const d = command.data;
      notInFuture('providedAt', d.providedAt, now);
      notBeforeReport('providedAt', d.providedAt, file);
      if (d.referralId !== undefined) findReferral(file, d.referralId);
      return [
        {
          type: 'SupportProvided',
          data: {
            caseId,
            service: d.service,
            agency: d.agency,
            providedAt: d.providedAt,
            notes: d.notes,
            ...(d.referralId ? { referralId: d.referralId } : {}),
          },
          metadata: meta,
        },
      ];
    }

    case 'IssueReferral':
      return decideReferralIssue(command, file, ctx);

    case 'AcknowledgeReferral': {
      const r = findReferral(file, command.data.referralId);
      if (r.status === 'declined' || r.status === 'completed') referralFinished(r.status, r.referralId);
      if (r.status !== 'issued') {
        throw new IllegalStateError(E.REFERRAL_ALREADY_ACKNOWLEDGED, `referral ${r.referralId} is already ${r.status}`);
      }
      return [{ type: 'ReferralAcknowledged', data: { caseId, referralId: r.referralId, at: now }, metadata: meta }];
    }

    case 'AcceptReferral': {
      const r = findReferral(file, command.data.referralId);
      if (r.status === 'declined' || r.status === 'completed') referralFinished(r.status, r.referralId);
      if (r.status === 'issued') {
        throw new IllegalStateError(E.REFERRAL_NOT_ACKNOWLEDGED, `referral ${r.referralId} must be acknowledged first`);
      }
      if (r.status === 'accepted') {
        throw new IllegalStateError(E.REFERRAL_ALREADY_ACCEPTED, `referral ${r.referralId} is already accepted`);
      }
      return [{ type: 'ReferralAccepted', data: { caseId, referralId: r.referralId, at: now }, metadata: meta }];
    }

    case 'DeclineReferral': {
      const r = findReferral(file, command.data.referralId);
      if (r.status === 'declined' || r.status === 'completed') referralFinished(r.status, r.referralId);
      if (r.status === 'accepted') {
        throw new IllegalStateError(
          E.REFERRAL_ALREADY_ACCEPTED,
          `referral ${r.referralId} was accepted; an accepted referral is completed, not declined`,
        );
      }
      return [
        {
          type: 'ReferralDeclined',
          data: { caseId, referralId: r.referralId, reason: command.data.reason, at: now },
          metadata: meta,
        },
      ];
    }

    case 'CompleteReferral': {
      const r = findReferral(file, command.data.referralId);
      if (r.status === 'declined' || r.status === 'completed') referralFinished(r.status, r.referralId);
      if (r.status !== 'accepted') {
        throw new IllegalStateError(E.REFERRAL_NOT_ACCEPTED, `referral ${r.referralId} must be accepted before completion`);
      }
      return [
        {
          type: 'ReferralCompleted',
          data: {
            caseId,
            referralId: r.referralId,
            outcome: command.data.outcome,
            servicesProvided: command.data.servicesProvided,
            at: now,
          },
          metadata: meta,
        },
      ];
    }

    case 'MarkReferralOverdue': {
      const r = file.referrals.find((x) => x.referralId === command.data.referralId);
      if (!r || r.overdue.includes(command.data.deadline)) return [];
      const kind = command.data.deadline;
      const dueAt = kind === 'acknowledge' ? r.acknowledgeBy : r.dueAt;
      if (Date.parse(now) < Date.parse(dueAt)) return [];
      const met = kind === 'acknowledge' ? r.status !== 'issued' : r.status === 'completed' || r.status === 'declined';
      if (met) return [];
      return [
        { type: 'ReferralOverdue', data: { caseId, referralId: r.referralId, deadline: kind, dueAt }, metadata: meta },
      ];
    }

    case 'CheckFirstResponse': {
      const due = file.deadlines.firstResponseBy;
      if (due === null || Date.parse(now) < Date.parse(due)) return [];
      if (file.firstResponseAt !== null && doneInTime(due, file.firstResponseAt)) return [];
      if (file.escalations.some((e) => e.automatic)) return [];
      const next = command.data.nextLevel;
      if (next === null || levelRank(next) <= levelRank(file.level)) return [];
      return [
        {
          type: 'CaseEscalated',
          data: {
            caseId,
            fromLevel: file.level,
            toLevel: next,
            reason: `no first response within the deadline (${due})`,
            automatic: true,
          },
          metadata: meta,
        },
      ];
    }

    case 'RecordChildMarriageOutcome': {
      if (file.category !== 'child_marriage') {
        throw new RuleViolationError(E.NOT_CHILD_MARRIAGE_CASE, `the case's category is ${file.category}, not child_marriage`);
      }
      notInFuture('at', command.data.at, now);
      return [{ type: 'ChildMarriageOutcomeRecorded', data: { caseId, ...command.data }, metadata: meta }];
    }

    case 'CloseCase': {
      const open = openReferrals(file);
      if (open.length > 0) {
        throw new IllegalStateError(
          E.REFERRAL_OPEN,
          'a case cannot be closed while a referral is neither completed nor declined',
          { referralIds: open.map((r) => r.referralId) },
        );
      }
      if (file.risk?.level === 'critical' && !hasEmergencyResponse(file)) {
        throw new RuleViolationError(
          E.EMERGENCY_RESPONSE_REQUIRED,
          'a case assessed critical cannot close before an emergency measure or an emergency referral',
        );
      }
      return [{ type: 'CaseClosed', data: { caseId, ...command.data }, metadata: meta }];
    }

    case 'ErasePersonalData':
      if (file.personalDataErased) return [];
      return [
        { type: 'PersonalDataErased', data: { caseId, childId: file.childId, reason: command.data.reason }, metadata: meta },
      ];

    default:
      return assertNever(command);
  }
}

/** The decider as one value, for the given/when/then helper and the command handlers. */
export function caseDecider(ctx: DecideContext) {
  return {
    initialState,
    evolve,
    decide: (command: CaseCommand, state: CaseState) => decide(command, state, ctx),
  };
}
