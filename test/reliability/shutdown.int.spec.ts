// Issue "hardening": SIGTERM lets the request and the job in hand finish (within a bound), stops taking new
// ones, and exits 0. Sen runs as the real single-process start. Needs `npm run build`.
import { dropQueueKeys } from '../support/api-harness';
import { freePort, killAll, startProcess, waitUntil } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { WebhookReceiver } from '../support/webhook-receiver';

describe('Graceful shutdown', () => {
  let db: TestDatabase;
  const prefix = `shutdown_${process.pid}`;
  // The agency's system takes 3 s to answer: the delivery job is in hand when the stop signal comes.
  const webhook = new WebhookReceiver(() => 3_000);

  beforeAll(async () => {
    db = await createTestDatabase('shutdown', { migrate: false });
    await webhook.start();
  });
  afterAll(async () => {
    await killAll();
    await webhook.stop();
    await db?.drop();
    await dropQueueKeys(prefix);
  });

  it('finishes the request and the job in hand on SIGTERM, refuses new ones, and exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const sen = startProcess('apps/cli/src/main.js', { DATABASE_URL: db.url, PORT: String(port), QUEUE_PREFIX: prefix, NOTIFY_WEBHOOK_URL: webhook.url, SHUTDOWN_TIMEOUT_MS: '20000' }, ['start']);
    await waitUntil(async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok === true, 60_000, 'Sen ready');
    const { accessToken } = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'worker1', password: 'sen-demo-2030' }) })).json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const post = (path: string, body: object, extra: Record<string, string> = {}) => fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });

    // A referral, so that the worker has a delivery job; wait until the agency's system is being called.
    const opened = (await (await post('/cases', { child: { fullName: 'Trẻ Lúc Tắt Máy', sex: 'female', ageYears: 4 }, category: 'disaster', summary: 's', location: { areaCode: '29926' }, reportedAt: new Date(Date.now() - 60_000).toISOString(), source: 'community' })).json()) as { caseId: string };
    const referred = await post(`/cases/${opened.caseId}/referrals`, { toAgency: 'health', reason: 'x', urgency: 'emergency', consentWaivedReason: 'khẩn cấp' }, { 'if-match': '1' });
    expect(referred.status).toBe(201);
    const { referralId } = (await referred.json()) as { referralId: string };
    await waitUntil(() => webhook.arrivals > 0, 30_000, 'delivery job in hand');

    // A slow request: an incident batch of 1,000 children.
    const incident = (await (await post('/incidents', { type: 'flood', name: 'Lũ', areaCodes: ['29926'], startedAt: new Date().toISOString() })).json()) as { incidentId: string };
    const children = Array.from({ length: 1000 }, (_, i) => ({ fullName: `Trẻ Số ${i}`, sex: 'male', ageYears: i % 15, areaCode: '29926' }));
    const inFlight = post(`/incidents/${incident.incidentId}/children`, { children });
    await new Promise((r) => setTimeout(r, 300));

    const signalledAt = Date.now();
    sen.child.kill('SIGTERM');
    // New connections are refused once the server stops listening (the hooks before it take a moment),
    // while the process is still finishing what it has in hand.
    let late: number | string = 'not tried';
    let exited = false;
    void sen.exited.then(() => (exited = true));
    while (!exited && Date.now() - signalledAt < 10_000) {
      late = await fetch(`${base}/health/live`).then((r) => r.status, () => 'refused');
      if (late === 'refused') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const refusedWhileRunning = late === 'refused' && !exited;

    const batch = await inFlight;
    expect(batch.status).toBe(200);
    expect(((await batch.json()) as { created: number }).created).toBe(1000);
    const code = await sen.exited;
    const seconds = (Date.now() - signalledAt) / 1000;
    console.log(`shutdown: exit ${code} ${seconds.toFixed(1)} s after SIGTERM; a new request then: ${late}`);
    expect(late).toBe('refused');
    expect(refusedWhileRunning).toBe(true);
    expect(code).toBe(0);
    expect(seconds).toBeLessThan(20);
    // The deliveries in hand finished: every call the agency's system received was answered, and each answer was
    // recorded before the worker stopped. (The incident batch issues default referrals too, so the worker may
    // have taken more delivery jobs than the first one before the signal came.)
    expect(webhook.calls.length).toBe(webhook.arrivals);
    const first = await db.sql<{ status: string }[]>`select status from referral_deliveries where referral_id = ${referralId}`;
    expect(first[0]?.status).toBe('delivered');
    const called = [...webhook.referrals().keys()];
    const recorded = await db.sql<{ referral_id: string; status: string }[]>`select referral_id, status from referral_deliveries where referral_id = any(${called}::uuid[])`;
    expect(recorded.map((r) => r.status)).toEqual(called.map(() => 'delivered'));
    // Each referral was called at most once: none was handed to the agency again during the stop.
    expect([...webhook.referrals().values()].every((n) => n === 1)).toBe(true);
  });
});
