import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  anyObject,
  arrayOf,
  bool,
  commandResult,
  int,
  nullable,
  obj,
  oneOfStrings,
  str,
  uuid,
} from '../common/response-schemas';

/** The response schemas of the case routes, written from what their controllers return. */

/** POST /cases. */
export const OPENED_CASE = obj({ caseId: uuid, childId: uuid, version: int, position: int });

/** A command on a case; POST /support-plan adds the plan's id, POST /referrals the referral's. */
export const CASE_COMMAND = commandResult();
export const PLAN_PROPOSED = commandResult({ planId: uuid });
export const REFERRAL_ISSUED = commandResult({ referralId: uuid });

// Timestamps of the case file are the strings the events carry (ISO-8601, with an offset or Z): typed as
// strings, not date-time, because the case view repeats them as they were recorded.
const deadline = obj({
  dueAt: nullable(str),
  doneAt: nullable(str),
  status: oneOfStrings('met', 'missed', 'pending', 'overdue', 'not_applicable'),
});

/** GET /cases/{id} (fullCaseView): the top level exactly, its parts as objects and arrays. */
export const CASE_VIEW: SchemaObject = obj(
  {
    caseId: uuid,
    version: int,
    status: oneOfStrings('open', 'assessed', 'in_support', 'closed'),
    childId: uuid,
    child: anyObject,
    category: str,
    summary: str,
    areaCode: str,
    level: str,
    reportedAt: str,
    source: str,
    reporter: nullable(anyObject),
    incidentId: nullable(uuid),
    openedAt: str,
    openedBy: str,
    assigneeId: nullable(str),
    risk: nullable(anyObject),
    emergencyMeasures: arrayOf(anyObject),
    consent: nullable(anyObject),
    detailedAssessment: nullable(anyObject),
    plan: obj({ approved: nullable(anyObject), latest: nullable(anyObject) }),
    support: arrayOf(anyObject),
    referrals: arrayOf({
      type: 'object',
      required: ['referralId', 'status', 'deadlines'],
      properties: { referralId: uuid, status: str, deadlines: obj({ acknowledge: deadline, complete: deadline }) },
    }),
    escalations: arrayOf(anyObject),
    firstResponseAt: nullable(str),
    childMarriageOutcome: nullable(anyObject),
    closures: arrayOf(anyObject),
    reopenings: arrayOf(anyObject),
    personalDataErased: bool,
    deadlines: obj({ firstResponse: deadline, plan: deadline }),
    closedAt: str,
    closureReason: str,
  },
  ['closedAt', 'closureReason'],
);

/** GET /cases/{id}/history. */
export const CASE_HISTORY = obj({
  caseId: uuid,
  asOf: nullable({ type: 'string', format: 'date-time' }),
  version: int,
  state: nullable(CASE_VIEW),
  events: arrayOf(
    obj({
      version: int,
      position: int,
      type: str,
      data: anyObject,
      actorId: str,
      actorRole: str,
      occurredAt: str,
      recordedAt: { type: 'string', format: 'date-time' },
    }),
  ),
});

const at = { type: 'string', format: 'date-time' } as const;
/** GET /cases (listCases). */
export const CASE_LIST = obj({
  items: arrayOf(
    obj({
      caseId: uuid,
      childId: uuid,
      childName: str,
      sex: nullable(str),
      ageYears: nullable(int),
      category: str,
      status: str,
      riskLevel: nullable(str),
      verification: nullable(str),
      areaCode: str,
      level: str,
      reportedAt: at,
      assigneeId: nullable(str),
      incidentId: nullable(uuid),
      firstResponseDue: nullable(at),
      firstResponseAt: nullable(at),
      planDue: at,
      planProposedAt: nullable(at),
      planStatus: nullable(str),
      openReferrals: int,
      referrals: arrayOf({}),
      nextDueAt: nullable(at),
      overdue: bool,
      escalated: bool,
      closedAt: nullable(at),
      version: int,
    }),
  ),
  nextCursor: nullable(str),
});
