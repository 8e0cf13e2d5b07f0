// Issue "security", done-when 1: one table drives the access matrix — every endpoint × every role × a record
// in scope and one out of scope → the expected status. The table is checked against the routes the API
// actually serves (its OpenAPI document), so a new endpoint without an entry fails this test.
// Issue 20, point 4: a status alone proves little (a 404 may be a typo'd route, a 200 may hold the wrong
// records). Every refusal is also checked for its error `code` (401 UNAUTHENTICATED and 403 FORBIDDEN by
// default, any other declared next to its status), every answer that can be 2xx has a `check` of its content
// (an entry without one fails the last test), and no answer to anyone carries the out-of-scope child's data.
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { hash } from '@node-rs/argon2';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

type Role = 'anonymous' | 'social_worker' | 'supervisor' | 'agency_officer' | 'analyst' | 'admin';
const ROLES: Role[] = ['anonymous', 'social_worker', 'supervisor', 'agency_officer', 'analyst', 'admin'];
/** The user who plays each role: a worker, a supervisor and a police officer of Xã Tân Hồng (29926). */
const USERS: Record<Exclude<Role, 'anonymous'>, string> = {
  social_worker: 'worker1',
  supervisor: 'sup_tanhong',
  agency_officer: 'police_tanhong',
  analyst: 'analyst',
  admin: 'admin',
};

/**
 * An expected answer: a status, or a status and the error `code` it must carry ('403 AREA_OUT_OF_SCOPE'). A bare
 * refusal status takes its code from the entry's `codes`, else from DEFAULT_CODES; one with neither fails.
 */
type Outcome = number | `${number} ${string}`;
/** Expected answer per role: one outcome (no record involved) or [in scope, out of scope]. */
type Expect = Partial<Record<Role, Outcome | [Outcome, Outcome]>> & { default: Outcome | [Outcome, Outcome] };
/** Who is refused for not being signed in, or for their role, is told so by these codes (DESIGN §5 errors). */
const DEFAULT_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };
/** What a check reads: the JSON body and the raw text (CSV, Prometheus text). */
interface Answer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

interface Fixture {
  caseIn: string;
  caseOut: string;
  referralIn: string;
  referralOut: string;
  childToErase: string;
  caseToErase: string;
  userToPatch: string;
  assignee: string;
  /** worker2, who works in Xã Tân Thành (29938) only. */
  assigneeOut: string;
  incidentIn: string;
  incidentOut: string;
  tracingIn: string;
  tracingOut: string;
  /** A request worker1 and worker2 may both read (last seen anywhere in the province), opened by worker2. */
  tracingShared: string;
  /** A child registered in tracingIn's incident that its request proposes as a match. */
  matchIn: string;
  /** Personal data of the out-of-scope records (caseOut's child and reporter, tracingOut's family). */
  outOfScopePii: string[];
}

/** The children's names the fixture and the matrix's own writes put in the system. */
const NAME_IN = 'Trẻ Kiểm Thử';
const NAME_OUT = 'Hà Thị Ngoài Vùng';
const CHILD_NAMES = [NAME_IN, NAME_OUT, 'Lò Thị Tìm', 'Đinh Thị Ma Trận', 'Lò Văn Lũ', 'Lò Văn Lạc', 'Cao Văn Xa'];
/** Keys that carry personal data or case notes: never in an agency officer's referral view nor an aggregate. */
const PERSONAL_KEYS = ['fullName', 'childName', 'reporter', 'notes', 'summary', 'phone', 'dateOfBirth', 'requester'];
const keysOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysOf)
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)])
      : [];
/** An aggregate: no personal key, no child's name anywhere in the text (JSON or CSV). */
const noPersonalData = (a: Answer) => {
  expect(keysOf(a.body).filter((k) => PERSONAL_KEYS.includes(k))).toEqual([]);
  expect(CHILD_NAMES.filter((n) => a.text.includes(n))).toEqual([]);
};
const ids = (items: Record<string, unknown>[], key: string) => items.map((i) => i[key]);

interface Entry {
  expect: Expect;
  /** The error code of each refusal status of this entry that is not in DEFAULT_CODES (or overrides it). */
  codes?: Record<number, string>;
  /** Checks the content of a 2xx answer; required of every entry that can answer 2xx. */
  check?: (a: Answer, f: Fixture, inScope: boolean, role: Role) => void;
  /** Path and body for the in-scope (true) or out-of-scope (false) record. */
  request: (f: Fixture, inScope: boolean) => { path: string; body?: object; ifMatch?: string };
  /** The request ends the caller's sessions (sign-out): the role gets a new token afterwards. */
  signsOut?: true;
}

