// Issue 15, point 1, done-when: events holding NUL, C0/C1 controls (and a field no cleaning can save) appended
// straight through the event store port, as a database from before the API refused them holds them, with the
// projector running: every projection keeps going, the other cases' referrals reach their queues, the damaged
// name is cleaned, the unappliable event is parked, and the metric, readiness and the admin routes say so.
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { PiiCodec } from '@sen/case-app';
import type { CaseEvent } from '@sen/case-domain';
import { type EventStore, START } from '@sen/event-store';
import { EVENT_STORE } from '@sen/platform';
import { jobId } from '@sen/queues';
import { PROJECTIONS, REPLACEMENT, loadCheckpoints, waitForPosition } from '@sen/read-models';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { append, issued, newCase, opened } from '../support/poison-events';

const CHILD = 'Nguyễn Văn Bé Độc';
const NAMES = ['Trần Thị Lành', 'Lê Văn Khoẻ', 'Võ Thị Ngày Hỏng'];

describe('Poison events in the log', () => {
  let h: ApiHarness;
  let redis: Redis;
  const as = async (user: string) => `Bearer ${await h.token(user)}`;

  beforeAll(async () => {
    h = await startApiHarness('poison_events', { with: [ProjectorModule] });
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    redis?.disconnect();
    await h?.close();
  });

  it('keeps every projection going, cleans what can be cleaned, parks what cannot, and says so', async () => {
    const store = h.app.get<EventStore>(EVENT_STORE);
    const pii = h.app.get(PiiCodec);
    const [before, damaged, poison, after] = [newCase(), newCase(), newCase(), newCase()];
    const [dirtyName] = [CHILD.replace('Văn', 'V\u0000ăn').replace('Bé', 'B\u0085é\u001b')];
    await append(store, pii, before, [
      opened(before, { child: { fullName: NAMES[0]!, sex: 'female', ageYears: 8 } }),
      issued(before, 0),
    ]);
    await append(store, pii, damaged, [
      opened(damaged, { child: { fullName: dirtyName, sex: 'male', ageYears: 6 }, summary: 'a\u0000b' }),
      issued(damaged, 0, 'lý do\u0085'),
    ]);
    // A report date no cleaning can save: the read models' timestamp columns refuse it, whatever the projection.
    const poisoned = opened(poison, { child: { fullName: NAMES[2]!, sex: 'female', ageYears: 4 } }) as Extract<
      CaseEvent,
      { type: 'CaseOpened' }
    >;
    poisoned.data.reportedAt = 'ngày hỏng';
    await append(store, pii, poison, [poisoned, issued(poison, 0)]);
    await append(store, pii, after, [
      opened(after, { child: { fullName: NAMES[1]!, sex: 'male', ageYears: 11 } }),
      issued(after, 0),
    ]);

    // Every projection passes every event (parked ones included) within seconds.
    const total = await store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
    const until = Date.now() + 30_000;
    for (;;) {
      const cps = await loadCheckpoints(
        h.db.sql,
        PROJECTIONS.map((p) => p.name),
      );
      if (cps.size === PROJECTIONS.length && [...cps.values()].every((c) => Number(c.eventsApplied) === total)) break;
      if (Date.now() > until)
        throw new Error(
          `projections stuck: ${JSON.stringify([...cps.values()].map((c) => [c.name, c.eventsApplied]))} of ${total}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }

    const names = await h.db.sql<
      { case_id: string; child_name: string; version: number }[]
    >`select case_id, child_name, version from rm_cases`;
    const byId = new Map(names.map((r) => [r.case_id, r]));
    expect(byId.get(damaged.caseId)).toMatchObject({
      child_name: `Nguyễn V${REPLACEMENT}ăn B${REPLACEMENT}é${REPLACEMENT} Độc`,
      version: 2,
    });
    expect(byId.get(before.caseId)?.version).toBe(2);
    expect(byId.get(after.caseId)?.version).toBe(2);
    expect(byId.has(poison.caseId)).toBe(false);

    // Every referral reached its agency's queue, the damaged and the poisoned case's too (the outbox applied them).
    const police = new Queue('referrals.police', { connection: redis, prefix: h.queuePrefix });
    for (const c of [before, damaged, poison, after]) {
      const deadline = Date.now() + 10_000;
      while (!(await police.getJob(jobId(`deliver.${c.referralIds[0]}`))) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await police.getJob(jobId(`deliver.${c.referralIds[0]}`))).toBeTruthy();
    }
    await police.close();

    // Only the poisoned case is parked, in the projections that cannot apply it; the cases projection among them.
    const admin = await as('admin');
    const list = await h.http().get('/api/v1/admin/projections/parked').set('Authorization', admin).expect(200);
    const items = list.body.items as {
      id: number;
      projection: string;
      caseId: string;
      eventType: string;
      errorCode: string;
      errorMessage: string;
    }[];
    expect(new Set(items.map((i) => i.caseId))).toEqual(new Set([poison.caseId]));
    const cases = items.filter((i) => i.projection === 'cases');
    expect(cases.map((i) => [i.eventType, i.errorCode])).toEqual([
      ['CaseOpened', '22007'],
      ['ReferralIssued', 'BEHIND_PARKED'],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/ngày hỏng|Võ Thị|Nguyễn/);
    await h
      .http()
      .get('/api/v1/admin/projections/parked')
      .set('Authorization', await as('worker1'))
      .expect(403);

    // The metric (per projection, from the table) and readiness (200, degraded, with the reason).
    const metrics = (await h.http().get('/metrics').expect(200)).text;
    const parkedMetric = Number(
      /^sen_projection_parked_events\{[^}]*projection="cases"[^}]*\} (\d+)$/m.exec(metrics)?.[1],
    );
    expect(parkedMetric).toBe(cases.length);
    expect(metrics).toMatch(/^sen_projection_parked_events\{[^}]*projection="outbox"[^}]*\} 0$/m);
    const ready = await h.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'degraded',
      degraded: [`projections: parked events: ${items.length}`],
      details: { projections: { status: 'degraded' } },
    });
    expect(ready.body.details.projections.parkedEvents.cases).toBe(cases.length);

    // A replay before a fix fails again: still parked, with the attempt counted; the rest of the log goes on.
    const replay = await h
      .http()
      .post(`/api/v1/admin/projections/parked/${cases[0]!.id}/replay`)
      .set('Authorization', admin)
      .expect(200);
    expect(replay.body).toMatchObject({
      outcome: 'failed',
      projection: 'cases',
      caseId: poison.caseId,
      error: { code: '22007' },
    });
    const again = await h.http().get('/api/v1/admin/projections/parked').set('Authorization', admin).expect(200);
    expect(
      again.body.items
        .filter((i: { projection: string }) => i.projection === 'cases')
        .map((i: { attempts: number }) => i.attempts),
    ).toEqual([1, 1]);
    await h.http().post('/api/v1/admin/projections/parked/abc/replay').set('Authorization', admin).expect(400);
    await h.http().post('/api/v1/admin/projections/parked/999999/replay').set('Authorization', admin).expect(404);

    // An erasure of the damaged child still reaches the read models.
    const erasure = await h
      .http()
      .delete(`/api/v1/children/${damaged.childId}/personal-data`)
      .set('Authorization', admin)
      .send({ reason: 'yêu cầu của gia đình' })
      .expect(200);
    expect(await waitForPosition(h.db.sql, store, 'cases', erasure.body.position, 10_000)).toBe(true);
    const [erased] = await h.db.sql<
      { child_name: string }[]
    >`select child_name from rm_cases where case_id = ${damaged.caseId}::uuid`;
    expect(erased?.child_name).toBe('[erased]');

    // Nothing personal reached the logs while events were parked.
    expect(h.logs.text()).not.toMatch(/Nguyễn|Trần Thị|Võ Thị|Lê Văn|ngày hỏng/);
    expect(h.logs.text()).toMatch(/event parked/);
  });
});
