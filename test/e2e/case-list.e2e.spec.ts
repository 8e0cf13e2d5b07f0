// Issue "projections": GET /cases from the read model — filters, cursor pagination, diacritic-insensitive
// search, read-your-writes with ?minPosition=, and the area scope.
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { ProjectorService } from '../../apps/projector/src/projector.service';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const T0 = '2026-11-20T05:00:00.000Z'; // 12:00 in Đồng Tháp

interface Item {
  caseId: string;
  childName: string;
  category: string;
  status: string;
  riskLevel: string | null;
  areaCode: string;
  overdue: boolean;
  reportedAt: string;
}

describe('GET /cases', () => {
  let h: ApiHarness;
  let w1: string;
  let w2: string;
  let sup: string;
  const ids: Record<string, string> = {};
  let lastPosition = 0;

  function open(token: string, name: string, overrides: Record<string, unknown> = {}) {
    return h
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${token}`)
      .send({
        child: { fullName: name, sex: 'female', ageYears: 8 },
        category: 'neglect',
        summary: 'Cháu thường bị bỏ đói, có vết bầm.',
        location: { areaCode: '29926' },
        reportedAt: '2026-11-20T10:00:00+07:00',
        source: 'community',
        ...overrides,
      });
  }

  async function list(token: string, query: Record<string, string | number>) {
    const qs = new URLSearchParams({
      minPosition: String(lastPosition),
      ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
    });
    const res = await h.http().get(`/api/v1/cases?${qs}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body as { items: Item[]; nextCursor: string | null };
  }

  beforeAll(async () => {
    h = await startApiHarness('case_list', { start: T0, with: [ProjectorModule] });
    [w1, w2, sup] = [await h.token('worker1'), await h.token('worker2'), await h.token('supervisor')];
    const cases: [string, string, string, Record<string, unknown>][] = [
      ['lan', w1, 'Nguyễn Thị Lan', {}],
      ['dao', w1, 'Nguyễn Văn Đào', { category: 'physical_violence', reportedAt: '2026-11-19T22:00:00+07:00' }],
      ['binh', w1, 'Trần Văn Bình', { category: 'sexual_abuse', reportedAt: '2026-11-20T09:00:00+07:00' }],
      [
        'hoa',
        w1,
        'Lê Thị Hoa',
        { category: 'child_labour', summary: 'Làm việc ở xưởng gạch', reportedAt: '2026-11-20T08:00:00+07:00' },
      ],
      ['nguyen2', w2, 'Nguyễn Thị Ngọc', { location: { areaCode: '29938' } }],
    ];
    for (const [key, token, name, overrides] of cases) {
      const res = await open(token, name, overrides);
      expect(res.status).toBe(201);
      ids[key] = res.body.caseId;
      lastPosition = Math.max(lastPosition, res.body.position);
    }
    // Bình's case is assessed critical; Hoa's is closed.
    const assess = await h
      .http()
      .post(`/api/v1/cases/${ids.binh}/risk-assessments`)
      .set('Authorization', `Bearer ${w1}`)
      .set('If-Match', '1')
      .send({
        level: 'critical',
        verification: 'confirmed',
        factors: [],
        notes: '',
        assessedAt: '2026-11-20T11:00:00+07:00',
      });
    expect(assess.status).toBe(200);
    const close = await h
      .http()
      .post(`/api/v1/cases/${ids.hoa}/closure`)
      .set('Authorization', `Bearer ${w1}`)
      .set('If-Match', '1')
      .send({ reason: 'child_safe', notes: '' });
    expect(close.status).toBe(200);
    lastPosition = Math.max(assess.body.position, close.body.position);
  });
  afterAll(async () => {
    await h.close();
  });

  it('reads its own writes: with ?minPosition= the list includes what was just written', async () => {
    const body = await list(w1, {});
    expect(body.items.map((i) => i.caseId)).toContain(ids.hoa);
    expect(body.items.find((i) => i.caseId === ids.hoa)?.status).toBe('closed');
  });

  it('finds "Nguyễn" when searched without diacritics, and by words of the summary', async () => {
    const plain = await list(w1, { q: 'Nguyen' });
    expect(plain.items.map((i) => i.childName).sort()).toEqual(['Nguyễn Thị Lan', 'Nguyễn Văn Đào']);
    expect((await list(w1, { q: 'nguyễn thị' })).items.map((i) => i.caseId)).toEqual([ids.lan]);
    expect((await list(w1, { q: 'dao' })).items.map((i) => i.caseId)).toEqual([ids.dao]);
    expect((await list(w1, { q: 'XUONG GACH' })).items.map((i) => i.caseId)).toEqual([ids.hoa]);
    expect((await list(w1, { q: '%' })).items).toEqual([]);
  });

  it('filters by status, category, risk, area and overdue', async () => {
    expect((await list(w1, { status: 'closed' })).items.map((i) => i.caseId)).toEqual([ids.hoa]);
    expect((await list(w1, { category: 'sexual_abuse' })).items.map((i) => i.caseId)).toEqual([ids.binh]);
    expect((await list(w1, { risk: 'critical' })).items.map((i) => i.caseId)).toEqual([ids.binh]);
    expect((await list(sup, { areaCode: '29938' })).items.map((i) => i.caseId)).toEqual([ids.nguyen2]);
    // At 12:00 local on 20 Nov, Đào's report of 22:00 the evening before is past its 12-hour first response.
    const overdue = await list(w1, { overdue: 'true' });
    expect(overdue.items.map((i) => i.caseId)).toEqual([ids.dao]);
    expect(overdue.items[0]!.overdue).toBe(true);
    const notOverdue = (await list(w1, { overdue: 'false' })).items.map((i) => i.caseId);
    expect(notOverdue).not.toContain(ids.dao);
    expect(notOverdue).toHaveLength(3);
  });

  it('pages with a cursor, newest report first, without repeats or gaps', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(sup, {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((i) => i.caseId).sort()).toEqual(Object.values(ids).sort());
    const times = seen.map((i) => Date.parse(i.reportedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const bad = await h.http().get('/api/v1/cases?cursor=bm9wZQ').set('Authorization', `Bearer ${sup}`);
    expect(bad.status).toBe(400);
    const tooMany = await h.http().get('/api/v1/cases?limit=1000').set('Authorization', `Bearer ${sup}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0].field).toBe('limit');
  });

  it("shows a social worker only their communes' cases", async () => {
    expect((await list(w2, {})).items.map((i) => i.caseId)).toEqual([ids.nguyen2]);
    expect((await list(w2, { q: 'Nguyen' })).items.map((i) => i.caseId)).toEqual([ids.nguyen2]);
    expect((await list(w1, {})).items.map((i) => i.caseId)).not.toContain(ids.nguyen2);
    const police = await h.token('police');
    expect((await h.http().get('/api/v1/cases').set('Authorization', `Bearer ${police}`)).status).toBe(403);
  });

  it('answers 503 PROJECTION_BEHIND when a position is not reached within the wait, and 400 for a position never handed out', async () => {
    const beyond = await h.http().get('/api/v1/cases?minPosition=999999999').set('Authorization', `Bearer ${w1}`);
    expect(beyond.status).toBe(400);
    expect(beyond.body.details[0].field).toBe('minPosition');
    const projector = h.app.get(ProjectorService);
    await projector.runner.stop();
    try {
      const opened = await open(w1, 'Đỗ Thị Chờ Đợi');
      const res = await h
        .http()
        .get(`/api/v1/cases?minPosition=${opened.body.position}`)
        .set('Authorization', `Bearer ${w1}`);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('PROJECTION_BEHIND');
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      projector.runner.start();
    }
  });
});
