// Issue "referrals": a social worker refers a case to the police and to health; each officer sees only their
// agency's referral, acknowledges, accepts and completes it; the case closes. Then an unacknowledged
// emergency referral with a short deadline becomes ReferralOverdue, an escalation job reaches the
// supervisors, and the case shows as overdue. API, projector and worker run in this process.
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { waitUntil } from '../support/processes';

function caseBody(overrides: Record<string, unknown> = {}) {
  return {
    child: { fullName: 'Võ Thị Thu Trang', sex: 'female', ageYears: 12 },
    category: 'sexual_abuse',
    summary: 'Cháu bị người quen xâm hại.',
    location: { areaCode: '29926' },
    reportedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    source: 'school',
    ...overrides,
  };
}

describe('Referrals between agencies', () => {
  let h: ApiHarness;
  let worker: string;

  beforeAll(async () => {
    h = await startApiHarness('referrals', {
      realClock: true,
      with: [ProjectorModule, WorkerModule],
      env: { DEADLINE_SWEEP_MS: '1000', JOB_LOCK_MS: '5000' },
      // Emergency referrals must be acknowledged within 3 seconds in this test.
      policy: { referralAcknowledgeHours: { emergency: 3 / 3600, urgent: 12, routine: 72 } },
    });
    worker = await h.token('worker1');
  });
  afterAll(async () => {
    await h.close();
  });

  const post = (path: string, token: string, body: object, version?: number) => {
    const req = h.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
    if (version !== undefined) req.set('If-Match', String(version));
    return req.send(body);
  };
  const inbox = async (token: string, minPosition: number, query = '') =>
    (
      await h
        .http()
        .get(`/api/v1/referrals/inbox?minPosition=${minPosition}${query}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body;

  it('refers to police and health; each sees only their own; both complete; the case closes', async () => {
    const opened = await post('/cases', worker, caseBody()).expect(201);
    const id = opened.body.caseId;
    let v = opened.body.version;
    v = (
      await post(
        `/cases/${id}/consent`,
        worker,
        { givenBy: 'guardian', forServices: true, forReferral: true, forReporting: true },
        v,
      ).expect(200)
    ).body.version;
    const toPolice = await post(
      `/cases/${id}/referrals`,
      worker,
      { toAgency: 'police', reason: 'Điều tra, bảo vệ cháu', urgency: 'urgent' },
      v,
    ).expect(201);
    v = toPolice.body.version;
    const toHealth = await post(
      `/cases/${id}/referrals`,
      worker,
      { toAgency: 'health', reason: 'Khám và chăm sóc y tế', urgency: 'routine' },
      v,
    ).expect(201);
    v = toHealth.body.version;

    // The case cannot close while referrals are open.
    const early = await post(`/cases/${id}/closure`, worker, { reason: 'child_safe', notes: '' }, v);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('REFERRAL_OPEN');

    const police = await h.token('police');
    const health = await h.token('health');
    const policeInbox = await inbox(police, toHealth.body.position);
    const healthInbox = await inbox(health, toHealth.body.position);
    expect(policeInbox.items.map((i: { referralId: string }) => i.referralId)).toEqual([toPolice.body.referralId]);
    expect(healthInbox.items.map((i: { referralId: string }) => i.referralId)).toEqual([toHealth.body.referralId]);
    // Need to know: the given name, age, sex, category, risk, area, reason; never the full name, reporter or notes.
    const item = policeInbox.items[0];
    expect(item).toMatchObject({
      child: { givenName: 'Trang', ageYears: 12, sex: 'female' },
      category: 'sexual_abuse',
      areaCode: '29926',
      status: 'issued',
      reason: 'Điều tra, bảo vệ cháu',
    });
    expect(JSON.stringify(policeInbox)).not.toMatch(/Võ Thị|xâm hại|reporter|summary/);

    // Police cannot act on health's referral: it does not exist for them.
    const foreign = await post(`/referrals/${toHealth.body.referralId}/acknowledge`, police, {}, v);
    expect(foreign.status).toBe(404);

    for (const [token, referralId] of [
      [police, toPolice.body.referralId],
      [health, toHealth.body.referralId],
    ] as const) {
      v = (await post(`/referrals/${referralId}/acknowledge`, token, {}, v).expect(200)).body.version;
      // Completing before accepting breaks the order issued → acknowledged → accepted → completed.
      const skip = await post(
        `/referrals/${referralId}/complete`,
        token,
        { outcome: 'x', servicesProvided: ['medical'] },
        v,
      );
      expect(skip.status).toBe(409);
      expect(skip.body.code).toBe('REFERRAL_NOT_ACCEPTED');
      v = (await post(`/referrals/${referralId}/accept`, token, {}, v).expect(200)).body.version;
      const done = await post(
        `/referrals/${referralId}/complete`,
        token,
        { outcome: 'Đã hỗ trợ', servicesProvided: ['legal', 'medical'] },
        v,
      ).expect(200);
      v = done.body.version;
    }
    const closed = await post(
      `/cases/${id}/closure`,
      worker,
      { reason: 'child_safe', notes: 'Cháu an toàn' },
      v,
    ).expect(200);
    const final = (await inbox(police, closed.body.position, '&status=completed')).items;
    expect(final.map((i: { referralId: string; caseStatus: string }) => [i.referralId, i.caseStatus])).toEqual([
      [toPolice.body.referralId, 'closed'],
    ]);

    // Each referral was delivered once to its agency's queue by the worker.
    await waitUntil(
      async () =>
        Number(
          (
            await h.db
              .sql`select count(*)::int as n from referral_deliveries where status = 'delivered' and case_id = ${id}::uuid`
          )[0]!.n,
        ) === 2,
      20_000,
      'deliveries',
    );
    const deliveries = await h.db.sql<
      { agency: string; attempts: number }[]
    >`select agency, attempts from referral_deliveries where case_id = ${id}::uuid order by agency`;
    expect(deliveries.map((d) => d.agency)).toEqual(['health', 'police']);
  });

  it('marks an unacknowledged emergency referral overdue, escalates it to the supervisors, and shows the case overdue', async () => {
    const opened = await post('/cases', worker, caseBody({ category: 'trafficking' })).expect(201);
    const id = opened.body.caseId;
    const referral = await post(
      `/cases/${id}/referrals`,
      worker,
      {
        toAgency: 'police',
        reason: 'Giải cứu khẩn cấp',
        urgency: 'emergency',
        consentWaivedReason: 'Trẻ đang gặp nguy hiểm',
      },
      1,
    ).expect(201);
    const referralId: string = referral.body.referralId;

    // Nobody acknowledges. After 3 seconds the timer fires and the worker appends ReferralOverdue.
    await waitUntil(
      async () => {
        const res = await h.http().get(`/api/v1/cases/${id}/history`).set('Authorization', `Bearer ${worker}`);
        return res.body.events.some((e: { type: string }) => e.type === 'ReferralOverdue');
      },
      30_000,
      'ReferralOverdue appended',
    );
    const history = await h
      .http()
      .get(`/api/v1/cases/${id}/history`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    const overdue = history.body.events.filter((e: { type: string }) => e.type === 'ReferralOverdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ actorRole: 'system', data: { referralId, deadline: 'acknowledge' } });

    // The escalation job went through the escalations queue and reached the province supervisor.
    await waitUntil(
      async () =>
        (await h.db.sql`select 1 from escalation_notices where ref_id = ${referralId} and notified_at is not null`)
          .length === 1,
      20_000,
      'escalation notice',
    ).catch(async (e) => {
      console.log(
        JSON.stringify(
          await h.db.sql`select dedupe_key, queue, sent_at, attempts, last_error from outbox order by id`,
          null,
          1,
        ),
      );
      console.log(h.logs.lines.slice(-40).join('\n'));
      throw e;
    });
    const [notice] = await h.db.sql<
      { kind: string; supervisors: string[]; area_code: string }[]
    >`select kind, supervisors, area_code from escalation_notices where ref_id = ${referralId}`;
    const [supervisor] = await h.db.sql<{ user_id: string }[]>`select user_id from users where username = 'supervisor'`;
    expect(notice).toMatchObject({
      kind: 'referral_acknowledge',
      area_code: '29926',
      supervisors: [supervisor!.user_id],
    });
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const escalations = new Queue('escalations', { connection: redis, prefix: h.queuePrefix });
    const job = await escalations.getJob(`escalate.${referralId}.acknowledge`);
    expect(job?.name).toBe('escalate');
    expect(await job?.getState()).toBe('completed');
    await escalations.close();
    redis.disconnect();

    // The case shows as overdue in the list and on its page.
    const last = history.body.events[history.body.events.length - 1].position;
    const list = await h
      .http()
      .get(`/api/v1/cases?overdue=true&minPosition=${last}`)
      .set('Authorization', `Bearer ${worker}`)
      .expect(200);
    expect(list.body.items.map((i: { caseId: string }) => i.caseId)).toContain(id);
    const page = await h.http().get(`/api/v1/cases/${id}`).set('Authorization', `Bearer ${worker}`).expect(200);
    expect(page.body.referrals[0]).toMatchObject({
      referralId,
      overdue: ['acknowledge'],
      deadlines: { acknowledge: { status: 'overdue' } },
    });
  });

  it('shows the queues to admins only at /admin/queues', async () => {
    const admin = await h
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'sen-demo-2030' })
      .expect(200);
    const cookie = admin.headers['set-cookie'];
    expect(String(cookie)).toMatch(/sen_admin_token=.*Path=\/admin.*HttpOnly/i);
    const api = await h.http().get('/admin/queues/api/queues').set('Cookie', String(cookie).split(';')[0]!).expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name)).toEqual(
      expect.arrayContaining(['referrals.police', 'sla', 'escalations']),
    );
    expect((await h.http().get('/admin/queues/api/queues')).status).toBe(401);
    expect((await h.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${worker}`)).status).toBe(403);
  });
});
