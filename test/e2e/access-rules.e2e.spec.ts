// Issue 15 (security review): the scope rules the access matrix states in one line each, played out as the
// attacks the review found. Point 2: a tracing decision is scoped like the case it names, and only the
// request's owner restores a rejected match. Point 9: an Idempotency-Key is bound to its user and the body.
// Point 13: what a new case names (child, incident, area on its date) and the headers of every answer.
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

describe('Access rules beyond the matrix', () => {
  let h: ApiHarness;
  let w1: string;
  let w2: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    h = await startApiHarness('access_rules', { with: [ProjectorModule] });
    w1 = await h.token('worker1');
    w2 = await h.token('worker2');
  });
  afterAll(async () => {
    await h.close();
  });

  describe('tracing', () => {
    it("keeps worker2 from undoing worker1's match for a child worker2 cannot see, and lets the owner restore a rejection", async () => {
      const flood = await h
        .http()
        .post('/api/v1/incidents')
        .set(as(w1))
        .send({ type: 'flood', name: 'Lũ', areaCodes: ['29926'], startedAt: '2026-11-19T20:00:00+07:00' })
        .expect(201);
      const reg = await h
        .http()
        .post(`/api/v1/incidents/${flood.body.incidentId}/children`)
        .set(as(w1))
        .send({ children: [{ fullName: 'Nguyễn Văn Lạc', sex: 'male', ageYears: 8, areaCode: '29926' }] })
        .expect(200);
      const caseId = reg.body.results[0].caseId as string;
      // Last seen somewhere in the province: both workers may read the request (the family asked everywhere).
      const request = await h
        .http()
        .post(`/api/v1/tracing-requests?minPosition=${reg.body.position}`)
        .set(as(w1))
        .send({
          requester: { name: 'Nguyễn Thị Mẹ', phone: '0901000000', relation: 'mother' },
          sought: { fullName: 'Nguyễn Văn Lạc', sex: 'male', ageYears: 8, lastSeenAreaCode: '82' },
        })
        .expect(201);
      const id = request.body.requestId as string;
      expect(request.body.matches.map((m: { caseId: string }) => m.caseId)).toContain(caseId);
      await h.http().post(`/api/v1/tracing-requests/${id}/matches/${caseId}/confirm`).set(as(w1)).expect(200);

      await h.http().get(`/api/v1/tracing-requests/${id}`).set(as(w2)).expect(200);
      const reject = await h.http().post(`/api/v1/tracing-requests/${id}/matches/${caseId}/reject`).set(as(w2));
      expect({ status: reject.status, code: reject.body.code }).toEqual({ status: 404, code: 'CASE_NOT_FOUND' });
      expect((await h.http().post(`/api/v1/tracing-requests/${id}/matches/${caseId}/confirm`).set(as(w2))).status).toBe(
        404,
      );
      const still = await h.http().get(`/api/v1/tracing-requests/${id}`).set(as(w1)).expect(200);
      expect(still.body).toMatchObject({ status: 'matched', matchedCaseId: caseId });

      // worker1 rejects it after all: it is no longer proposed, and is listed as rejected for its owner.
      const rejected = await h
        .http()
        .post(`/api/v1/tracing-requests/${id}/matches/${caseId}/reject`)
        .set(as(w1))
        .expect(200);
      expect(rejected.body.status).toBe('open');
      expect(rejected.body.matches.map((m: { caseId: string }) => m.caseId)).not.toContain(caseId);
      expect(rejected.body.rejectedCaseIds).toEqual([caseId]);
      const otherRestore = await h.http().post(`/api/v1/tracing-requests/${id}/matches/${caseId}/restore`).set(as(w2));
      expect(otherRestore.status).toBe(404); // worker2 cannot see the child
      const supervisor = await h
        .http()
        .post(`/api/v1/tracing-requests/${id}/matches/${caseId}/restore`)
        .set(as(await h.token('supervisor')));
      expect({ status: supervisor.status, code: supervisor.body.code }).toEqual({
        status: 403,
        code: 'TRACING_NOT_OWNER',
      });

      const restored = await h
        .http()
        .post(`/api/v1/tracing-requests/${id}/matches/${caseId}/restore`)
        .set(as(w1))
        .expect(200);
      expect(restored.body.rejectedCaseIds).toEqual([]);
      expect(restored.body.matches).toEqual([expect.objectContaining({ caseId, decision: null })]);
      await h.http().post(`/api/v1/tracing-requests/${id}/matches/${caseId}/confirm`).set(as(w1)).expect(200);
      const onConfirmed = await h.http().post(`/api/v1/tracing-requests/${id}/matches/${caseId}/restore`).set(as(w1));
      expect({ status: onConfirmed.status, code: onConfirmed.body.code }).toEqual({
        status: 409,
        code: 'MATCH_NOT_REJECTED',
      });
    });
  });

  describe('Idempotency-Key', () => {
    const child = (fullName: string, areaCode: string) => ({
      children: [{ fullName, sex: 'female', ageYears: 6, areaCode }],
    });

    it("replays nothing of worker1's batch to worker2 using the same key, and refuses the key with another body", async () => {
      // An incident of both communes, registered by the province: both workers register its children.
      const sup = await h.token('supervisor');
      const flood = await h
        .http()
        .post('/api/v1/incidents')
        .set(as(sup))
        .send({
          type: 'flood',
          name: 'Lũ hai xã',
          areaCodes: ['29926', '29938'],
          startedAt: '2026-11-19T20:00:00+07:00',
        })
        .expect(201);
      const path = `/api/v1/incidents/${flood.body.incidentId}/children`;
      const first = await h
        .http()
        .post(path)
        .set(as(w1))
        .set('Idempotency-Key', 'batch-1')
        .send(child('Lê Thị Một', '29926'))
        .expect(200);
      expect(first.body).toMatchObject({ created: 1, replayed: 0 });

      const other = await h
        .http()
        .post(path)
        .set(as(w2))
        .set('Idempotency-Key', 'batch-1')
        .send(child('Phạm Thị Hai', '29938'))
        .expect(200);
      expect(other.body).toMatchObject({ created: 1, replayed: 0 });
      expect(other.body.results[0].caseId).not.toBe(first.body.results[0].caseId);
      expect(other.body.results[0].childId).not.toBe(first.body.results[0].childId);
      const seen = await h
        .http()
        .get(`/api/v1/cases/${other.body.results[0].caseId}?minPosition=${other.body.position}`)
        .set(as(w2))
        .expect(200);
      expect(seen.body.child.fullName).toBe('Phạm Thị Hai');

      const retry = await h
        .http()
        .post(path)
        .set(as(w1))
        .set('Idempotency-Key', 'batch-1')
        .send(child('Lê Thị Một', '29926'))
        .expect(200);
      expect(retry.body).toMatchObject({ created: 0, replayed: 1 });
      expect(retry.body.results[0].caseId).toBe(first.body.results[0].caseId);

      const head = async () => Number((await h.db.sql`select count(*)::int as n from events`)[0]!.n);
      const before = await head();
      const reused = await h
        .http()
        .post(path)
        .set(as(w1))
        .set('Idempotency-Key', 'batch-1')
        .send(child('Lê Thị Khác', '29926'));
      expect({ status: reused.status, code: reused.body.code }).toEqual({
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
      expect(await head()).toBe(before);
    });

    it('binds POST /cases keys the same way', async () => {
      const body = (fullName: string, areaCode: string) => ({
        child: { fullName, sex: 'male', ageYears: 9 },
        category: 'neglect',
        summary: 's',
        location: { areaCode },
        reportedAt: '2026-11-20T08:00:00+07:00',
        source: 'walk_in',
      });
      const a = await h
        .http()
        .post('/api/v1/cases')
        .set(as(w1))
        .set('Idempotency-Key', 'form-1')
        .send(body('Lê Văn Ba', '29926'))
        .expect(201);
      const b = await h
        .http()
        .post('/api/v1/cases')
        .set(as(w2))
        .set('Idempotency-Key', 'form-1')
        .send(body('Lê Văn Bốn', '29938'))
        .expect(201);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(b.body.caseId).not.toBe(a.body.caseId);
      const again = await h
        .http()
        .post('/api/v1/cases')
        .set(as(w1))
        .set('Idempotency-Key', 'form-1')
        .send(body('Lê Văn Ba', '29926'))
        .expect(201);
      expect(again.body.caseId).toBe(a.body.caseId);
      const reused = await h
        .http()
        .post('/api/v1/cases')
        .set(as(w1))
        .set('Idempotency-Key', 'form-1')
        .send(body('Lê Văn Năm', '29926'));
      expect({ status: reused.status, code: reused.body.code }).toEqual({
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
    });
  });

  describe('what a new case names', () => {
    const body = (o: { areaCode?: string; reportedAt?: string; childId?: string; incidentId?: string } = {}) => ({
      child: { fullName: 'Võ Thị Liên Kết', sex: 'female', ageYears: 10 },
      category: 'neglect',
      summary: 's',
      location: { areaCode: o.areaCode ?? '29926' },
      reportedAt: o.reportedAt ?? '2026-11-20T08:00:00+07:00',
      source: 'walk_in',
      ...(o.childId ? { childId: o.childId } : {}),
      ...(o.incidentId ? { incidentId: o.incidentId } : {}),
    });
    const open = (token: string, b: object) => h.http().post('/api/v1/cases').set(as(token)).send(b);

    it('links only a child the caller may see (404 otherwise), even one whose first case was opened a moment ago', async () => {
      const mine = await open(w1, body()).expect(201);
      await open(w1, body({ childId: mine.body.childId })).expect(201);
      const theirs = await open(w2, body({ areaCode: '29938' })).expect(201);
      for (const childId of [theirs.body.childId, '5f0c3a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f']) {
        const res = await open(w1, body({ childId }));
        expect({ status: res.status, code: res.body.code, field: res.body.details?.[0]?.field }).toEqual({
          status: 404,
          code: 'CHILD_NOT_FOUND',
          field: 'childId',
        });
      }
    });

    it("names only an incident that exists within the caller's areas", async () => {
      const missing = await open(w1, body({ incidentId: '5f0c3a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f' }));
      expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'INCIDENT_NOT_FOUND' });
      const elsewhere = await h
        .http()
        .post('/api/v1/incidents')
        .set(as(w2))
        .send({ type: 'storm', name: 'Bão', areaCodes: ['29938'], startedAt: '2026-11-19T20:00:00+07:00' })
        .expect(201);
      expect((await open(w1, body({ incidentId: elsewhere.body.incidentId }))).status).toBe(404);
      const here = await h
        .http()
        .post('/api/v1/incidents')
        .set(as(w1))
        .send({ type: 'storm', name: 'Bão', areaCodes: ['29926'], startedAt: '2026-11-19T20:00:00+07:00' })
        .expect(201);
      await open(w1, body({ incidentId: here.body.incidentId })).expect(201);
    });

    it('files a case under a commune in force on the day it was reported', async () => {
      // 29935 was a commune until 30 June 2025 and is part of Xã Tân Hồng (29926) since 1 July 2025.
      const old = await open(w1, body({ areaCode: '29935' }));
      expect({ status: old.status, code: old.body.code, field: old.body.details?.field }).toEqual({
        status: 422,
        code: 'AREA_NOT_IN_FORCE',
        field: 'location.areaCode',
      });
      await open(w1, body({ areaCode: '29935', reportedAt: '2025-06-30T23:30:00+07:00' })).expect(201);
      const early = await open(w1, body({ reportedAt: '2025-06-30T23:30:00+07:00' }));
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'AREA_NOT_IN_FORCE' });
      await open(w1, body({ reportedAt: '2025-07-01T00:30:00+07:00' })).expect(201);
    });
  });

  describe('headers', () => {
    it('lets no cache keep an API answer, the area tree excepted', async () => {
      const list = await h.http().get('/api/v1/cases').set(as(w1)).expect(200);
      expect(list.headers['cache-control']).toBe('no-store');
      const refused = await h.http().get('/api/v1/cases/5f0c3a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f').set(as(w1)).expect(404);
      expect(refused.headers['cache-control']).toBe('no-store');
      expect((await h.http().get('/api/v1/nowhere').set(as(w1))).headers['cache-control']).toBe('no-store');
      expect((await h.http().get('/api/v1/areas').set(as(w1)).expect(200)).headers['cache-control']).toBeUndefined();
    });

    it('sends a Content-Security-Policy whose script-src allows no inline script, and /docs needs none', async () => {
      const res = await h.http().get('/health/live').expect(200);
      const csp = String(res.headers['content-security-policy']);
      const scriptSrc = csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src '));
      expect(scriptSrc).toBe("script-src 'self'");
      const docs = await h.http().get('/docs/').redirects(2).expect(200);
      const inline = [...String(docs.text).matchAll(/<script(?![^>]*\ssrc=)[^>]*>/gi)].map((m) => m[0]);
      expect(String(docs.text)).toMatch(/<script[^>]*\ssrc=/i);
      expect(inline).toEqual([]);
    });
  });
});
