import { arrayOf, bool, instant, int, nullable, obj, str, uuid } from '../common/response-schemas';

/** The response schemas of the agency's referral routes, written from inboxItem and the controller. */
export const INBOX_ITEM = obj({
  referralId: uuid,
  caseId: uuid,
  caseVersion: int,
  toAgency: str,
  unitCode: nullable(str),
  status: str,
  urgency: str,
  reason: str,
  issuedAt: instant,
  acknowledgeBy: instant,
  dueAt: instant,
  acknowledgedAt: nullable(instant),
  acceptedAt: nullable(instant),
  declinedAt: nullable(instant),
  completedAt: nullable(instant),
  overdue: obj({ acknowledge: bool, complete: bool }),
  child: obj({ givenName: nullable(str), ageYears: nullable(int), sex: nullable(str) }),
  category: str,
  riskLevel: nullable(str),
  areaCode: str,
  caseStatus: str,
});

export const INBOX = obj({ items: arrayOf(INBOX_ITEM), nextCursor: nullable(str) });

/** POST /referrals/{id}/acknowledge, accept, decline, complete. */
export const REFERRAL_COMMAND = obj({ referralId: uuid, caseId: uuid, version: int, position: nullable(int) });
