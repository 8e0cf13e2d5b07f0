// Issue "security", done-when 1: one table drives the access matrix — every endpoint × every role × a record
// in scope and one out of scope → the expected status. The table is checked against the routes the API
// actually serves (its OpenAPI document), so a new endpoint without an entry fails this test.
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

/** Expected status per role: one number (no record involved) or [in scope, out of scope]. */
type Expect = Partial<Record<Role, number | [number, number]>> & { default: number | [number, number] };

interface Fixture {
  caseIn: string;
  caseOut: string;
  referralIn: string;
  referralOut: string;
  childToErase: string;
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
}

interface Entry {
  expect: Expect;
  /** Path and body for the in-scope (true) or out-of-scope (false) record. */
  request: (f: Fixture, inScope: boolean) => { path: string; body?: object; ifMatch?: string };
  /** The request ends the caller's sessions (sign-out): the role gets a new token afterwards. */
  signsOut?: true;
}

const STALE = '999'; // commands reach the domain (409 VERSION_CONFLICT) without changing anything
const worker = (inOut: [number, number]): Expect => ({
  default: 403,
  anonymous: 401,
  social_worker: inOut,
  supervisor: inOut,
});
const caseCommand = (path: string, body: object): Entry => ({
  expect: worker([409, 404]),
  request: (f, i) => ({ path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}/${path}`, body, ifMatch: STALE }),
});
const supervisorCommand = (path: string, body: object): Entry => ({
  expect: { default: 403, anonymous: 401, supervisor: [409, 404] },
  request: (f, i) => ({ path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}/${path}`, body, ifMatch: STALE }),
});
const referralCommand = (path: string, body?: object): Entry => ({
  expect: { default: 403, anonymous: 401, agency_officer: [409, 404] },
  request: (f, i) => ({
    path: `/api/v1/referrals/${i ? f.referralIn : f.referralOut}/${path}`,
    ...(body ? { body } : {}),
    ifMatch: STALE,
  }),
});
/** Aggregates: supervisors within their area (another area is 403: aggregates are not records), analysts province-wide. */
const aggregate = (path: (area: string) => string): Entry => ({
  expect: { default: 403, anonymous: 401, supervisor: [200, 403], analyst: [200, 200] },
  request: (_f, i) => ({ path: path(i ? '29926' : '29938') }),
});
const everyone = (path: string): Entry => ({ expect: { default: 200 }, request: () => ({ path }) });
const signedIn = (path: string): Entry => ({ expect: { default: 200, anonymous: 401 }, request: () => ({ path }) });
const at = '2026-11-20T08:00:00+07:00';

