// Child marriage outcome, closure, reopening and erasure (see case-fixtures.ts).
import {
  type CaseClosed,
  type CaseReopened,
  type ChildMarriageOutcomeRecorded,
  type CloseCase,
  type ErasePersonalData,
  type PersonalDataErased,
  type RecordChildMarriageOutcome,
  type ReopenCase,
} from '@sen/case-domain';
import { CASE_ID, CHILD_ID, h, type By, commandMeta, eventMeta, T } from './case-fixtures';

export function recordChildMarriageOutcome(
  data: Partial<RecordChildMarriageOutcome['data']> = {},
  by: By = {},
): RecordChildMarriageOutcome {
  return {
    type: 'RecordChildMarriageOutcome',
    data: { outcome: 'prevented', at: h(T.outcome), ...data },
    metadata: commandMeta(h(T.outcome), by),
  };
}

export function childMarriageOutcomeRecorded(
  data: Partial<ChildMarriageOutcomeRecorded['data']> = {},
  by: By = {},
): ChildMarriageOutcomeRecorded {
  return {
    type: 'ChildMarriageOutcomeRecorded',
    data: { caseId: CASE_ID, outcome: 'prevented', at: h(T.outcome), ...data },
    metadata: eventMeta(h(T.outcome), by),
  };
}

export function closeCase(data: Partial<CloseCase['data']> = {}, by: By = {}): CloseCase {
  return {
    type: 'CloseCase',
    data: { reason: 'child_safe', notes: 'living with the grandmother', ...data },
    metadata: commandMeta(h(T.closed), by),
  };
}

export function caseClosed(data: Partial<CaseClosed['data']> = {}, by: By = {}): CaseClosed {
  return {
    type: 'CaseClosed',
    data: { caseId: CASE_ID, reason: 'child_safe', notes: 'living with the grandmother', ...data },
    metadata: eventMeta(h(T.closed), by),
  };
}

export function reopenCase(data: Partial<ReopenCase['data']> = {}, by: By = {}): ReopenCase {
  return {
    type: 'ReopenCase',
    data: { reason: 'new report of violence', ...data },
    metadata: commandMeta(h(T.reopened), by),
  };
}

export function caseReopened(data: Partial<CaseReopened['data']> = {}, by: By = {}): CaseReopened {
  return {
    type: 'CaseReopened',
    data: { caseId: CASE_ID, reason: 'new report of violence', ...data },
    metadata: eventMeta(h(T.reopened), by),
  };
}

const asAdmin: By = { actorId: 'admin-1', actorRole: 'admin' };

export function erasePersonalData(data: Partial<ErasePersonalData['data']> = {}, by: By = {}): ErasePersonalData {
  by = { ...asAdmin, ...by };
  return {
    type: 'ErasePersonalData',
    data: { reason: 'request of the guardian', ...data },
    metadata: commandMeta(h(T.erased), by),
  };
}

export function personalDataErased(data: Partial<PersonalDataErased['data']> = {}, by: By = {}): PersonalDataErased {
  by = { ...asAdmin, ...by };
  return {
    type: 'PersonalDataErased',
    data: { caseId: CASE_ID, childId: CHILD_ID, reason: 'request of the guardian', ...data },
    metadata: eventMeta(h(T.erased), by),
  };
}