const STALE = '999'; // commands reach the domain (409 VERSION_CONFLICT) without changing anything
const worker = (inOut: [Outcome, Outcome]): Expect => ({
  default: 403,
  anonymous: 401,
  social_worker: inOut,
  supervisor: inOut,
});
const CASE_CODES = { 404: 'CASE_NOT_FOUND', 409: 'VERSION_CONFLICT' };
const caseCommand = (path: string, body: object): Entry => ({
  expect: worker([409, 404]),
  codes: CASE_CODES,
  request: (f, i) => ({ path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}/${path}`, body, ifMatch: STALE }),
});
const supervisorCommand = (path: string, body: object): Entry => ({
  expect: { default: 403, anonymous: 401, supervisor: [409, 404] },
  codes: CASE_CODES,
  request: (f, i) => ({ path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}/${path}`, body, ifMatch: STALE }),
});
const referralCommand = (path: string, body?: object): Entry => ({
  expect: { default: 403, anonymous: 401, agency_officer: [409, 404] },
  codes: { 404: 'REFERRAL_NOT_FOUND', 409: 'VERSION_CONFLICT' },
  request: (f, i) => ({
    path: `/api/v1/referrals/${i ? f.referralIn : f.referralOut}/${path}`,
    ...(body ? { body } : {}),
    ifMatch: STALE,
  }),
});
/** Aggregates: supervisors within their area (another area is 403: aggregates are not records), analysts province-wide. */
const aggregate = (path: (area: string) => string, check: (a: Answer, area: string) => void): Entry => ({
  expect: { default: 403, anonymous: 401, supervisor: [200, '403 AREA_OUT_OF_SCOPE'], analyst: [200, 200] },
  request: (_f, i) => ({ path: path(i ? '29926' : '29938') }),
  check: (a, _f, i) => {
    check(a, i ? '29926' : '29938');
    noPersonalData(a);
  },
});
const everyone = (path: string, check: Entry['check']): Entry => ({
  expect: { default: 200 },
  request: () => ({ path }),
  check,
});
const signedIn = (path: string, check: Entry['check']): Entry => ({
  expect: { default: 200, anonymous: 401 },
  request: () => ({ path }),
  check,
});
/** A tracing request's view after a decision on its match (in scope: tracingIn and matchIn). */
const decided =
  (check: (a: Answer, f: Fixture) => void): Entry['check'] =>
  (a, f) => {
    expect(a.body.requestId).toBe(f.tracingIn);
    check(a, f);
  };
const at = '2026-11-20T08:00:00+07:00';