const MATRIX: Record<string, Entry> = {
  'POST /api/v1/auth/login': {
    expect: { default: 200 },
    request: () => ({ path: '/api/v1/auth/login', body: { username: 'worker2', password: 'sen-demo-2030' } }),
  },
  'POST /api/v1/auth/logout': {
    expect: { default: 204, anonymous: 401 },
    request: () => ({ path: '/api/v1/auth/logout' }),
    signsOut: true,
  },
  'GET /api/v1/me': signedIn('/api/v1/me'),
  'GET /api/v1/areas': signedIn('/api/v1/areas'),
  'GET /health/live': everyone('/health/live'),
  'GET /health/ready': everyone('/health/ready'),
  'GET /metrics': everyone('/metrics'),
  'GET /api/v1/cases': {
    expect: { default: 403, anonymous: 401, social_worker: 200, supervisor: 200 },
    request: () => ({ path: '/api/v1/cases' }),
  },
  'POST /api/v1/cases': {
    expect: { default: 403, anonymous: 401, social_worker: [201, 403] },
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
  },
  'GET /api/v1/cases/{id}': {
    expect: worker([200, 404]),
    request: (f, i) => ({ path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}` }),
  },
  'GET /api/v1/cases/{id}/history': {
    expect: worker([200, 404]),
    request: (f, i) => ({ path: `/api/v1/cases/${i ? f.caseIn : f.caseOut}/history` }),
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
  'GET /api/v1/referrals/inbox': {
    expect: { default: 403, anonymous: 401, agency_officer: 200 },
    request: () => ({ path: '/api/v1/referrals/inbox' }),
  },
  'GET /api/v1/referrals/{id}': {
    expect: { default: 403, anonymous: 401, agency_officer: [200, 404] },
    request: (f, i) => ({ path: `/api/v1/referrals/${i ? f.referralIn : f.referralOut}` }),
  },
  'POST /api/v1/referrals/{id}/acknowledge': referralCommand('acknowledge'),
  'POST /api/v1/referrals/{id}/accept': referralCommand('accept'),
  'POST /api/v1/referrals/{id}/decline': referralCommand('decline', { reason: 'x' }),
  'POST /api/v1/referrals/{id}/complete': referralCommand('complete', { outcome: 'x', servicesProvided: ['legal'] }),
  'GET /api/v1/indicators': aggregate((area) => `/api/v1/indicators?year=2026&areaCode=${area}`),
  'GET /api/v1/indicators/export': aggregate(
    (area) => `/api/v1/indicators/export?format=csv&year=2026&areaCode=${area}`,
  ),
  'GET /api/v1/indicators/{number}': aggregate((area) => `/api/v1/indicators/9?year=2026&areaCode=${area}`),
  'POST /api/v1/indicators/{number}/figures': {
    // Indicator 1 is led by the social-affairs service: the police officer may not enter it.
    expect: { default: 403, anonymous: 401, supervisor: [201, 403] },
    request: (_f, i) => ({
      path: '/api/v1/indicators/1/figures',
      body: { year: 2025, areaCode: i ? '29926' : '29938', value: 61.5 },
    }),
  },
  'GET /api/v1/dashboard/response-times': {
    expect: { default: 403, anonymous: 401, supervisor: [200, 403] },
    request: (_f, i) => ({ path: `/api/v1/dashboard/response-times?year=2026&areaCode=${i ? '29926' : '29938'}` }),
  },
  'GET /api/v1/dashboard/overdue': {
    expect: { default: 403, anonymous: 401, supervisor: [200, 403] },
    request: (_f, i) => ({ path: `/api/v1/dashboard/overdue?areaCode=${i ? '29926' : '29938'}` }),
  },
  'POST /api/v1/incidents': {
    expect: worker([201, 403]),
    request: (_f, i) => ({
      path: '/api/v1/incidents',
      body: { type: 'flood', name: 'Lũ', areaCodes: [i ? '29926' : '29938'], startedAt: at },
    }),
  },
  'GET /api/v1/incidents': {
    expect: { default: 403, anonymous: 401, social_worker: 200, supervisor: 200 },
    request: () => ({ path: '/api/v1/incidents' }),
  },
  'GET /api/v1/incidents/{id}': {
    expect: worker([200, 404]),
    request: (f, i) => ({ path: `/api/v1/incidents/${i ? f.incidentIn : f.incidentOut}` }),
  },
  'POST /api/v1/incidents/{id}/children': {
    expect: worker([200, 404]),
    request: (f, i) => ({
      path: `/api/v1/incidents/${i ? f.incidentIn : f.incidentOut}/children`,
      body: { children: [{ fullName: 'Lò Văn Lũ', sex: 'male', ageYears: 5, areaCode: '29926' }] },
    }),
  },
  'POST /api/v1/tracing-requests': {
    expect: worker([201, 404]),
    request: (f, i) => ({
      path: '/api/v1/tracing-requests',
      body: {
        incidentId: i ? f.incidentIn : f.incidentOut,
        requester: { name: 'Người Tìm', phone: '0900000000', relation: 'father' },
        sought: { fullName: 'Lò Văn Lạc', lastSeenAreaCode: '29926' },
      },
    }),
  },
  // A list filtered by an incident out of scope is empty, not refused: the same 200 either way.
  'GET /api/v1/tracing-requests': {
    expect: worker([200, 200]),
    request: (f, i) => ({ path: `/api/v1/tracing-requests?incidentId=${i ? f.incidentIn : f.incidentOut}` }),
  },
  'GET /api/v1/tracing-requests/{id}': {
    expect: worker([200, 404]),
    request: (f, i) => ({ path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingOut}` }),
  },
  // A decision on a match is scoped like the case it names: out of scope is a request the caller may read
  // (tracingShared) naming a child of another commune (caseOut), which must not be confirmed nor rejected.
  'POST /api/v1/tracing-requests/{id}/matches/{caseId}/confirm': {
    expect: worker([200, 404]),
    request: (f, i) => ({
      path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingShared}/matches/${i ? f.matchIn : f.caseOut}/confirm`,
    }),
  },
  'POST /api/v1/tracing-requests/{id}/matches/{caseId}/reject': {
    expect: worker([200, 404]),
    request: (f, i) => ({
      path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingShared}/matches/${i ? f.matchIn : f.caseOut}/reject`,
    }),
  },
  // Only the request's owner (worker1 opened tracingIn) restores a rejected match; the supervisor who may read
  // it gets 403; the case of another commune is 404 even on a request one may read.
  'POST /api/v1/tracing-requests/{id}/matches/{caseId}/restore': {
    expect: { default: 403, anonymous: 401, social_worker: [200, 404], supervisor: [403, 404] },
    request: (f, i) => ({
      path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingShared}/matches/${i ? f.matchIn : f.caseOut}/restore`,
    }),
  },
  'POST /api/v1/tracing-requests/{id}/reunite': {
    expect: worker([409, 404]), // in scope: no confirmed match yet
    request: (f, i) => ({
      path: `/api/v1/tracing-requests/${i ? f.tracingIn : f.tracingOut}/reunite`,
      body: {},
      ifMatch: '1',
    }),
  },
  'GET /api/v1/admin/users': {
    expect: { default: 403, anonymous: 401, admin: 200 },
    request: () => ({ path: '/api/v1/admin/users' }),
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
  },
  'PATCH /api/v1/admin/users/{id}': {
    expect: { default: 403, anonymous: 401, admin: [200, 404] },
    request: (f, i) => ({
      path: `/api/v1/admin/users/${i ? f.userToPatch : randomUUID()}`,
      body: { displayName: 'Đổi tên' },
    }),
  },
  'GET /api/v1/admin/access-log': {
    expect: { default: 403, anonymous: 401, admin: 200 },
    request: () => ({ path: '/api/v1/admin/access-log' }),
  },
  'GET /api/v1/admin/projections/parked': {
    expect: { default: 403, anonymous: 401, admin: 200 },
    request: () => ({ path: '/api/v1/admin/projections/parked' }),
  },
  // No event is parked here: an admin reaches the replay and is told so (404 PARKED_EVENT_NOT_FOUND).
  'POST /api/v1/admin/projections/parked/{id}/replay': {
    expect: { default: 403, anonymous: 401, admin: 404 },
    request: () => ({ path: '/api/v1/admin/projections/parked/1/replay' }),
  },
  'DELETE /api/v1/children/{childId}/personal-data': {
    expect: { default: 403, anonymous: 401, admin: [200, 404] },
    request: (f, i) => ({
      path: `/api/v1/children/${i ? f.childToErase : randomUUID()}/personal-data`,
      body: { reason: 'yêu cầu của gia đình' },
    }),
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
    const open = async (token: string, areaCode: string) =>
      (
        await h
          .http()
          .post('/api/v1/cases')
          .set('Authorization', `Bearer ${token}`)
          .send({
            child: { fullName: 'Trẻ Kiểm Thử', sex: 'male', ageYears: 9 },
            category: 'neglect',
            summary: 's',
            location: { areaCode },
            reportedAt: at,
            source: 'walk_in',
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
    const b = await open(w2, '29938');
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
    const tracing = async (token: string, incidentId: string, areaCode: string) =>
      (
        await h
          .http()
          .post('/api/v1/tracing-requests')
          .set('Authorization', `Bearer ${token}`)
          .send({
            incidentId,
            requester: { name: 'Người Tìm', phone: '0900000000', relation: 'mother' },
            sought: { fullName: 'Lò Thị Tìm', lastSeenAreaCode: areaCode },
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
    const tracingOut = await tracing(w2, incidentOut, '29938');
    const tracingShared = (
      await h
        .http()
        .post('/api/v1/tracing-requests')
        .set('Authorization', `Bearer ${w2}`)
        .send({
          requester: { name: 'Người Tìm', phone: '0900000000', relation: 'mother' },
          sought: { fullName: 'Trẻ Kiểm Thử', lastSeenAreaCode: '82' },
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

  const cases = Object.entries(MATRIX).flatMap(([route, entry]) =>
    ROLES.flatMap((role) => {
      const e = entry.expect[role] ?? entry.expect.default;
      return Array.isArray(e)
        ? [
            { route, role, scope: 'in scope', inScope: true, status: e[0] },
            { route, role, scope: 'out of scope', inScope: false, status: e[1] },
          ]
        : [{ route, role, scope: '', inScope: true, status: e }];
    }),
  );

  it.each(cases)('$route as $role $scope → $status', async ({ route, role, inScope, status }) => {
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
    expect({ route, role, status: res.status, code: res.body?.code }).toMatchObject({ route, role, status });
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
