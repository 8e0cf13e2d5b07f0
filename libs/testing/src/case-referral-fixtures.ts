// Referrals, and the commands the deadline timers send (see case-fixtures.ts).
import {
  type AcceptReferral,
  type AcknowledgeReferral,
  type CheckFirstResponse,
  type CompleteReferral,
  type DeclineReferral,
  type IssueReferral,
  type MarkReferralOverdue,
  type ReferralAccepted,
  type ReferralAcknowledged,
  type ReferralCompleted,
  type ReferralDeclined,
  type ReferralIssued,
  type ReferralOverdue,
  addDays,
  addHours,
} from '@sen/case-domain';
import {
  CASE_ID,
  AREA,
  REFERRAL_ID,
  h,
  type By,
  commandMeta,
  eventMeta,
  T,
  asOfficer,
  asSystem,
} from './case-fixtures';
import { testPolicy } from './domain-fixtures';

export function issueReferral(data: Partial<IssueReferral['data']> = {}, by: By = {}): IssueReferral {
  return {
    type: 'IssueReferral',
    data: { referralId: REFERRAL_ID, toAgency: 'police', reason: 'investigate the father', urgency: 'urgent', ...data },
    metadata: commandMeta(h(T.referral), by),
  };
}

/** A referral as issued; its deadlines follow from the issue time and the test policy unless given. */
export function referralIssued(data: Partial<ReferralIssued['data']> = {}, by: By = {}): ReferralIssued {
  const at = by.at ?? h(T.referral);
  const urgency = data.urgency ?? 'urgent';
  return {
    type: 'ReferralIssued',
    data: {
      caseId: CASE_ID,
      referralId: REFERRAL_ID,
      toAgency: 'police',
      reason: 'investigate the father',
      urgency,
      acknowledgeBy: addHours(at, testPolicy.referralAcknowledgeHours[urgency]),
      dueAt: addDays(at, testPolicy.referralCompletionDefaultDays),
      areaCode: AREA,
      ...data,
    },
    metadata: eventMeta(at, by),
  };
}

export function acknowledgeReferral(data: Partial<AcknowledgeReferral['data']> = {}, by: By = {}): AcknowledgeReferral {
  by = { ...asOfficer, ...by };
  return {
    type: 'AcknowledgeReferral',
    data: { referralId: REFERRAL_ID, ...data },
    metadata: commandMeta(h(T.acknowledged), by),
  };
}

export function referralAcknowledged(
  data: Partial<ReferralAcknowledged['data']> = {},
  by: By = {},
): ReferralAcknowledged {
  by = { ...asOfficer, ...by };
  const at = by.at ?? h(T.acknowledged);
  return {
    type: 'ReferralAcknowledged',
    data: { caseId: CASE_ID, referralId: REFERRAL_ID, at, ...data },
    metadata: eventMeta(at, by),
  };
}

export function acceptReferral(data: Partial<AcceptReferral['data']> = {}, by: By = {}): AcceptReferral {
  by = { ...asOfficer, ...by };
  return {
    type: 'AcceptReferral',
    data: { referralId: REFERRAL_ID, ...data },
    metadata: commandMeta(h(T.accepted), by),
  };
}

export function referralAccepted(data: Partial<ReferralAccepted['data']> = {}, by: By = {}): ReferralAccepted {
  by = { ...asOfficer, ...by };
  const at = by.at ?? h(T.accepted);
  return {
    type: 'ReferralAccepted',
    data: { caseId: CASE_ID, referralId: REFERRAL_ID, at, ...data },
    metadata: eventMeta(at, by),
  };
}

export function declineReferral(data: Partial<DeclineReferral['data']> = {}, by: By = {}): DeclineReferral {
  by = { ...asOfficer, ...by };
  return {
    type: 'DeclineReferral',
    data: { referralId: REFERRAL_ID, reason: 'not our district', ...data },
    metadata: commandMeta(h(T.declined), by),
  };
}

export function referralDeclined(data: Partial<ReferralDeclined['data']> = {}, by: By = {}): ReferralDeclined {
  by = { ...asOfficer, ...by };
  const at = by.at ?? h(T.declined);
  return {
    type: 'ReferralDeclined',
    data: { caseId: CASE_ID, referralId: REFERRAL_ID, reason: 'not our district', at, ...data },
    metadata: eventMeta(at, by),
  };
}

export function completeReferral(data: Partial<CompleteReferral['data']> = {}, by: By = {}): CompleteReferral {
  by = { ...asOfficer, ...by };
  return {
    type: 'CompleteReferral',
    data: { referralId: REFERRAL_ID, outcome: 'father charged', servicesProvided: ['legal'], ...data },
    metadata: commandMeta(h(T.completed), by),
  };
}

export function referralCompleted(data: Partial<ReferralCompleted['data']> = {}, by: By = {}): ReferralCompleted {
  by = { ...asOfficer, ...by };
  const at = by.at ?? h(T.completed);
  return {
    type: 'ReferralCompleted',
    data: {
      caseId: CASE_ID,
      referralId: REFERRAL_ID,
      outcome: 'father charged',
      servicesProvided: ['legal'],
      at,
      ...data,
    },
    metadata: eventMeta(at, by),
  };
}

export function markReferralOverdue(data: Partial<MarkReferralOverdue['data']> = {}, by: By = {}): MarkReferralOverdue {
  by = { ...asSystem, ...by };
  return {
    type: 'MarkReferralOverdue',
    data: { referralId: REFERRAL_ID, deadline: 'acknowledge', ...data },
    metadata: commandMeta(h(T.referral + 12), by),
  };
}

export function referralOverdue(data: Partial<ReferralOverdue['data']> = {}, by: By = {}): ReferralOverdue {
  by = { ...asSystem, ...by };
  return {
    type: 'ReferralOverdue',
    data: { caseId: CASE_ID, referralId: REFERRAL_ID, deadline: 'acknowledge', dueAt: h(T.referral + 12), ...data },
    metadata: eventMeta(h(T.referral + 12), by),
  };
}

export function checkFirstResponse(data: Partial<CheckFirstResponse['data']> = {}, by: By = {}): CheckFirstResponse {
  by = { ...asSystem, ...by };
  return { type: 'CheckFirstResponse', data: { nextLevel: 'district', ...data }, metadata: commandMeta(h(12), by) };
}
