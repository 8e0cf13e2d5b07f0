// Issue "hardening": SIGTERM lets the request and the job in hand finish (within a bound), stops taking new
// ones, and exits 0. Sen runs as the real single-process start. Needs `npm run build`.
// Issue 20, point 7: the signal is sent only once work is seen in flight: the agency's system holds a delivery's
// call open (no answer until the test releases it), and the incident batch has written some of its children and
// not all. Both then complete, and the process exits only after the held call was answered.
import { dropQueueKeys } from '../support/api-harness';
import { count, faultTest } from '../support/fault-test';
import { freePort, killAll, startProcess, waitUntil, within } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Children in the incident batch in flight at the signal. */
const CHILDREN = count(400, 1000);
/** How long after the signal the agency's system answers the calls it holds. */
const HOLD_AFTER_SIGNAL_MS = 1_500;

describe('Graceful shutdown', () => {
  let db: TestDatabase;
  const prefix = `shutdown_${process.pid}`;
  // The agency's system answers only when the test releases it: the delivery job is in hand at the signal.
  const webhook = new WebhookReceiver();

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

  faultTest(
    `finishes the ${CHILDREN}-child batch and the delivery in hand on SIGTERM, refuses new requests, and exits 0`,
    120_000,
    async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const sen = startProcess(
        'apps/cli/src/main.js',
        {
          DATABASE_URL: db.url,
          PORT: String(port),
          QUEUE_PREFIX: prefix,
          NOTIFY_WEBHOOK_URL: webhook.url,
          SHUTDOWN_TIMEOUT_MS: '25000',
        },
        ['start'],
      );
      await waitUntil(
        async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok === true,
        60_000,
        'Sen ready',
      );
      const { accessToken } = (await (
        await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'worker1', password: 'sen-demo-2030' }),
        })
      ).json()) as { accessToken: string };
      const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
      const post = (path: string, body: object, extra: Record<string, string> = {}) =>
        fetch(`${base}/api/v1${path}`, {
          method: 'POST',
          headers: { ...headers, ...extra },
          body: JSON.stringify(body),
        });

      // A referral, so that the worker has a delivery job; wait until the agency's system is being called.
      webhook.hold();
      const opened = (await (
        await post('/cases', {
          child: { fullName: 'Trẻ Lúc Tắt Máy', sex: 'female', ageYears: 4 },
          category: 'disaster',
          summary: 's',
          location: { areaCode: '29926' },
          reportedAt: new Date(Date.now() - 60_000).toISOString(),
          source: 'community',
        })
      ).json()) as { caseId: string };
      const referred = await post(
        `/cases/${opened.caseId}/referrals`,
        { toAgency: 'health', reason: 'x', urgency: 'emergency', consentWaivedReason: 'khẩn cấp' },
        { 'if-match': '1' },
      );
      expect(referred.status).toBe(201);
      const { referralId } = (await referred.json()) as { referralId: string };
      await waitUntil(
        () => webhook.inFlight > 0 || 'a call to the agency system, held open',
        30_000,
        'delivery job in hand',
      );

      // A slow request: an incident batch of children, each a case written on its own; the signal comes once some
      // are written and not all (the request is being processed, not merely sent).
      const incident = (await (
        await post('/incidents', {
          type: 'flood',
          name: 'Lũ',
          areaCodes: ['29926'],
          startedAt: new Date().toISOString(),
        })
      ).json()) as { incidentId: string };
      const children = Array.from({ length: CHILDREN }, (_, i) => ({
        fullName: `Trẻ Số ${i}`,
        sex: 'male',
        ageYears: i % 15,
        areaCode: '29926',
      }));
      const inFlight = post(`/incidents/${incident.incidentId}/children`, { children });
      const written = async () =>
        Number(
          (
            await db.sql`select count(*)::int as n from events where type = 'CaseOpened' and data ->> 'incidentId' = ${incident.incidentId}`
          )[0]!.n,
        );
      let writtenAtSignal = 0;
      await waitUntil(
        async () => {
          writtenAtSignal = await written();
          return writtenAtSignal > 0 || 'a child of the batch written';
        },
        30_000,
        'incident batch being processed',
      );
      const deliveriesInFlight = webhook.inFlight;

      let exited = false;
      void sen.exited.then(() => (exited = true));
      const signalledAt = Date.now();
      sen.child.kill('SIGTERM');
      // The held calls are answered a moment after the signal (within the notifier's 5-second timeout of the call).
      let aliveAtRelease = false;
      let releasedAt = 0;
      const release = setTimeout(() => {
        aliveAtRelease = !exited;
        releasedAt = Date.now();
        webhook.release();
      }, HOLD_AFTER_SIGNAL_MS);
      // New connections are refused once the server stops listening (the hooks before it take a moment),
      // while the process is still finishing what it has in hand.
      let late: number | string = 'not tried';
      while (!exited && Date.now() - signalledAt < 10_000) {
        late = await fetch(`${base}/health/live`).then(
          (r) => r.status,
          () => 'refused',
        );
        if (late === 'refused') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const refusedWhileRunning = late === 'refused' && !exited;

      const batch = await within(inFlight, 30_000, 'the answer to the batch in flight');
      expect(batch.status).toBe(200);
      expect(((await batch.json()) as { created: number }).created).toBe(CHILDREN);
      const code = await within(sen.exited, 30_000, 'Sen exiting after SIGTERM');
      const exitedAt = Date.now();
      clearTimeout(release);
      const seconds = (exitedAt - signalledAt) / 1000;
      console.log(
        `shutdown: at SIGTERM ${writtenAtSignal} of ${CHILDREN} children written and ${deliveriesInFlight} webhook calls held open; ` +
          `calls answered ${((releasedAt - signalledAt) / 1000).toFixed(1)} s after it; exit ${code} ${seconds.toFixed(1)} s after it; a new request then: ${late}`,
      );
      // Work was in flight at the signal: part of the batch written, a delivery's call waiting for its answer.
      expect(writtenAtSignal).toBeGreaterThan(0);
      expect(writtenAtSignal).toBeLessThan(CHILDREN);
      expect(deliveriesInFlight).toBeGreaterThan(0);
      // The process waited for the held call: still running when it was answered, and it recorded the delivery
      // after the signal (below), before it exited.
      expect(aliveAtRelease).toBe(true);
      expect(exitedAt).toBeGreaterThan(releasedAt);
      expect(await written()).toBe(CHILDREN);
      expect(late).toBe('refused');
      expect(refusedWhileRunning).toBe(true);
      expect(code).toBe(0);
      expect(seconds).toBeLessThan(25);
      // The deliveries in hand finished: every call the agency's system received was answered, and each answer was
      // recorded before the worker stopped. (The incident batch issues default referrals too, so the worker may
      // have taken more delivery jobs than the first one before the signal came.)
      expect(webhook.calls.length).toBe(webhook.arrivals);
      const first = await db.sql<{ status: string; after_signal: boolean }[]>`
        select status, delivered_at > ${new Date(signalledAt)} as after_signal from referral_deliveries where referral_id = ${referralId}`;
      expect(first[0]).toEqual({ status: 'delivered', after_signal: true });
      const called = [...webhook.referrals().keys()];
      const recorded = await db.sql<
        { referral_id: string; status: string }[]
      >`select referral_id, status from referral_deliveries where referral_id = any(${called}::uuid[])`;
      expect(recorded.map((r) => r.status)).toEqual(called.map(() => 'delivered'));
      // Each referral was called at most once: none was handed to the agency again during the stop.
      expect([...webhook.referrals().values()].every((n) => n === 1)).toBe(true);
    },
  );
});
