import type { CaseCommand, CaseCommandType } from './case.commands';
import type { CaseEvent } from './case.events';
import { ErrorCodes as E, IllegalStateError, NotFoundError } from './case.errors';
import { type CaseState, type ExistingCase, evolve, initialState } from './case.state';
import { acceptReferral } from './decide/accept-referral';
import { acknowledgeReferral } from './decide/acknowledge-referral';
import { applyEmergencyMeasure } from './decide/apply-emergency-measure';
import { approveSupportPlan } from './decide/approve-support-plan';
import { assessRisk } from './decide/assess-risk';
import { assignCase } from './decide/assign-case';
import { checkFirstResponse } from './decide/check-first-response';
import { closeCase } from './decide/close-case';
import { completeDetailedAssessment } from './decide/complete-detailed-assessment';
import { completeReferral } from './decide/complete-referral';
import { declineReferral } from './decide/decline-referral';
import { erasePersonalData } from './decide/erase-personal-data';
import { escalateCase } from './decide/escalate-case';
import { issueReferral } from './decide/issue-referral';
import { markReferralOverdue } from './decide/mark-referral-overdue';
import { openCase } from './decide/open-case';
import { proposeSupportPlan } from './decide/propose-support-plan';
import { provideSupport } from './decide/provide-support';
import { recordChildMarriageOutcome } from './decide/record-child-marriage-outcome';
import { recordConsent } from './decide/record-consent';
import { rejectSupportPlan } from './decide/reject-support-plan';
import { reopenCase } from './decide/reopen-case';
import type { DecideContext, DecideOn } from './decide/rules';
import { transferCase } from './decide/transfer-case';

export type { DecideContext } from './decide/rules';

type OnExisting = Exclude<CaseCommandType, 'OpenCase'>;

/** One decide function per command on an existing case, each in its own file under ./decide. */
const DECIDERS: { [T in OnExisting]: DecideOn<Extract<CaseCommand, { type: T }>> } = {
  AssessRisk: assessRisk,
  ApplyEmergencyMeasure: applyEmergencyMeasure,
  AssignCase: assignCase,
  TransferCase: transferCase,
  RecordConsent: recordConsent,
  CompleteDetailedAssessment: completeDetailedAssessment,
  EscalateCase: escalateCase,
  ProposeSupportPlan: proposeSupportPlan,
  ApproveSupportPlan: approveSupportPlan,
  RejectSupportPlan: rejectSupportPlan,
  ProvideSupport: provideSupport,
  IssueReferral: issueReferral,
  AcknowledgeReferral: acknowledgeReferral,
  AcceptReferral: acceptReferral,
  DeclineReferral: declineReferral,
  CompleteReferral: completeReferral,
  MarkReferralOverdue: markReferralOverdue,
  CheckFirstResponse: checkFirstResponse,
  RecordChildMarriageOutcome: recordChildMarriageOutcome,
  CloseCase: closeCase,
  ReopenCase: reopenCase,
  ErasePersonalData: erasePersonalData,
};

/** On a closed case: reopening, erasure, and timers that fire late (they have nothing left to do). */
const ON_CLOSED: ReadonlySet<CaseCommandType> = new Set(['ReopenCase', 'ErasePersonalData']);
const TIMERS: ReadonlySet<CaseCommandType> = new Set(['MarkReferralOverdue', 'CheckFirstResponse']);

/**
 * decide(command, state): the events a command produces, or a domain error. Pure: "now" is
 * `command.metadata.occurredAt`, and ids come in on the command. What holds for every command (a case must
 * exist, a closed case takes only a few) is checked here; the rest is the command's own decide function.
 */
export function decide(command: CaseCommand, state: CaseState, ctx: DecideContext): CaseEvent[] {
  if (command.type === 'OpenCase') {
    if (state.status !== 'none') {
      throw new IllegalStateError(E.CASE_ALREADY_EXISTS, `case ${command.data.caseId} already exists`);
    }
    return openCase(command, ctx);
  }
  if (state.status === 'none') throw new NotFoundError(E.CASE_NOT_FOUND, 'no such case');
  if (state.status === 'closed' && !ON_CLOSED.has(command.type)) {
    if (TIMERS.has(command.type)) return [];
    throw new IllegalStateError(E.CASE_CLOSED, 'the case is closed; only reopening it is possible');
  }
  const decideOn = DECIDERS[command.type] as DecideOn<CaseCommand>;
  return decideOn(command, state as ExistingCase, ctx);
}

/**
 * Several commands on one case, each decided on the state the previous ones left: all their events, or the
 * first refusal. For writers that record one act as several commands in one append (an incident's child:
 * opened together with its referrals).
 */
export function decideMany(
  commands: readonly CaseCommand[],
  state: CaseState,
  ctx: DecideContext,
): { events: CaseEvent[]; state: CaseState } {
  const events: CaseEvent[] = [];
  let current = state;
  for (const command of commands) {
    const produced = decide(command, current, ctx);
    current = produced.reduce(evolve, current);
    events.push(...produced);
  }
  return { events, state: current };
}

/** The decider as one value, for the given/when/then helper and the command handlers. */
export function caseDecider(ctx: DecideContext) {
  return {
    initialState,
    evolve,
    decide: (command: CaseCommand, state: CaseState) => decide(command, state, ctx),
  };
}
