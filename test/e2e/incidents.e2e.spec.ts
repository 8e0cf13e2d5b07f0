// Issue "disasters": a flood, 1,000 children registered in one request (some rows invalid), their cases,
// default referrals and first-response deadlines; the same request repeated creates nothing; family
// tracing finds the right child among similar names, a wrong match is rejected, and a reunion shows in the
// incident's figures.
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

const T0 = '2026-10-15T02:00:00.000Z'; // 09:00 in Đồng Tháp, the morning after the flood
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Khoa',
  'Linh',
  'Minh',
  'Ngọc',
  'Phúc',
  'Quân',
  'Sơn',
  'Thảo',
  'Uyên',
  'Vy',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'];

describe('Disasters: incidents, batch registration, tracing', () => {
  let h: ApiHarness;
  let worker: string;
  let incidentId: string;

  const auth = () => ({ Authorization: `Bearer ${worker}` });
  const events = async () => Number((await h.db.sql`select count(*)::int as n from events`)[0]!.n);

  beforeAll(async () => {
    h = await startApiHarness('incidents', { start: T0, with: [ProjectorModule] });
    worker = await h.token('worker1');
    const res = await h
      .http()
      .post('/api/v1/incidents')
      .set(auth())
      .send({ type: 'flood', name: 'Lũ tháng 10/2026', areaCodes: ['29926'], startedAt: '2026-10-14T20:00:00+07:00' });
    expect(res.status).toBe(201);
    incidentId = res.body.incidentId;
  });
  afterAll(async () => {
    await h.close();
  });

  it('registers 1,000 children in one request, row by row, and a repeat creates nothing', async () => {
    const rows: Record<string, unknown>[] = Array.from({ length: 1000 }, (_, i) => ({
      fullName: `${FAMILY[i % FAMILY.length]} Văn ${GIVEN[i % GIVEN.length]} ${i}`,
      sex: i % 2 ? 'male' : 'female',
      ageYears: i % 15,
      areaCode: '29926',
      foundAt: '2026-10-15T07:30:00+07:00',
      injured: i % 10 === 0,
      separated: i % 7 === 0,
      notes: 'Tìm thấy trên mái nhà',
    }));
    // Bad rows, each for its own reason.
    rows[3] = { ...rows[3], sex: 'boy' };
    rows[17] = { ...rows[17], ageYears: undefined };
    rows[42] = { ...rows[42], areaCode: '99999' };
    rows[99] = { ...rows[99], areaCode: '29938' }; // another commune: not this worker's
    rows[500] = { ...rows[500], ageYears: 16 }; // not a child under the Law on Children
    rows[777] = { ...rows[777], extra: 'field' };
    const bad: Record<number, string> = {
      3: 'VALIDATION_FAILED',
      17: 'VALIDATION_FAILED',
      42: 'UNKNOWN_AREA',
      99: 'AREA_OUT_OF_SCOPE',
      500: 'CHILD_NOT_A_CHILD',
      777: 'VALIDATION_FAILED',
    };

    const started = Date.now();
    const res = await h
      .http()
      .post(`/api/v1/incidents/${incidentId}/children`)
      .set(auth())
      .set('Idempotency-Key', 'flood-batch-1')
      .send({ children: rows });
    const seconds = (Date.now() - started) / 1000;
    expect(res.status).toBe(200);
    console.log(`incident batch: 1000 rows in ${seconds.toFixed(1)} s`);
    expect(res.body).toMatchObject({ created: 994, replayed: 0, refused: 6 });
    const results = res.body.results as {
      index: number;
      status: string;
      code?: string;
      details?: { field: string }[];
      caseId?: string;
      referrals?: { toAgency: string; urgency: string }[];
      firstResponseBy?: string;
    }[];
    expect(results.map((r) => r.index)).toEqual(rows.map((_, i) => i));
    for (const [i, code] of Object.entries(bad)) expect(results[Number(i)]).toMatchObject({ status: 'refused', code });
    expect(results[3]!.details![0]!.field).toBe('sex');
    expect(results[17]!.details![0]!.field).toBe('ageYears');

    // Default referrals by rule, and the 12-hour first response deadline at once.
    const injured = results[10]!; // 10: injured
    expect(injured.referrals!.map((r) => r.toAgency)).toEqual(['health']);
    const separated = results[7]!; // 7: separated
    expect(separated.referrals!.map((r) => [r.toAgency, r.urgency])).toEqual([['social_affairs', 'emergency']]);
    const both = results[70]!; // 70: injured and separated
    expect(both.referrals!.map((r) => r.toAgency).sort()).toEqual(['health', 'social_affairs']);
    const plain = results[1]!;
    expect(plain.referrals!.map((r) => [r.toAgency, r.urgency])).toEqual([['social_affairs', 'emergency']]);
    expect(plain.firstResponseBy).toBe('2026-10-15T12:30:00.000Z'); // 07:30 local + 12 h

    // The cases, referrals and deadlines are in the read models.
    const figures = await h
      .http()
      .get(`/api/v1/incidents/${incidentId}?minPosition=${res.body.position}`)
      .set(auth())
      .expect(200);
    // 100 rows were marked injured (every tenth); row 500 among them was refused (aged 16).
    expect(figures.body.figures).toMatchObject({
      registered: 994,
      stillWaiting: 994,
      reachedWithin12h: 0,
      injured: 99,
      reunified: 0,
    });
    const created = results.filter((r) => r.status === 'created');
    const [counts] = await h.db.sql<{ cases: number; referrals: number; deadlines: number }[]>`
      select (select count(*)::int from rm_cases where incident_id = ${incidentId}::uuid) as cases,
             (select count(*)::int from rm_referrals r join rm_cases c using (case_id) where c.incident_id = ${incidentId}::uuid) as referrals,
             (select count(*)::int from rm_deadlines d join rm_cases c using (case_id) where c.incident_id = ${incidentId}::uuid and d.kind = 'first_response') as deadlines`;
    expect(counts).toEqual({
      cases: 994,
      referrals: created.reduce((n, r) => n + r.referrals!.length, 0),
      deadlines: 994,
    });

    // The same request again: nothing new, the same answers.
    const before = await events();
    const again = await h
      .http()
      .post(`/api/v1/incidents/${incidentId}/children`)
      .set(auth())
      .set('Idempotency-Key', 'flood-batch-1')
      .send({ children: rows });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, replayed: 994, refused: 6 });
    expect(again.body.results.map((r: { caseId?: string }) => r.caseId)).toEqual(results.map((r) => r.caseId));
    expect(await events()).toBe(before);

    const tooMany = await h
      .http()
      .post(`/api/v1/incidents/${incidentId}/children`)
      .set(auth())
      .send({ children: Array.from({ length: 1001 }, () => ({})) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0].field).toBe('children');
  });

  it('traces a family: finds the right child among similar names, rejects a wrong match, and closes the loop on reunion', async () => {
    const flood = await h
      .http()
      .post('/api/v1/incidents')
      .set(auth())
      .send({ type: 'flood', name: 'Lũ cục bộ', areaCodes: ['29926'], startedAt: '2026-10-14T20:00:00+07:00' })
      .expect(201);
    const id = flood.body.incidentId;
    const children = [
      { fullName: 'Nguyễn Văn An', sex: 'male', ageYears: 8, areaCode: '29926', separated: true },
      { fullName: 'Nguyễn Văn Ân', sex: 'male', ageYears: 13, areaCode: '29926', separated: true },
      { fullName: 'Nguyễn Thị An', sex: 'female', ageYears: 8, areaCode: '29926' },
      { fullName: 'Trần Văn An', sex: 'male', ageYears: 8, areaCode: '29926', separated: true },
      { fullName: 'Nguyễn Văn Anh', sex: 'male', ageYears: 9, areaCode: '29926' },
    ];
    const reg = await h.http().post(`/api/v1/incidents/${id}/children`).set(auth()).send({ children }).expect(200);
    const caseOf = (i: number) => reg.body.results[i].caseId as string;

    const request = await h
      .http()
      .post(`/api/v1/tracing-requests?minPosition=${reg.body.position}`)
      .set(auth())
      .send({
        incidentId: id,
        requester: { name: 'Nguyễn Thị Mẹ', phone: '0901 222 333', relation: 'mother' },
        sought: {
          fullName: 'Nguyen Van An',
          sex: 'male',
          ageYears: 8,
          lastSeenAreaCode: '29926',
          description: 'Áo xanh',
        },
      });
    expect(request.status).toBe(201);
    const matches = request.body.matches as { caseId: string; score: number }[];
    expect(matches[0]!.caseId).toBe(caseOf(0));
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
    expect(matches.map((m) => m.caseId)).not.toContain(undefined);

    // The worker rejects the namesake who is five years older: he is not proposed again.
    const wrong = matches.find((m) => m.caseId === caseOf(1));
    expect(wrong).toBeDefined();
    const afterReject = await h
      .http()
      .post(`/api/v1/tracing-requests/${request.body.requestId}/matches/${caseOf(1)}/reject`)
      .set(auth())
      .expect(200);
    expect(afterReject.body.matches.map((m: { caseId: string }) => m.caseId)).not.toContain(caseOf(1));

    const confirmed = await h
      .http()
      .post(`/api/v1/tracing-requests/${request.body.requestId}/matches/${caseOf(0)}/confirm`)
      .set(auth())
      .expect(200);
    expect(confirmed.body).toMatchObject({ status: 'matched', matchedCaseId: caseOf(0) });
    const early = await h
      .http()
      .post(`/api/v1/tracing-requests/${request.body.requestId}/reunite`)
      .set(auth())
      .set('If-Match', '1')
      .send({});
    expect(early.status).toBe(409); // the case is at version 2 (opened with its referral)
    const reunited = await h
      .http()
      .post(`/api/v1/tracing-requests/${request.body.requestId}/reunite`)
      .set(auth())
      .set('If-Match', '2')
      .send({ notes: 'Gặp lại mẹ tại điểm sơ tán' })
      .expect(200);
    expect(reunited.body.status).toBe('reunited');

    const page = await h
      .http()
      .get(`/api/v1/cases/${caseOf(0)}`)
      .set(auth())
      .expect(200);
    expect(page.body.support.map((s: { service: string }) => s.service)).toEqual(['family_reunification']);
    expect(page.body.deadlines.firstResponse.status).toBe('met');
    const figures = await h
      .http()
      .get(`/api/v1/incidents/${id}?minPosition=${reunited.body.position}`)
      .set(auth())
      .expect(200);
    expect(figures.body.figures).toMatchObject({
      registered: 5,
      separated: 3,
      reunified: 1,
      reachedWithin12h: 1,
      stillWaiting: 4,
      tracingRequests: { reunited: 1, open: 0 },
    });
  });

  it('keeps incidents and tracing to the areas of the user', async () => {
    const other = await h.token('worker2');
    expect((await h.http().get(`/api/v1/incidents/${incidentId}`).set('Authorization', `Bearer ${other}`)).status).toBe(
      404,
    );
    const police = await h.token('police');
    expect(
      (await h.http().get(`/api/v1/incidents/${incidentId}`).set('Authorization', `Bearer ${police}`)).status,
    ).toBe(403);
  });
});
