// A social worker carries a case from report to closure over HTTP, every step an event in PostgreSQL
// (issue: foundation). The clock is the harness's, so deadlines are predictable.
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const T0 = '2026-11-20T01:00:00.000Z'; // 08:00 in Đồng Tháp, a Friday

function openBody(overrides: Record<string, unknown> = {}) {
  return {
    child: { fullName: 'Trần Thị Bé Lan', sex: 'female', dateOfBirth: '2015-06-01' },
    category: 'physical_violence',
    summary: 'Hàng xóm báo cháu bị đánh nhiều lần, có vết bầm trên tay.',
    location: { areaCode: '29926' },
    reportedAt: '2026-11-20T07:30:00+07:00',
    source: 'hotline_111',
    reporter: { name: 'Lê Văn Hàng', phone: '0912 345 678', relation: 'neighbour' },
    ...overrides,
  };
}

describe('Case lifecycle over HTTP', () => {
  let h: ApiHarness;
  let worker: string;
  let supervisor: string;

  beforeAll(async () => {
    h = await startApiHarness('lifecycle', { start: T0 });
    worker = await h.token('worker1');
    supervisor = await h.token('supervisor');
  });
  afterAll(async () => {
    await h.close();
  });

  const eventCount = async () => Number((await h.db.sql`select count(*)::int as n from events`)[0]!.n);

  function post(path: string, token: string, body: object, version?: number) {
    const req = h.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
    if (version !== undefined) req.set('If-Match', `"${version}"`);
    return req.send(body);
  }

  it('drives open → assessment → emergency → detailed assessment → consent → plan → approval → support → close → reopen', async () => {
    const opened = await post('/cases', worker, openBody());
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ version: 1 });
    expect(opened.headers.etag).toBe('"1"');
    const id: string = opened.body.caseId;
    expect(typeof opened.body.position).toBe('number');

    h.clock.advance(2 * 60 * 60_000); // 10:00 local: every step below happened by now
    const steps: [string, string, object][] = [
      [
        'risk-assessments',
        worker,
        {
          level: 'high',
          verification: 'confirmed',
          factors: ['repeated violence'],
          notes: 'Xác minh tại nhà.',
          assessedAt: '2026-11-20T08:45:00+07:00',
        },
      ],
      [
        'emergency-measures',
        worker,
        { measure: 'temporary_shelter', appliedAt: '2026-11-20T09:00:00+07:00', notes: 'Đưa cháu đến nhà tạm lánh.' },
      ],
      [
        'detailed-assessment',
        worker,
        { needs: ['medical', 'psychological'], notes: 'Cần khám và tư vấn.', at: '2026-11-20T09:00:00+07:00' },
      ],
      ['consent', worker, { givenBy: 'parent', forServices: true, forReferral: true, forReporting: true }],
      [
        'support-plan',
        worker,
        {
          goals: ['Cháu an toàn', 'Phục hồi tâm lý'],
          services: [{ service: 'psychological', agency: 'health', dueAt: '2026-12-01T10:00:00+07:00' }],
          reviewAt: '2026-12-15T10:00:00+07:00',
        },
      ],
      ['support-plan/approve', supervisor, { comment: 'Đồng ý kế hoạch.' }],
      [
        'support',
        worker,
        {
          service: 'psychological',
          agency: 'health',
          providedAt: '2026-11-20T09:30:00+07:00',
          notes: 'Buổi tư vấn đầu.',
        },
      ],
      ['closure', worker, { reason: 'child_safe', notes: 'Cháu đã an toàn.' }],
      ['reopen', worker, { reason: 'Báo cáo mới về bạo lực.' }],
    ];
    let version = 1;
    let lastPosition = opened.body.position as number;
    for (const [path, token, body] of steps) {
      const res = await post(`/cases/${id}/${path}`, token, body, version);
      expect({ path, status: res.status, body: res.body }).toMatchObject({
        path,
        status: 200,
        body: { caseId: id, version: version + 1 },
      });
      expect(res.body.position).toBeGreaterThan(lastPosition);
      lastPosition = res.body.position;
      version = res.body.version;
    }

    const current = await h.http().get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${worker}`).expect(200);
    expect(current.headers.etag).toBe(`"${version}"`);
    expect(current.body).toMatchObject({
      caseId: id,
      version: 10,
      status: 'in_support',
      child: { fullName: 'Trần Thị Bé Lan', ageYears: 11 },
      risk: { level: 'high', verification: 'confirmed' },
      plan: { approved: { status: 'approved', goals: ['Cháu an toàn', 'Phục hồi tâm lý'] } },
      deadlines: {
        firstResponse: { dueAt: '2026-11-20T12:30:00.000Z', doneAt: '2026-11-20T02:00:00.000Z', status: 'met' },
        plan: { status: 'met' },
      },
      reopenings: [{ reason: 'Báo cáo mới về bạo lực.' }],
    });

    // Every step is an event of the case's stream, in order, in PostgreSQL; personal data is not stored in clear.
    const rows = await h.db.sql<{ type: string; stream_revision: number; data: string }[]>`
      select type, stream_revision, data::text from events where stream_id = ${`case-${id}`} order by stream_revision`;
    expect(rows.map((r) => r.type)).toEqual([
      'CaseOpened',
      'RiskAssessed',
      'EmergencyMeasureApplied',
      'DetailedAssessmentCompleted',
      'ConsentRecorded',
      'SupportPlanProposed',
      'SupportPlanApproved',
      'SupportProvided',
      'CaseClosed',
      'CaseReopened',
    ]);
    expect(rows.map((r) => r.stream_revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.map((r) => r.data).join('\n')).not.toMatch(/Bé Lan|Hàng xóm|0912/);

    const history = await h
      .http()
      .get(`/api/v1/cases/${id}/history`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(rows.map((r) => r.type));
  });

  it('answers a retried open with the same Idempotency-Key with the same case, and writes it once', async () => {
    const before = await eventCount();
    const first = await post('/cases', worker, openBody()).set('Idempotency-Key', 'intake-2026-11-20-001');
    const again = await post('/cases', worker, openBody()).set('Idempotency-Key', 'intake-2026-11-20-001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(before + 1);
    // The same key with a different request is refused, not silently answered with the first case.
    const other = await post('/cases', worker, openBody({ category: 'neglect' })).set(
      'Idempotency-Key',
      'intake-2026-11-20-001',
    );
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventCount()).toBe(before + 1);
  });

  it('answers a stale If-Match with 409 and writes nothing', async () => {
    const opened = await post('/cases', worker, openBody());
    const id = opened.body.caseId;
    const assess = {
      level: 'medium',
      verification: 'inconclusive',
      factors: [],
      notes: '',
      assessedAt: '2026-11-20T08:00:00+07:00',
    };
    await post(`/cases/${id}/risk-assessments`, worker, assess, 1).expect(200);
    const before = await eventCount();
    const stale = await post(`/cases/${id}/risk-assessments`, worker, assess, 1);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      statusCode: 409,
      code: 'VERSION_CONFLICT',
      details: { expectedVersion: 1, actualVersion: 2 },
    });
    const missing = await post(`/cases/${id}/risk-assessments`, worker, assess);
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('IF_MATCH_REQUIRED');
    expect(await eventCount()).toBe(before);
  });

  it('answers a broken rule with 409 or 422 and a stable code', async () => {
    const opened = await post('/cases', worker, openBody());
    const id = opened.body.caseId;
    const early = await post(
      `/cases/${id}/detailed-assessment`,
      worker,
      { needs: ['x'], notes: '', at: '2026-11-20T08:00:00+07:00' },
      1,
    );
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ statusCode: 422, code: 'RISK_NOT_ASSESSED' });
    await post(`/cases/${id}/closure`, worker, { reason: 'duplicate', notes: '' }, 1).expect(200);
    const closed = await post(
      `/cases/${id}/consent`,
      worker,
      { givenBy: 'parent', forServices: true, forReferral: true, forReporting: true },
      2,
    );
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ statusCode: 409, code: 'CASE_CLOSED' });
    const selfApproval = await post('/cases', worker, openBody());
    expect(selfApproval.status).toBe(201);
    const notFound = await post(
      '/cases/5b0f6a9e-0000-4000-8000-000000000000/consent',
      worker,
      { givenBy: 'parent', forServices: true, forReferral: true, forReporting: true },
      1,
    );
    expect(notFound.status).toBe(404);
    expect(notFound.body.code).toBe('CASE_NOT_FOUND');
  });

  it('answers a malformed body with 400 naming each bad field, and writes nothing', async () => {
    const before = await eventCount();
    const res = await post('/cases', worker, {
      child: { fullName: 42, sex: 'boy' },
      category: 'abuse',
      summary: '',
      location: {},
      reportedAt: 'yesterday',
      source: 'hotline_111',
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining([
        'category',
        'child.ageYears',
        'child.fullName',
        'child.sex',
        'extra',
        'location.areaCode',
        'reportedAt',
        'summary',
      ]),
    );
    const notJson = await h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${worker}`)
      .set('Content-Type', 'application/json')
      .send('{"child":');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'the request body is not valid JSON',
    });
    const badId = await post(
      '/cases/not-a-uuid/consent',
      worker,
      { givenBy: 'parent', forServices: true, forReferral: true, forReporting: true },
      1,
    );
    expect(badId.status).toBe(400);
    expect(badId.body.code).toBe('INVALID_ID');
    expect(await eventCount()).toBe(before);
  });

  it('refuses a person of 16 or more, and an unknown area, with 422', async () => {
    const adult = await post(
      '/cases',
      worker,
      openBody({ child: { fullName: 'X', sex: 'male', dateOfBirth: '2010-01-01' } }),
    );
    expect(adult.status).toBe(422);
    expect(adult.body.code).toBe('CHILD_NOT_A_CHILD');
    const nowhere = await post('/cases', worker, openBody({ location: { areaCode: '99999' } }));
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.code).toBe('UNKNOWN_AREA');
  });

  it('needs a valid token, and the right role', async () => {
    const anon = await h.http().post('/api/v1/cases').send(openBody());
    expect(anon.status).toBe(401);
    expect(anon.body.code).toBe('UNAUTHENTICATED');
    const forged = await h
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${worker.slice(0, -4)}abcd`);
    expect(forged.status).toBe(401);
    const police = await h.token('police');
    const wrongRole = await post('/cases', police, openBody());
    expect(wrongRole.status).toBe(403);
    const me = await h.http().get('/api/v1/me').set('Authorization', `Bearer ${worker}`).expect(200);
    expect(me.body).toMatchObject({ username: 'worker1', role: 'social_worker', areaCodes: ['29926'] });
    const wrong = await h.http().post('/api/v1/auth/login').send({ username: 'worker1', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    await h.http().get('/health/live').expect(200);
    const ready = await h.http().get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({
      database: { status: 'up' },
      eventStore: { status: 'up' },
      redis: { status: 'up' },
    });
    const metrics = await h.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/sen_http_request_duration_seconds/);
    const docs = await h.http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}/risk-assessments']),
    );
  });

  it('gives the state as it stood at a past time with ?asOf=', async () => {
    const opened = await post('/cases', worker, openBody());
    const id = opened.body.caseId;
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await post(
      `/cases/${id}/risk-assessments`,
      worker,
      { level: 'low', verification: 'unfounded', factors: [], notes: '', assessedAt: '2026-11-20T08:00:00+07:00' },
      1,
    ).expect(200);
    const past = await h
      .http()
      .get(`/api/v1/cases/${id}/history?asOf=${encodeURIComponent(between)}`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    expect(past.body.version).toBe(1);
    expect(past.body.state.status).toBe('open');
    const now = await h.http().get(`/api/v1/cases/${id}/history`).set('Authorization', `Bearer ${worker}`).expect(200);
    expect(now.body.state.status).toBe('assessed');
    const bad = await h.http().get(`/api/v1/cases/${id}/history?asOf=soon`).set('Authorization', `Bearer ${worker}`);
    expect(bad.status).toBe(400);
  });
});