const MATRIX: Record<string, Entry> = {
  'POST /api/v1/auth/login': {
    expect: { default: 200 },
    request: () => ({ path: '/api/v1/auth/login', body: { username: 'worker2', password: 'sen-demo-2030' } }),
    check: (a) => {
      expect(a.body.user).toMatchObject({ username: 'worker2', role: 'social_worker', areaCodes: ['29938'] });
      expect(a.body.accessToken).toEqual(expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/));
      expect(keysOf(a.body).filter((k) => /password/i.test(k))).toEqual([]);
    },
  },
  'POST /api/v1/auth/logout': {
    expect: { default: 204, anonymous: 401 },
    request: () => ({ path: '/api/v1/auth/logout' }),
    signsOut: true,
    check: (a) => expect(a.text).toBe(''),
  },
  'GET /api/v1/me': signedIn('/api/v1/me', (a, _f, _i, role) =>
    expect(a.body).toMatchObject({ username: USERS[role as Exclude<Role, 'anonymous'>], role }),
  ),
  'GET /api/v1/areas': signedIn('/api/v1/areas', (a) =>
    expect(ids(a.body.areas, 'code')).toEqual(expect.arrayContaining(['82', '29926', '29938'])),
  ),
  'GET /health/live': everyone('/health/live', (a) => expect(a.body.status).toBe('ok')),
  'GET /health/ready': everyone('/health/ready', (a) =>
    expect(a.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, eventStore: { status: 'up' }, redis: { status: 'up' } },
    }),
  ),
  'GET /metrics': everyone('/metrics', (a) => {
    expect(a.text).toMatch(/^process_cpu_user_seconds_total\{/m);
    expect(CHILD_NAMES.filter((n) => a.text.includes(n))).toEqual([]);
  }),
  'GET /api/v1/cases': {
    expect: { default: 403, anonymous: 401, social_worker: 200, supervisor: 200 },
    request: () => ({ path: '/api/v1/cases?limit=100' }),
    check: (a, f) => {
      expect(ids(a.body.items, 'caseId')).toContain(f.caseIn);
      expect(ids(a.body.items, 'caseId')).not.toContain(f.caseOut);
      expect([...new Set(ids(a.body.items, 'areaCode'))]).toEqual(['29926']);
      expect(a.body.items.find((c: { caseId: string }) => c.caseId === f.caseIn).childName).toBe(NAME_IN);
    },
  },
  'POST /api/v1/cases': {
    expect: { default: 403, anonymous: 401, social_worker: [201, '403 AREA_OUT_OF_SCOPE'] },
    request: (_f, i) => ({
      path: '/api/v1/cases',
      body: {
        child: { fullName: 'Đinh Thị Ma Trận', sex: 'female', ageYears: 7 },
        category: 'neglect',
        summary: 'kiểm tra',
        location: { areaCode: i ? '29926' : '29938' },
        reportedAt: at,
        source: 'walk_in',
      },
    }),
    check: (a, f) => {
      expect(a.body).toMatchObject({ caseId: expect.any(String), childId: expect.any(String), version: 1 });
      expect([f.caseIn, f.caseOut]).not.toContain(a.body.caseId);
    },
  },
  'GET /api/v1/cases/{id}': {
    expect: worker([200, 404]),
    codes: CASE_CODES,
    request: (f, i) => ({ path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}` }),
    check: (a, f) => {
      expect(a.body).toMatchObject({ caseId: f.caseIn, areaCode: '29926', child: { fullName: NAME_IN } });
      expect(ids(a.body.referrals, 'referralId')).toEqual([f.referralIn]);
    },
  },
  'GET /api/v1/cases/{id}/history': {
    expect: worker([200, 404]),
    codes: CASE_CODES,
    request: (f, i) => ({ path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}/history` }),
    check: (a, f) => expect(a.body).toMatchObject({ caseId: f.caseIn, state: { caseId: f.caseIn, areaCode: '29926' } }),
  },
  'POST /api/v1/cases/{id}/risk-assessments': caseCommand('risk-assessments', {
    level: 'low',
    verification: 'confirmed',
    factors: [],
    notes: '',
    assessedAt: at,
  }),
  'POST /api/v1/cases/{id}/emergency-measures': caseCommand('emergency-measures', {
    measure: 'other',
    appliedAt: at,
    notes: '',
  }),
  'POST /api/v1/cases/{id}/detailed-assessment': caseCommand('detailed-assessment', { needs: ['x'], notes: '', at }),
  'POST /api/v1/cases/{id}/consent': caseCommand('consent', {
    givenBy: 'parent',
    forServices: true,
    forReferral: true,
    forReporting: true,
  }),
  'POST /api/v1/cases/{id}/assignments': {
    expect: worker([409, 404]),
    codes: CASE_CODES,
    request: (f, i) => ({
      path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}/assignments`,
      body: { assigneeId: f.assignee },
      ifMatch: STALE,
    }),
  },
  'POST /api/v1/cases/{id}/transfers': caseCommand('transfers', { toAreaCode: '29938', reason: 'moved' }),
  'POST /api/v1/cases/{id}/escalations': caseCommand('escalations', { toLevel: 'province', reason: 'x' }),
  'POST /api/v1/cases/{id}/support-plan': caseCommand('support-plan', {
    goals: ['x'],
    services: [{ service: 'medical', agency: 'health', dueAt: '2026-12-30T00:00:00Z' }],
    reviewAt: '2026-12-30T00:00:00Z',
  }),
  'POST /api/v1/cases/{id}/support-plan/approve': supervisorCommand('support-plan/approve', { comment: '' }),
  'POST /api/v1/cases/{id}/support-plan/reject': supervisorCommand('support-plan/reject', { comment: '' }),
  'POST /api/v1/cases/{id}/support': caseCommand('support', {
    service: 'medical',
    agency: 'health',
    providedAt: at,
    notes: '',
  }),
  'POST /api/v1/cases/{id}/referrals': caseCommand('referrals', {
    toAgency: 'police',
    reason: 'x',
    urgency: 'routine',
  }),
  'POST /api/v1/cases/{id}/child-marriage-outcome': caseCommand('child-marriage-outcome', { outcome: 'prevented', at }),
  'POST /api/v1/cases/{id}/closure': caseCommand('closure', { reason: 'other', notes: '' }),
  'POST /api/v1/cases/{id}/reopen': caseCommand('reopen', { reason: 'x' }),
  // An agency officer sees only what a referral needs (DESIGN §6): the child's given name, age and sex, never
  // the full name, the reporter, the summary or notes.
  'GET /api/v1/referrals/inbox': {
    expect: { default: 403, anonymous: 401, agency_officer: 200 },
    request: () => ({ path: '/api/v1/referrals/inbox' }),
    check: (a, f) => {
      expect(ids(a.body.items, 'referralId')).toContain(f.referralIn);
      expect(ids(a.body.items, 'referralId')).not.toContain(f.referralOut);
      expect([...new Set(ids(a.body.items, 'toAgency'))]).toEqual(['police']);
      expect(keysOf(a.body).filter((k) => PERSONAL_KEYS.includes(k))).toEqual([]);
      expect(CHILD_NAMES.filter((n) => a.text.includes(n))).toEqual([]);
    },
  },
  'GET /api/v1/referrals/{id}': {
    expect: { default: 403, anonymous: 401, agency_officer: [200, 404] },
    codes: { 404: 'REFERRAL_NOT_FOUND' },
    request: (f, i) => ({ path: `/api/v1/referrals/${i ? f.referralIn : f.referralOut}` }),
    check: (a, f) => {
      expect(a.body).toMatchObject({ referralId: f.referralIn, caseId: f.caseIn, toAgency: 'police' });
      expect(a.body.child).toEqual({ givenName: 'Thử', ageYears: 9, sex: 'male' });
      expect(keysOf(a.body).filter((k) => PERSONAL_KEYS.includes(k))).toEqual([]);
      expect(CHILD_NAMES.filter((n) => a.text.includes(n))).toEqual([]);
    },
  },
  'POST /api/v1/referrals/{id}/acknowledge': referralCommand('acknowledge'),
  'POST /api/v1/referrals/{id}/accept': referralCommand('accept'),
  'POST /api/v1/referrals/{id}/decline': referralCommand('decline', { reason: 'x' }),
  'POST /api/v1/referrals/{id}/complete': referralCommand('complete', { outcome: 'x', servicesProvided: ['legal'] }),
  'GET /api/v1/indicators': aggregate(
    (area) => `/api/v1/indicators?year=2026&areaCode=${area}`,
    (a, area) => {
      expect(a.body).toMatchObject({ year: 2026, areaCode: area });
      expect(ids(a.body.indicators, 'number')).toEqual(Array.from({ length: 24 }, (_, n) => n + 1));
    },
  ),
  'GET /api/v1/indicators/export': aggregate(
    (area) => `/api/v1/indicators/export?format=csv&year=2026&areaCode=${area}`,
    (a, area) => {
      const rows = a.text.trim().split(/\r?\n/).slice(1);
      expect(rows.length).toBeGreaterThanOrEqual(24);
      expect(rows.filter((r) => !r.includes(`,2026,${area},`))).toEqual([]);
    },
  ),
  'GET /api/v1/indicators/{number}': aggregate(
    (area) => `/api/v1/indicators/9?year=2026&areaCode=${area}`,
    (a, area) => expect(a.body).toMatchObject({ number: 9, areaCode: area, result: { number: 9, areaCode: area } }),
  ),
  'POST /api/v1/indicators/{number}/figures': {
    // Indicator 1 is led by the social-affairs service: the police officer may not enter it.
    expect: {
      default: 403,
      anonymous: 401,
      agency_officer: '403 NOT_LEAD_AGENCY',
      supervisor: [201, '403 AREA_OUT_OF_SCOPE'],
    },
    request: (_f, i) => ({
      path: '/api/v1/indicators/1/figures',
      body: { year: 2025, areaCode: i ? '29926' : '29938', value: 61.5 },
    }),
    check: (a) =>
      expect(a.body).toMatchObject({
        indicator: 1,
        year: 2025,
        areaCode: '29926',
        value: 61.5,
        enteredRole: 'supervisor',
      }),
  },
  'GET /api/v1/dashboard/response-times': {
    expect: { default: 403, anonymous: 401, supervisor: [200, '403 AREA_OUT_OF_SCOPE'] },
    request: (_f, i) => ({ path: `/api/v1/dashboard/response-times?year=2026&areaCode=${i ? '29926' : '29938'}` }),
    check: (a) => {
      expect(a.body).toMatchObject({ year: 2026, areaCode: '29926' });
      // The fixture's cases of Tân Hồng wait for a first response: they are counted, Tân Thành's are not here.
      expect(a.body.totals.pending).toBeGreaterThanOrEqual(2);
      expect([...new Set(ids(a.body.groups, 'area'))]).toEqual(['29926']);
      noPersonalData(a);
    },
  },
  'GET /api/v1/dashboard/overdue': {
    expect: { default: 403, anonymous: 401, supervisor: [200, '403 AREA_OUT_OF_SCOPE'] },
    request: (_f, i) => ({ path: `/api/v1/dashboard/overdue?areaCode=${i ? '29926' : '29938'}` }),
    check: (a, f) => {
      expect(a.body).toMatchObject({ total: a.body.items.length, items: expect.any(Array) });
      expect(ids(a.body.items, 'caseId')).not.toContain(f.caseOut);
    },
  },
  'POST /api/v1/incidents': {
    expect: worker([201, '403 AREA_OUT_OF_SCOPE']),
    request: (_f, i) => ({
      path: '/api/v1/incidents',
      body: { type: 'flood', name: 'Lũ', areaCodes: [i ? '29926' : '29938'], startedAt: at },
    }),
    check: (a, f) => {
      expect(a.body).toMatchObject({ incidentId: expect.any(String), type: 'flood', areaCodes: ['29926'] });
      expect([f.incidentIn, f.incidentOut]).not.toContain(a.body.incidentId);
    },
  },
  'GET /api/v1/incidents': {
    expect: { default: 403, anonymous: 401, social_worker: 200, supervisor: 200 },
    request: () => ({ path: '/api/v1/incidents' }),
    check: (a, f) => {
      expect(ids(a.body.items, 'incidentId')).toContain(f.incidentIn);
      expect(ids(a.body.items, 'incidentId')).not.toContain(f.incidentOut);
    },
  },
  'GET /api/v1/incidents/{id}': {
    expect: worker([200, 404]),
    codes: { 404: 'INCIDENT_NOT_FOUND' },
    request: (f, i) => ({ path: `/api/v1/incidents/${i ? f.incidentIn : f.incidentOut}` }),
    check: (a, f) => expect(a.body).toMatchObject({ incidentId: f.incidentIn, areaCodes: ['29926'] }),
  },
  'POST /api/v1/incidents/{id}/children': {
    expect: worker([200, 404]),
    codes: { 404: 'INCIDENT_NOT_FOUND' },
    request: (f, i) => ({
      path: `/api/v1/incidents/${i ? f.incidentIn : f.incidentOut}/children`,
      body: { children: [{ fullName: 'Lò Văn Lũ', sex: 'male', ageYears: 5, areaCode: '29926' }] },
    }),
    check: (a, f) =>
      expect(a.body).toMatchObject({
        incidentId: f.incidentIn,
        created: 1,
        results: [{ index: 0, status: 'created', caseId: expect.any(String) }],
      }),
  },
  'POST /api/v1/tracing-requests': {
    expect: worker([201, 404]),
    codes: { 404: 'INCIDENT_NOT_FOUND' },
    request: (f, i) => ({
      path: '/api/v1/tracing-requests',
      body: {
        incidentId: i ? f.incidentIn : f.incidentOut,
        requester: { name: 'Người Tìm', phone: '0900000000', relation: 'father' },
        sought: { fullName: 'Lò Văn Lạc', lastSeenAreaCode: '29926' },
      },
    }),
    check: (a, f) =>
      expect(a.body).toMatchObject({ incidentId: f.incidentIn, status: 'open', sought: { fullName: 'Lò Văn Lạc' } }),
  },
  // A list filtered by an incident out of scope is empty, not refused: the same 200 either way.
  'GET /api/v1/tracing-requests': {
    expect: worker([200, 200]),
    request: (f, i) => ({ path: `/api/v1/tracing-requests?incidentId=${i ? f.incidentIn : f.incidentOut}` }),
    check: (a, f, i) => {
      if (!i) return expect(a.body.items).toEqual([]);
      expect(ids(a.body.items, 'requestId')).toContain(f.tracingIn);
      expect([...new Set(ids(a.body.items, 'incidentId'))]).toEqual([f.incidentIn]);
    },
  },
  'GET /api/v1/tracing-requests/{id}': {
    expect: worker([200, 404]),
    codes: { 404: 'TRACING_NOT_FOUND' },
    request: (f, i) => ({ path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingOut}` }),
    check: (a, f) => {
      expect(a.body).toMatchObject({ requestId: f.tracingIn, incidentId: f.incidentIn });
      expect(ids(a.body.matches, 'caseId')).toContain(f.matchIn);
    },
  },
  // A decision on a match is scoped like the case it names: out of scope is a request the caller may read
  // (tracingShared) naming a child of another commune (caseOut), which must not be confirmed nor rejected.
  'POST /api/v1/tracing-requests/{id}/matches/{caseId}/confirm': {
    expect: worker([200, 404]),
    codes: CASE_CODES,
    request: (f, i) => ({
      path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingShared}/matches/${i ? f.matchIn : f.caseOut}/confirm`,
    }),
    check: decided((a, f) => expect(a.body).toMatchObject({ status: 'matched', matchedCaseId: f.matchIn })),
  },
  'POST /api/v1/tracing-requests/{id}/matches/{caseId}/reject': {
    expect: worker([200, 404]),
    codes: CASE_CODES,
    request: (f, i) => ({
      path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingShared}/matches/${i ? f.matchIn : f.caseOut}/reject`,
    }),
    check: decided((a, f) => {
      expect(a.body).toMatchObject({ status: 'open', matchedCaseId: null, rejectedCaseIds: [f.matchIn] });
      expect(ids(a.body.matches, 'caseId')).not.toContain(f.matchIn);
    }),
  },
  // Only the request's owner (worker1 opened tracingIn) restores a rejected match; the supervisor who may read
  // it gets 403; the case of another commune is 404 even on a request one may read.
  'POST /api/v1/tracing-requests/{id}/matches/{caseId}/restore': {
    expect: {
      default: 403,
      anonymous: 401,
      social_worker: [200, 404],
      supervisor: ['403 TRACING_NOT_OWNER', 404],
    },
    codes: CASE_CODES,
    request: (f, i) => ({
      path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingShared}/matches/${i ? f.matchIn : f.caseOut}/restore`,
    }),
    check: decided((a, f) => {
      expect(a.body.rejectedCaseIds).toEqual([]);
      expect(a.body.matches).toContainEqual(expect.objectContaining({ caseId: f.matchIn, decision: null }));
    }),
  },
  'POST /api/v1/tracing-requests/{id}/reunite': {
    expect: worker([409, 404]), // in scope: no confirmed match yet
    codes: { 404: 'TRACING_NOT_FOUND', 409: 'TRACING_NOT_MATCHED' },
    request: (f, i) => ({
      path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingOut}/reunite`,
      body: {},
      ifMatch: '1',
    }),
  },
  'GET /api/v1/admin/users': {
    expect: { default: 403, anonymous: 401, admin: 200 },
    request: () => ({ path: '/api/v1/admin/users' }),
    check: (a, f) => {
      expect(ids(a.body.items, 'username')).toEqual(
        expect.arrayContaining(['worker1', 'worker2', 'sup_tanhong', 'police_tanhong', 'analyst', 'admin']),
      );
      expect(ids(a.body.items, 'userId')).toEqual(expect.arrayContaining([f.assignee, f.assigneeOut, f.userToPatch]));
      expect(keysOf(a.body).filter((k) => /password|hash/i.test(k))).toEqual([]);
    },
  },
  'POST /api/v1/admin/users': {
    expect: { default: 403, anonymous: 401, admin: 201 },
    request: () => ({
      path: '/api/v1/admin/users',
      body: {
        username: `u${randomUUID().slice(0, 8)}`,
        displayName: 'Cán bộ mới',
        password: 'a-long-passphrase-2030',
        role: 'analyst',
        areaCodes: ['82'],
      },
    }),
    check: (a) => {
      expect(a.body).toMatchObject({
        userId: expect.any(String),
        username: expect.stringMatching(/^u[0-9a-f]{8}$/),
        displayName: 'Cán bộ mới',
        role: 'analyst',
        areaCodes: ['82'],
        demo: false,
      });
      expect(keysOf(a.body).filter((k) => /password|hash/i.test(k))).toEqual([]);
    },
  },
  'PATCH /api/v1/admin/users/{id}': {
    expect: { default: 403, anonymous: 401, admin: [200, 404] },
    codes: { 404: 'USER_NOT_FOUND' },
    request: (f, i) => ({
      path: `/api/v1/admin/users/${i ? f.userToPatch : randomUUID()}`,
      body: { displayName: 'Đổi tên' },
    }),
    check: (a, f) =>
      expect(a.body).toMatchObject({ userId: f.userToPatch, username: 'analyst', displayName: 'Đổi tên' }),
  },
  // The matrix's own reads of caseIn (GET /cases/{id} comes first in this table) are in the log, without names.
  'GET /api/v1/admin/access-log': {
    expect: { default: 403, anonymous: 401, admin: 200 },
    request: (f) => ({ path: `/api/v1/admin/access-log?caseId=${f.caseIn}&limit=500` }),
    check: (a, f) => {
      expect([...new Set(ids(a.body.items, 'caseId'))]).toEqual([f.caseIn]);
      expect(a.body.items).toContainEqual(
        expect.objectContaining({
          caseId: f.caseIn,
          username: 'worker1',
          endpoint: '/api/v1/cases/:id',
          method: 'GET',
        }),
      );
      expect(CHILD_NAMES.filter((n) => a.text.includes(n))).toEqual([]);
    },
  },
  'GET /api/v1/admin/projections/parked': {
    expect: { default: 403, anonymous: 401, admin: 200 },
    request: () => ({ path: '/api/v1/admin/projections/parked' }),
    check: (a) => expect(a.body).toEqual({ items: [] }),
  },
  // No event is parked here: an admin reaches the replay and is told so (404 PARKED_EVENT_NOT_FOUND).
  'POST /api/v1/admin/projections/parked/{id}/replay': {
    expect: { default: 403, anonymous: 401, admin: 404 },
    codes: { 404: 'PARKED_EVENT_NOT_FOUND' },
    request: () => ({ path: '/api/v1/admin/projections/parked/1/replay' }),
  },
  'DELETE /api/v1/children/{childId}/personal-data': {
    expect: { default: 403, anonymous: 401, admin: [200, 404] },
    codes: { 404: 'CHILD_NOT_FOUND' },
    request: (f, i) => ({
      path: `/api/v1/children/${i ? f.childToErase : randomUUID()}/personal-data`,
      body: { reason: 'yêu cầu của gia đình' },
    }),
    check: (a, f) =>
      expect(a.body).toMatchObject({ childId: f.childToErase, cases: [f.caseToErase], erasedAt: expect.any(String) }),
  },
};

