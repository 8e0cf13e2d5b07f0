// Issue 11 (web app, phase 2): GET /tracing-requests lists the family tracing requests a user may read —
// the same area rule as one request — with filters, a bounded cursor page, clear 4xx on bad input, and the
// access log written for the requests matched to a registered child.
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const T0 = '2026-10-15T02:00:00.000Z';

describe('The list of tracing requests', () => {
  let h: ApiHarness;
  const tokens: Record<string, string> = {};
  const as = (u: string) => ({ Authorization: `Bearer ${tokens[u]}` });
  let incidentIn: string;
  let matchedRequest: string;
  let matchedCase: string;
  const mine: string[] = [];
  let theirs: string;

  const trace = async (user: string, areaCode: string, fullName: string, incidentId?: string) => {
    const res = await h
      .http()
      .post('/api/v1/tracing-requests')
      .set(as(user))
      .send({
        ...(incidentId ? { incidentId } : {}),
        requester: { name: 'Người Tìm', phone: '0900000000', relation: 'mother' },
        sought: { fullName, sex: 'male', ageYears: 8, lastSeenAreaCode: areaCode },
      });
    expect(res.status).toBe(201);
    return res.body.requestId as string;
  };

  beforeAll(async () => {
    h = await startApiHarness('tracing-list', { start: T0, with: [ProjectorModule] });
    for (const u of ['worker1', 'worker2', 'supervisor', 'police', 'analyst', 'admin']) tokens[u] = await h.token(u);
    const inc = await h
      .http()
      .post('/api/v1/incidents')
      .set(as('worker1'))
      .send({ type: 'flood', name: 'Lũ', areaCodes: ['29926'], startedAt: '2026-10-14T20:00:00+07:00' })
      .expect(201);
    incidentIn = inc.body.incidentId;
    const reg = await h
      .http()
      .post(`/api/v1/incidents/${incidentIn}/children`)
      .set(as('worker1'))
      .send({ children: [{ fullName: 'Trần Văn Lạc', sex: 'male', ageYears: 8, areaCode: '29926', separated: true }] })
      .expect(200);
    matchedCase = reg.body.results[0].caseId;
    const withIncident = await h
      .http()
      .post(`/api/v1/tracing-requests?minPosition=${reg.body.position}`)
      .set(as('worker1'))
      .send({
        incidentId: incidentIn,
        requester: { name: 'Trần Thị Mẹ', phone: '0901222333', relation: 'mother' },
        sought: { fullName: 'Tran Van Lac', sex: 'male', ageYears: 8, lastSeenAreaCode: '29926' },
      })
      .expect(201);
    matchedRequest = withIncident.body.requestId;
    await h
      .http()
      .post(`/api/v1/tracing-requests/${matchedRequest}/matches/${matchedCase}/confirm`)
      .set(as('worker1'))
      .expect(200);
    mine.push(matchedRequest);
    for (let i = 0; i < 4; i++) mine.push(await trace('worker1', '29926', `Lê Văn Tìm ${i}`));
    theirs = await trace('worker2', '29938', 'Phạm Văn Khác');
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives a social worker the requests of their commune, newest first, and not another commune’s', async () => {
    const res = await h.http().get('/api/v1/tracing-requests').set(as('worker1')).expect(200);
    const ids = res.body.items.map((i: { requestId: string }) => i.requestId);
    expect(ids).toEqual([...mine].reverse());
    expect(ids).not.toContain(theirs);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items[0]).toMatchObject({
      status: 'open',
      requester: { name: 'Người Tìm', relation: 'mother' },
      sought: { fullName: 'Lê Văn Tìm 3', lastSeenAreaCode: '29926' },
    });
    const other = await h.http().get('/api/v1/tracing-requests').set(as('worker2')).expect(200);
    expect(other.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([theirs]);
  });

  it('gives the province supervisor every request', async () => {
    const res = await h.http().get('/api/v1/tracing-requests?limit=100').set(as('supervisor')).expect(200);
    expect(res.body.items.map((i: { requestId: string }) => i.requestId).sort()).toEqual([...mine, theirs].sort());
  });

  it('refuses the roles that may not read a request', async () => {
    for (const u of ['police', 'analyst', 'admin'])
      expect((await h.http().get('/api/v1/tracing-requests').set(as(u))).status).toBe(403);
    expect((await h.http().get('/api/v1/tracing-requests')).status).toBe(401);
  });

  it('filters by incident and by status', async () => {
    const byIncident = await h
      .http()
      .get(`/api/v1/tracing-requests?incidentId=${incidentIn}`)
      .set(as('worker1'))
      .expect(200);
    expect(byIncident.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([matchedRequest]);
    expect(byIncident.body.items[0]).toMatchObject({
      status: 'matched',
      matchedCaseId: matchedCase,
      incidentId: incidentIn,
    });
    const matched = await h.http().get('/api/v1/tracing-requests?status=matched').set(as('worker1')).expect(200);
    expect(matched.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([matchedRequest]);
    const open = await h.http().get('/api/v1/tracing-requests?status=open').set(as('worker1')).expect(200);
    expect(open.body.items).toHaveLength(4);
    // Another commune's incident lists nothing, the same as an incident that does not exist.
    const outside = await h
      .http()
      .get(`/api/v1/tracing-requests?incidentId=${incidentIn}`)
      .set(as('worker2'))
      .expect(200);
    expect(outside.body.items).toEqual([]);
  });

  it('pages with a cursor, every request once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { requestId: string }[]; nextCursor: string | null } } = await h
        .http()
        .get(`/api/v1/tracing-requests?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set(as('worker1'))
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i) => i.requestId));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...mine].reverse());
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['status=lost', 'status'],
    ['incidentId=not-a-uuid', 'incidentId'],
    ['cursor=garbage', 'cursor'],
    ['incidentId=a&incidentId=b', 'incidentId'],
  ])('answers %s with a 400 naming the field', async (qs, field) => {
    const res = await h.http().get(`/api/v1/tracing-requests?${qs}`).set(as('worker1'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: expect.any(String) });
    expect(JSON.stringify(res.body.details)).toContain(field);
  });

  it('writes the access log for each request matched to a registered child', async () => {
    const before = await h.db.sql<
      { n: number }[]
    >`select count(*)::int as n from access_log where case_id = ${matchedCase}::uuid and endpoint like '%tracing-requests'`;
    await h.http().get('/api/v1/tracing-requests').set(as('supervisor')).expect(200);
    const after = await h.db.sql<{ role: string; method: string }[]>`
      select role, method from access_log where case_id = ${matchedCase}::uuid and endpoint like '%tracing-requests' order by id desc`;
    expect(after).toHaveLength(before[0]!.n + 1);
    expect(after[0]).toMatchObject({ role: 'supervisor', method: 'GET' });
  });
});
