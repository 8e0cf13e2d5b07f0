import { arrayOf, bool, instant, int, nullable, obj, oneOfStrings, str, uuid } from '../common/response-schemas';

/** The response schemas of the admin routes, written from their controllers. */
export const ACCESS_LOG = obj({
  items: arrayOf(
    obj({
      id: int,
      at: instant,
      userId: uuid,
      username: str,
      role: str,
      caseId: nullable(uuid),
      childId: nullable(uuid),
      endpoint: str,
      method: str,
      requestId: str,
    }),
  ),
  nextBefore: nullable(int),
});

export const ERASED = obj({ childId: uuid, erasedAt: instant, cases: arrayOf(uuid), position: nullable(int) });

const parked = obj({
  id: int,
  projection: str,
  streamId: str,
  caseId: str,
  streamRevision: int,
  position: int,
  eventId: nullable(str),
  eventType: str,
  errorCode: str,
  errorMessage: str,
  status: oneOfStrings('parked', 'replayed'),
  parkedAt: instant,
  attempts: int,
  lastAttemptAt: nullable(instant),
  replayedAt: nullable(instant),
});
export const PARKED_LIST = obj({ items: arrayOf(parked) });

export const PARKED_REPLAY = obj(
  {
    projection: str,
    caseId: str,
    ids: arrayOf(int),
    outcome: oneOfStrings('replayed', 'failed'),
    error: obj({ code: str, message: str, id: int }),
  },
  ['error'],
);

export const ADMIN_USER = obj({
  userId: uuid,
  username: str,
  displayName: str,
  role: str,
  agency: nullable(str),
  unitCode: nullable(str),
  areaCodes: arrayOf(str),
  active: bool,
  demo: bool,
  failedLogins: int,
  lockedUntil: nullable(instant),
  createdAt: instant,
});
export const ADMIN_USERS = obj({ items: arrayOf(ADMIN_USER) });