describe('Access matrix', () => {
  let h: ApiHarness;
  let f: Fixture;
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    h = await startApiHarness('access_matrix', { with: [ProjectorModule] });
    await h.db.sql`
      insert into users (user_id, username, display_name, password_hash, role, area_codes)
      values (${randomUUID()}::uuid, 'sup_tanhong', 'Giám sát Tân Hồng', ${await hash('sen-demo-2030')}, 'supervisor', ${['29926']}::text[])`;
    await h.db.sql`
      insert into users (user_id, username, display_name, password_hash, role, agency, area_codes)
      values (${randomUUID()}::uuid, 'police_tanhong', 'Công an xã Tân Hồng', ${await hash('sen-demo-2030')}, 'agency_officer', 'police', ${['29926']}::text[])`;
    for (const role of ROLES) if (role !== 'anonymous') tokens[role] = await h.token(USERS[role]);
    const w1 = tokens.social_worker!;
    const w2 = await h.token('worker2');
    // The out-of-scope child has a name, a summary and a reporter of its own, searched for in every answer.
    const OUT = {
      child: NAME_OUT,
      summary: 'Tóm tắt ngoài phạm vi Tân Thành',
      reporter: { name: 'Người Báo Ngoài Vùng', phone: '0977000111', relation: 'neighbour' },
    };
    const open = async (token: string, areaCode: string, out = false) =>
      (
        await h
          .http()
          .post('/api/v1/cases')
          .set('Authorization', `Bearer ${token}`)
          .send({
            child: { fullName: out ? OUT.child : NAME_IN, sex: 'male', ageYears: 9 },
            category: 'neglect',
            summary: out ? OUT.summary : 's',
            location: { areaCode },
            reportedAt: at,
            source: out ? 'community' : 'walk_in',
            ...(out ? { reporter: OUT.reporter } : {}),
          })
          .expect(201)
      ).body;
    const refer = async (token: string, caseId: string, toAgency: string) =>
      (
        await h
          .http()
          .post(`/api/v1/cases/${caseId}/referrals`)
          .set('Authorization', `Bearer ${token}`)
          .set('If-Match', '1')
          .send({ toAgency, reason: 'x', urgency: 'emergency', consentWaivedReason: 'khẩn cấp' })
          .expect(201)
      ).body;
    const a = await open(w1, '29926');
    const b = await open(w2, '29938', true);
    const c = await open(w1, '29926');
    const ra = await refer(w1, a.caseId, 'police');
    // Out of scope for the officer: a referral to their own agency from another commune (the inbox's area rule).
    const rb = await refer(w2, b.caseId, 'police');
    // The inbox and referral look-ups read the projection: wait until it has the referrals.
    await h
      .http()
      .get(`/api/v1/referrals/inbox?minPosition=${rb.position}`)
      .set('Authorization', `Bearer ${tokens.agency_officer}`)
      .expect(200);
    const [analyst] = await h.db.sql<{ user_id: string }[]>`select user_id from users where username = 'analyst'`;
    const [assignee] = await h.db.sql<{ user_id: string }[]>`select user_id from users where username = 'worker1'`;
    const [assigneeOut] = await h.db.sql<{ user_id: string }[]>`select user_id from users where username = 'worker2'`;
    const incident = async (token: string, areaCode: string) =>
      (
        await h
          .http()
          .post('/api/v1/incidents')
          .set('Authorization', `Bearer ${token}`)
          .send({ type: 'storm', name: 'Bão', areaCodes: [areaCode], startedAt: at })
          .expect(201)
      ).body.incidentId as string;
    const incidentIn = await incident(w1, '29926');
    const incidentOut = await incident(w2, '29938');
    const TRACING_OUT = { requester: 'Bà Tìm Ngoài Vùng', phone: '0977000222', sought: 'Cao Văn Xa' };
    const tracing = async (token: string, incidentId: string, areaCode: string, out = false) =>
      (
        await h
          .http()
          .post('/api/v1/tracing-requests')
          .set('Authorization', `Bearer ${token}`)
          .send({
            incidentId,
            requester: out
              ? { name: TRACING_OUT.requester, phone: TRACING_OUT.phone, relation: 'mother' }
              : { name: 'Người Tìm', phone: '0900000000', relation: 'mother' },
            sought: { fullName: out ? TRACING_OUT.sought : 'Lò Thị Tìm', lastSeenAreaCode: areaCode },
          })
          .expect(201)
      ).body.requestId as string;
    const registered = await h
      .http()
      .post(`/api/v1/incidents/${incidentIn}/children`)
      .set('Authorization', `Bearer ${w1}`)
      .send({ children: [{ fullName: 'Lò Thị Tìm', sex: 'female', ageYears: 6, areaCode: '29926' }] })
      .expect(200);
    const matchIn = registered.body.results[0].caseId as string;
    await h
      .http()
      .get(`/api/v1/cases?minPosition=${registered.body.position}`)
      .set('Authorization', `Bearer ${w1}`)
      .expect(200);
    const tracingIn = await tracing(w1, incidentIn, '29926');
    const tracingOut = await tracing(w2, incidentOut, '29938', true);
    const tracingShared = (
      await h
        .http()
        .post('/api/v1/tracing-requests')
        .set('Authorization', `Bearer ${w2}`)
        .send({
          requester: { name: 'Người Tìm', phone: '0900000000', relation: 'mother' },
          sought: { fullName: NAME_IN, lastSeenAreaCode: '82' },
        })
        .expect(201)
    ).body.requestId as string;
    f = {
      incidentIn,
      incidentOut,
      tracingIn,
      tracingOut,
      tracingShared,
      matchIn,
      caseIn: a.caseId,
      caseOut: b.caseId,
      referralIn: ra.referralId,
      referralOut: rb.referralId,
      childToErase: c.childId,
      caseToErase: c.caseId,
      outOfScopePii: [
        OUT.child,
        OUT.summary,
        OUT.reporter.name,
        OUT.reporter.phone,
        TRACING_OUT.requester,
        TRACING_OUT.phone,
        TRACING_OUT.sought,
      ],
      userToPatch: analyst!.user_id,
      assignee: assignee!.user_id,
      assigneeOut: assigneeOut!.user_id,
    };
  });
  afterAll(async () => {
    await h.close();
  });

  it('has an entry for every route the API serves, and none for a route it does not', async () => {
    const doc = (await h.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  /** '404 CASE_NOT_FOUND' → [404, 'CASE_NOT_FOUND']; a bare refusal takes the entry's or the default code. */
  const outcome = (entry: Entry, o: Outcome): { status: number; code: string | undefined; label: string } => {
    const [status, declared] = String(o).split(' ') as [string, string | undefined];
    const n = Number(status);
    const code = n < 400 ? undefined : (declared ?? entry.codes?.[n] ?? DEFAULT_CODES[n]);
    return { status: n, code, label: n < 400 ? status : `${status} ${code ?? '(no code declared)'}` };
  };
  const cases = Object.entries(MATRIX).flatMap(([route, entry]) =>
    ROLES.flatMap((role) => {
      const e = entry.expect[role] ?? entry.expect.default;
      return Array.isArray(e)
        ? [
            { route, role, scope: 'in scope', inScope: true, ...outcome(entry, e[0]) },
            { route, role, scope: 'out of scope', inScope: false, ...outcome(entry, e[1]) },
          ]
        : [{ route, role, scope: '', inScope: true, ...outcome(entry, e) }];
    }),
  );

  it.each(cases)('$route as $role $scope → $label', async ({ route, role, inScope, status, code }) => {
    const [method] = route.split(' ') as [string];
    const { path, body, ifMatch } = MATRIX[route]!.request(f, inScope);
    let req = h.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](path);
    if (role !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[role]}`);
    if (ifMatch) req = req.set('If-Match', ifMatch);
    const res = await (body ? req.send(body) : req);
    if (MATRIX[route]!.signsOut && role !== 'anonymous') {
      // Signed in again without spending the address's sign-in allowance: a token of the user's new version.
      const [user] = await h.db.sql<
        { user_id: string; token_version: number }[]
      >`select user_id, token_version from users where username = ${USERS[role]}`;
      tokens[role] = await new JwtService({ secret: h.config.jwtSecret }).signAsync(
        { sub: user!.user_id, tv: user!.token_version },
        { issuer: 'sen', expiresIn: 3600 },
      );
    }
    expect({ route, role, status: res.status, code: res.body?.code }).toEqual({ route, role, status, code });
    // Every API answer, success or refusal, is kept by no cache; only the area tree (reference data) may be.
    const noStore = route.includes(' /api/v1/') && route !== 'GET /api/v1/areas';
    expect({ route, cacheControl: res.headers['cache-control'] === 'no-store' }).toEqual({
      route,
      cacheControl: noStore,
    });
    if (status >= 400)
      expect(res.body).toEqual(
        expect.objectContaining({ statusCode: status, code: expect.any(String), message: expect.any(String) }),
      );
    else MATRIX[route]!.check!({ body: res.body, text: res.text ?? '' }, f, inScope, role);
    // Whatever the route and the answer, the out-of-scope records' personal data reaches no one here.
    expect({ route, role, leaked: f.outOfScopePii.filter((s) => (res.text ?? '').includes(s)) }).toEqual({
      route,
      role,
      leaked: [],
    });
  });

  it('declares a code for every refusal and a content check for every entry that can answer 2xx', () => {
    expect({
      refusalsWithoutCode: cases
        .filter((c) => c.status >= 400 && !c.code)
        .map((c) => `${c.route} ${c.role} ${c.status}`),
      successesWithoutCheck: [
        ...new Set(cases.filter((c) => c.status < 300 && !MATRIX[c.route]!.check).map((c) => c.route)),
      ],
    }).toEqual({ refusalsWithoutCode: [], successesWithoutCheck: [] });
  });

  // The fixture really holds the out-of-scope data the answers are searched for (a search for a name the
  // system never stored would prove nothing).
  it("stored the out-of-scope child's data that no answer may carry", async () => {
    const res = await h
      .http()
      .get(`/api/v1/cases/${f.caseOut}`)
      .set('Authorization', `Bearer ${await h.token('worker2')}`)
      .expect(200);
    expect(res.body).toMatchObject({
      child: { fullName: NAME_OUT },
      summary: f.outOfScopePii[1],
      reporter: { name: f.outOfScopePii[2], phone: f.outOfScopePii[3] },
    });
  });

  // The users a command names must work where the case is, whoever sends it: an assignee in the case's commune,
  // a transfer's new worker in the commune it goes to. A stale version (409) shows the rule let it through.
  const NAMED_USERS: {
    rule: string;
    request: (f: Fixture) => { path: string; body: object };
    status: number;
    code: string;
  }[] = [
    {
      rule: 'an assignee of another commune',
      request: (f) => ({ path: `/api/v1/cases/${f.caseIn}/assignments`, body: { assigneeId: f.assigneeOut } }),
      status: 422,
      code: 'ASSIGNEE_OUT_OF_AREA',
    },
    {
      rule: 'an assignee of the commune',
      request: (f) => ({ path: `/api/v1/cases/${f.caseIn}/assignments`, body: { assigneeId: f.assignee } }),
      status: 409,
      code: 'VERSION_CONFLICT',
    },
    {
      rule: "a transfer's worker outside the target commune",
      request: (f) => ({
        path: `/api/v1/cases/${f.caseIn}/transfers`,
        body: { toAreaCode: '29938', toAssigneeId: f.assignee, reason: 'moved' },
      }),
      status: 422,
      code: 'ASSIGNEE_OUT_OF_AREA',
    },
    {
      rule: "a transfer's worker of the target commune",
      request: (f) => ({
        path: `/api/v1/cases/${f.caseIn}/transfers`,
        body: { toAreaCode: '29938', toAssigneeId: f.assigneeOut, reason: 'moved' },
      }),
      status: 409,
      code: 'VERSION_CONFLICT',
    },
  ];
  it.each(NAMED_USERS.flatMap((r) => (['social_worker', 'supervisor'] as const).map((role) => ({ ...r, role }))))(
    '$rule, named by a $role → $status $code',
    async ({ request, role, status, code }) => {
      const { path, body } = request(f);
      const res = await h
        .http()
        .post(path)
        .set('Authorization', `Bearer ${tokens[role]}`)
        .set('If-Match', STALE)
        .send(body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    },
  );
});
