// Issue 15 (security review): the scope rules the access matrix states in one line each, played out as the
// attacks the review found. Point 2: a tracing decision is scoped like the case it names, and only the
// request's owner restores a rejected match.
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
});
