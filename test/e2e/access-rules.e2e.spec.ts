// Issue 15 (security review): the scope rules the access matrix states in one line each, played out as the
// attacks the review found. Point 2: a tracing decision is scoped like the case it names, and only the
// request's owner restores a rejected match. Point 9: an Idempotency-Key is bound to its user and the body.
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
});
