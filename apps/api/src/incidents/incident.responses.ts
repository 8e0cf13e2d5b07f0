import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  anyObject,
  arrayOf,
  instant,
  int,
  nullable,
  num,
  obj,
  oneOfStrings,
  str,
  uuid,
} from '../common/response-schemas';

/** The response schemas of the incident and family-tracing routes, written from their controllers. */
const incidentProps: Record<string, SchemaObject> = {
  incidentId: uuid,
  type: str,
  name: str,
  areaCodes: arrayOf(str),
  startedAt: instant,
  description: str,
  createdAt: instant,
};
export const INCIDENT = obj(incidentProps);
export const INCIDENTS = obj({ items: arrayOf(INCIDENT) });
export const INCIDENT_WITH_FIGURES = obj({
  ...incidentProps,
  figures: obj({
    registered: int,
    reachedWithin12h: int,
    missed12h: int,
    stillWaiting: int,
    waitingPastDeadline: int,
    injured: int,
    separated: int,
    unaccompanied: int,
    reunified: int,
    tracingRequests: obj({ open: int, matched: int, reunited: int, closed: int }),
  }),
});

/** POST /incidents/{id}/children: one result a child, created or refused with the reason. */
export const CHILDREN_REGISTERED = obj({
  incidentId: uuid,
  created: int,
  replayed: int,
  refused: int,
  position: nullable(int),
  results: arrayOf(
    obj(
      {
        index: int,
        status: oneOfStrings('created', 'refused'),
        replayed: { type: 'boolean' },
        caseId: uuid,
        childId: uuid,
        referrals: arrayOf(anyObject),
        firstResponseBy: nullable(str),
        code: str,
        message: str,
        details: arrayOf(anyObject),
      },
      ['replayed', 'caseId', 'childId', 'referrals', 'firstResponseBy', 'code', 'message', 'details'],
    ),
  ),
});

const requester = obj({ name: str, phone: str, relation: str });
const soughtProps: Record<string, SchemaObject> = {
  fullName: str,
  sex: nullable(str),
  ageYears: nullable(int),
  lastSeenAreaCode: str,
  lastSeenAt: nullable(instant),
};
const match = obj({
  caseId: uuid,
  childId: uuid,
  childName: str,
  sex: nullable(str),
  ageYears: nullable(int),
  areaCode: str,
  incidentId: nullable(uuid),
  score: num,
  reasons: arrayOf(str),
  decision: nullable(oneOfStrings('confirmed', 'rejected')),
});

/** One tracing request with its proposed matches. */
export const TRACING_REQUEST = obj({
  requestId: uuid,
  incidentId: nullable(uuid),
  status: str,
  requester,
  sought: obj({ ...soughtProps, description: str }),
  matchedCaseId: nullable(uuid),
  reunitedAt: nullable(instant),
  matches: arrayOf(match),
  rejectedCaseIds: arrayOf(uuid),
});

export const TRACING_LIST = obj({
  items: arrayOf(
    obj({
      requestId: uuid,
      incidentId: nullable(uuid),
      status: str,
      requester,
      sought: obj(soughtProps),
      matchedCaseId: nullable(uuid),
      createdAt: instant,
      reunitedAt: nullable(instant),
    }),
  ),
  nextCursor: nullable(str),
});

export const REUNITED = obj({
  requestId: uuid,
  caseId: uuid,
  status: oneOfStrings('reunited'),
  version: int,
  position: nullable(int),
});
