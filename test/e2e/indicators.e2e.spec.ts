// Issue 5: cases driven through the HTTP API, the projector running in the same process, and the indicators
// read back from GET /indicators/:number, the CSV and XLSX exports and the supervisor's dashboard. The
// expected figures are worked out beside each assertion. Times are Vietnam time (+07:00).
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const T0 = '2026-11-20T05:00:00.000Z'; // 12:00 on 20 November 2026 in Đồng Tháp
const NAMES = ['Nguyễn Thị Lan', 'Trần Văn Bình', 'Lê Thị Hoa', 'Phạm Văn Đức', 'Võ Thị Mai'];
const SUMMARY = 'Cháu bị đánh nhiều lần, hàng xóm báo tin';

describe('Indicators and the response-time dashboard over HTTP', () => {
  let h: ApiHarness;
  let w1: string;
  let sup: string;
  let analyst: string;
  let position = 0;

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function open(
    token: string,
    o: { name: string; category: string; areaCode: string; reportedAt: string; childId?: string },
  ) {
    const res = await h
      .http()
      .post('/api/v1/cases')
      .set(auth(token))
      .send({
        child: { fullName: o.name, sex: 'female', ageYears: 9 },
        ...(o.childId ? { childId: o.childId } : {}),
        category: o.category,
        summary: SUMMARY,
        location: { areaCode: o.areaCode },
        reportedAt: o.reportedAt,
        source: 'community',
      });
    expect(res.status).toBe(201);
    position = Math.max(position, res.body.position);
    return {
      caseId: res.body.caseId as string,
      childId: res.body.childId as string,
      version: res.body.version as number,
    };
  }

  async function act(token: string, c: { caseId: string; version: number }, path: string, body: object) {
    const res = await h
      .http()
      .post(`/api/v1/cases/${c.caseId}/${path}`)
      .set(auth(token))
      .set('If-Match', String(c.version))
      .send(body);
    expect(res.status).toBe(200);
    c.version = res.body.version;
    position = Math.max(position, res.body.position);
  }

  const assess = (t: string, c: { caseId: string; version: number }, verification: string, at: string) =>
    act(t, c, 'risk-assessments', { level: 'medium', verification, factors: [], notes: 'ghi chú', assessedAt: at });

  async function get(token: string, path: string) {
    const sep = path.includes('?') ? '&' : '?';
    return h.http().get(`/api/v1${path}${sep}minPosition=${position}`).set(auth(token));
  }

  beforeAll(async () => {
    h = await startApiHarness('indicators_e2e', { start: T0, with: [ProjectorModule] });
    [w1, sup, analyst] = [await h.token('worker1'), await h.token('supervisor'), await h.token('analyst')];

    // A: sexual abuse, confirmed, emergency measure 10 h after the report → indicator 12 met (10 h).
    const a = await open(w1, {
      name: NAMES[0]!,
      category: 'sexual_abuse',
      areaCode: '29926',
      reportedAt: '2026-10-01T08:00:00+07:00',
    });
    await assess(w1, a, 'confirmed', '2026-10-01T09:00:00+07:00');
    await act(w1, a, 'emergency-measures', {
      measure: 'temporary_shelter',
      appliedAt: '2026-10-01T18:00:00+07:00',
      notes: 'tạm lánh',
    });
    // B: the same child, physical violence, confirmed; police support one minute after the deadline → missed.
    const b = await open(w1, {
      name: NAMES[0]!,
      category: 'physical_violence',
      areaCode: '29926',
      reportedAt: '2026-10-05T08:00:00+07:00',
      childId: a.childId,
    });
    await assess(w1, b, 'confirmed', '2026-10-05T09:00:00+07:00');
    await act(w1, b, 'support', {
      service: 'legal',
      agency: 'police',
      providedAt: '2026-10-05T20:01:00+07:00',
      notes: 'công an hỗ trợ',
    });
    // C: neglect reported at 23:30 on 31 December 2025 (Vietnam), confirmed → indicator 9 of 2025.
    const c = await open(w1, {
      name: NAMES[1]!,
      category: 'neglect',
      areaCode: '29926',
      reportedAt: '2025-12-31T23:30:00+07:00',
    });
    await assess(w1, c, 'confirmed', '2026-01-02T09:00:00+07:00');
    // D: emotional abuse, unfounded, no response → not in indicator 9, excluded from indicator 12.
    const d = await open(w1, {
      name: NAMES[2]!,
      category: 'emotional_abuse',
      areaCode: '29926',
      reportedAt: '2026-10-10T08:00:00+07:00',
    });
    await assess(w1, d, 'unfounded', '2026-10-10T10:00:00+07:00');
    // E: disaster reported an hour ago: its 12-hour deadline is ahead → pending.
    await open(w1, {
      name: NAMES[3]!,
      category: 'disaster',
      areaCode: '29926',
      reportedAt: '2026-11-20T11:00:00+07:00',
    });
    // T: neglect, confirmed, emergency measure after 4 h, then the child moved to Xã Tân Thành (29938).
    const t = await open(w1, {
      name: NAMES[4]!,
      category: 'neglect',
      areaCode: '29926',
      reportedAt: '2026-09-01T08:00:00+07:00',
    });
    await assess(w1, t, 'confirmed', '2026-09-01T09:00:00+07:00');
    await act(w1, t, 'emergency-measures', {
      measure: 'removal_from_danger',
      appliedAt: '2026-09-01T12:00:00+07:00',
      notes: '',
    });
    await act(w1, t, 'transfers', { toAreaCode: '29938', reason: 'gia đình chuyển đến xã Tân Thành' });
    // Child marriages in Xã Tân Hồng: 2 occurred in 2025; in 2026 1 occurred and 1 prevented.
    const marriage = async (outcome: string, at: string, areaCode = '29926') => {
      const m = await open(w1, { name: NAMES[2]!, category: 'child_marriage', areaCode, reportedAt: at });
      await act(w1, m, 'child-marriage-outcome', { outcome, at });
    };
    // Before 1 July 2025 the case is filed under the commune of the old tree (29926-2021, now part of 29926).
    await marriage('occurred', '2025-03-01T10:00:00+07:00', '29926-2021');
    await marriage('occurred', '2025-08-01T10:00:00+07:00');
    await marriage('occurred', '2026-04-01T10:00:00+07:00');
    await marriage('prevented', '2026-05-01T10:00:00+07:00');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('indicator 9: one child with two confirmed abuse cases counts once; a transferred case counts where it is now', async () => {
    const res = await get(sup, '/indicators/9?year=2026&areaCode=29926');
    expect(res.status).toBe(200);
    // Xã Tân Hồng 2026: the child of A and B (once); T moved away; D unfounded. 1 / 5,446 children = 0.018362 %.
    expect(res.body.result).toMatchObject({
      children: 1,
      cases: 2,
      population: 5446,
      percent: 0.018362,
      per100000: 18.362101,
      targetMet: true,
    });
    const moved = await get(sup, '/indicators/9?year=2026&areaCode=29938');
    expect(moved.body.result).toMatchObject({ children: 1, population: 3630 });
    const province = await get(sup, '/indicators/9?year=2026&areaCode=82&unit=per_100000_children');
    // 2 children / 734,219 = 0.272398 per 100,000; the target 4 % is 4,000 per 100,000.
    expect(province.body.result).toMatchObject({ children: 2, unit: 'per_100000_children', value: 0.272398 });
    expect(province.body.result.target).toMatchObject({ value: 4000, direction: 'below' });
    const y2025 = await get(sup, '/indicators/9?year=2025&areaCode=29926');
    expect(y2025.body.result).toMatchObject({ children: 1, population: 5491 }); // case C, 23:30 on 31 December
  });

  it('indicator 12: met, missed one minute late, pending apart, unfounded excluded', async () => {
    const res = await get(analyst, '/indicators/12?year=2026&areaCode=29926');
    expect(res.status).toBe(200);
    const r = res.body.result;
    // A met (10 h), B missed (12.016667 h), E pending, D excluded; T counts in 29938 now.
    expect([r.met, r.missed, r.pending, r.excluded]).toEqual([1, 1, 1, 1]);
    expect(r.ratePercent).toBe(50); // 1 / (1 + 1)
    // Median of 10 and 12.016667 = 11.008333; p90 = 10 + 0.9 × 2.016667 = 11.815.
    expect(r.medianHours).toBeCloseTo(11.008333, 5);
    expect(r.p90Hours).toBeCloseTo(11.815, 5);
    expect(r.byAgency.map((g: { agency: string }) => g.agency)).toEqual(['none', 'police', 'social_worker']);
  });

  it('indicator 13: occurred counted, prevented not, change against the year before, "no data" for an empty year', async () => {
    const r = (await get(sup, '/indicators/13?year=2026&areaCode=29926')).body.result;
    // 1 in 2026 against 2 in 2025: −1, −50 %, a reduction of 50 % (target: at least 2 %).
    expect(r).toMatchObject({
      occurred: 1,
      prevented: 1,
      change: { absolute: -1, percent: -50 },
      reductionPercent: 50,
      targetMet: true,
    });
    const empty = (await get(sup, '/indicators/13?year=2027&areaCode=29926')).body.result;
    expect(empty.occurred).toBeNull();
    expect(empty.value).toBeNull();
    expect(empty.noData).toMatch(/2027/);
  });

  it('exports the same figures as CSV and XLSX', async () => {
    const res = await get(analyst, '/indicators/export?format=csv&year=2026&areaCode=29926');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('sen-indicators-2026-29926.csv');
    const rows = parse(res.text.replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(35);
    const row = (n: string) => rows.find((x) => x.number === n)!;
    expect([row('9').value, row('9').numerator, row('9').denominator, row('9').target, row('9').target_met]).toEqual([
      '0.018362',
      '1',
      '5446',
      '4',
      'true',
    ]);
    expect([row('12').value, row('12').numerator, row('12').denominator, row('12').target_met]).toEqual([
      '50',
      '1',
      '2',
      'false',
    ]);
    expect([row('13').value, row('13').numerator, row('13').denominator]).toEqual(['50', '1', '2']);
    expect(row('1')).toMatchObject({ value: '', source: '', lead_agency: 'social_affairs' });
    for (const name of NAMES) expect(res.text).not.toContain(name);
    expect(res.text).not.toContain(SUMMARY);

    const xlsx = await h
      .http()
      .get('/api/v1/indicators/export?format=xlsx&year=2026&areaCode=29926')
      .set(auth(sup))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((xlsx.body as Buffer).buffer.slice(0) as ArrayBuffer);
    const sheet = book.getWorksheet('indicators')!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    const nine = sheet.getRows(3, 35)!.find((r) => r.getCell(1).value === 9)!;
    expect(nine.getCell(header.indexOf('value') + 1).value).toBe(0.018362);
  });

  it('takes the figures of the other indicators from their lead agency', async () => {
    const officer = await h.token('social_affairs');
    const ok = await h
      .http()
      .post('/api/v1/indicators/1/figures')
      .set(auth(officer))
      .send({ year: 2026, areaCode: '82', value: 61.5, note: 'Báo cáo năm 2026' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ indicator: 1, targetKey: 'child_friendly_communes', value: 61.5, areaCode: '82' });
    const one = await get(analyst, '/indicators/1?year=2026&areaCode=82');
    // 61.5 % against the 2030 target of at least 75 %: not met.
    expect(one.body.figures[0]).toMatchObject({ value: 61.5, source: 'entered', targetMet: false });
    const list = await get(analyst, '/indicators?year=2026&areaCode=82');
    expect(list.body.indicators).toHaveLength(24);
    expect(list.body.indicators[0].targets[0].figure.value).toBe(61.5);

    const police = await h.token('police');
    const notLead = await h
      .http()
      .post('/api/v1/indicators/1/figures')
      .set(auth(police))
      .send({ year: 2026, areaCode: '82', value: 50 });
    expect([notLead.status, notLead.body.code]).toEqual([403, 'NOT_LEAD_AGENCY']);
    const computed = await h
      .http()
      .post('/api/v1/indicators/9/figures')
      .set(auth(sup))
      .send({ year: 2026, areaCode: '82', value: 1 });
    expect([computed.status, computed.body.code]).toEqual([409, 'INDICATOR_COMPUTED']);
    const needsKey = await h
      .http()
      .post('/api/v1/indicators/3/figures')
      .set(auth(sup))
      .send({ year: 2026, areaCode: '82', value: 9 });
    expect([needsKey.status, needsKey.body.details[0].field]).toEqual([400, 'targetKey']);
    const tooBig = await h
      .http()
      .post('/api/v1/indicators/1/figures')
      .set(auth(officer))
      .send({ year: 2026, areaCode: '82', value: 140 });
    expect([tooBig.status, tooBig.body.details[0].field]).toEqual([400, 'value']);
    const future = await h
      .http()
      .post('/api/v1/indicators/1/figures')
      .set(auth(officer))
      .send({ year: 2029, areaCode: '82', value: 70 });
    expect([future.status, future.body.details[0].field]).toEqual([400, 'year']);
    const byAnalyst = await h
      .http()
      .post('/api/v1/indicators/1/figures')
      .set(auth(analyst))
      .send({ year: 2026, areaCode: '82', value: 70 });
    expect(byAnalyst.status).toBe(403);
  });

  it("shows the supervisor's response times by area and what is late now, oldest first", async () => {
    const res = await get(sup, '/dashboard/response-times?year=2026&areaCode=82&groupBy=area');
    expect(res.status).toBe(200);
    // Province: A met, B missed, E pending, D excluded (Tân Hồng) and T met (Tân Thành): 2 / 3 = 66.666667 %.
    expect(res.body.totals).toMatchObject({ met: 2, missed: 1, pending: 1, excluded: 1, ratePercent: 66.666667 });
    expect(res.body.groups).toEqual([
      expect.objectContaining({
        area: '29926',
        areaName: 'Xã Tân Hồng',
        met: 1,
        missed: 1,
        pending: 1,
        excluded: 1,
        ratePercent: 50,
      }),
      expect.objectContaining({ area: '29938', met: 1, missed: 0, medianHours: 4 }),
    ]);
    // The distribution of hours to the first response: T's 4 hours fall in the 3–6 hour bucket.
    expect(res.body.hoursBucketEdges).toEqual([1, 3, 6, 12, 24, 48, 72]);
    expect(res.body.groups[1].hoursHistogram).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
    const histogramTotal = (g: { hoursHistogram: number[] }) => g.hoursHistogram.reduce((a, b) => a + b, 0);
    expect(histogramTotal(res.body.totals)).toBe(
      res.body.groups.reduce((n: number, g: { hoursHistogram: number[] }) => n + histogramTotal(g), 0),
    );
    expect(histogramTotal(res.body.totals)).toBeGreaterThanOrEqual(2);
    const byMonth = await get(sup, '/dashboard/response-times?year=2026&areaCode=82&groupBy=month,agency');
    expect(byMonth.body.groups.map((g: { month: string; agency: string }) => `${g.month} ${g.agency}`)).toEqual([
      '2026-09 social_worker',
      '2026-10 none',
      '2026-10 police',
      '2026-10 social_worker',
      '2026-11 none',
    ]);

    const late = await get(sup, '/dashboard/overdue?limit=2');
    expect(late.status).toBe(200);
    // The oldest: the plan of the child marriage case reported on 1 March 2025, due at the end of the 5th working
    // day after it (Friday 7 March 2025, 23:59:59.999 Vietnam time), never proposed.
    expect(late.body.items[0]).toMatchObject({
      kind: 'plan',
      category: 'child_marriage',
      dueAt: '2025-03-07T16:59:59.999Z',
    });
    // Late first responses: case C's, due at 11:30 on 1 January 2026 (12 h after 23:30), then D's (20:00 on
    // 10 October): D was assessed unfounded, which takes it out of indicator 12, but the case is still open with
    // its deadline unmet, so the operational list shows it until it is closed.
    const firstResponses = await get(sup, '/dashboard/overdue?kind=first_response&areaCode=29926');
    expect(firstResponses.body.items.map((i: { category: string; dueAt: string }) => [i.category, i.dueAt])).toEqual([
      ['neglect', '2026-01-01T04:30:00.000Z'],
      ['emotional_abuse', '2026-10-10T13:00:00.000Z'],
    ]);
    const dues = late.body.items.map((i: { dueAt: string }) => Date.parse(i.dueAt));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    expect(late.body.total).toBeGreaterThan(2);
    const next = await get(sup, `/dashboard/overdue?limit=500&cursor=${late.body.nextCursor}`);
    expect(next.body.items).toHaveLength(late.body.total - 2);
    expect(JSON.stringify(late.body)).not.toContain(NAMES[1]);
  });

  it('refuses bad input with 4xx naming the field, and other roles', async () => {
    const cases: [string, number, string?][] = [
      ['/indicators/abc', 400, 'number'],
      ['/indicators/99', 404],
      ['/indicators/9?year=1800', 400, 'year'],
      ['/indicators/9?areaCode=99999', 400, 'areaCode'],
      ['/indicators/9?unit=per_mille', 400, 'unit'],
      ['/indicators/export?format=pdf', 400, 'format'],
      ['/dashboard/response-times?groupBy=colour', 400, 'groupBy'],
      ['/dashboard/overdue?cursor=bm9wZQ', 400, 'cursor'],
    ];
    for (const [path, status, field] of cases) {
      const res = await h.http().get(`/api/v1${path}`).set(auth(sup));
      expect([path, res.status]).toEqual([path, status]);
      expect(res.body).toMatchObject({ statusCode: status, code: expect.any(String), message: expect.any(String) });
      if (field) expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await h.http().get('/api/v1/indicators').set(auth(w1))).status).toBe(403);
    expect((await h.http().get('/api/v1/dashboard/response-times').set(auth(analyst))).status).toBe(403);
    const worker2 = await h.token('worker2');
    expect((await h.http().get('/api/v1/dashboard/overdue').set(auth(worker2))).status).toBe(403);
  });

  it('writes no personal data to the logs', () => {
    const logs = h.logs.text();
    for (const name of NAMES) expect(logs).not.toContain(name);
    expect(logs).not.toContain(SUMMARY);
  });
});
