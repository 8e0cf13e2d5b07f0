// Surge: a disaster's children registered in bulk, and how long until every child's default referral is in its
// agency's queue. The real Sen (`sen start`: API + projector + worker in one process) runs on a database, a BullMQ
// queue prefix and an agency webhook (a local HTTP receiver answering 204) of its own. As the supervisor, the bench
// registers BENCH_SURGE_INCIDENTS incidents and BENCH_SURGE_CHILDREN children through
// POST /api/v1/incidents/:id/children in batches of BENCH_SURGE_BATCH (at most 1,000), BENCH_SURGE_CONCURRENCY
// batches in flight at once. Children carry a mix of flags (injured, separated, unaccompanied), so the default
// referrals (seeds/incident-referral-rules.json) go to health, social_affairs and police; the responses list
// every referral issued. Measured from the first request:
//   - until every referral is in the referral read model (rm_referrals: what GET /referrals/inbox reads), and
//   - until every referral's BullMQ delivery job is done (referral_deliveries.status = 'delivered', the webhook called).
// Both are polled every 100 ms on the database. Target: both under 60 s for 10,000 children.
//
// Reproduce: npm run bench -- surge   (BENCH_SURGE_CHILDREN=10000 BENCH_SURGE_BATCH=1000 BENCH_SURGE_CONCURRENCY=2)
import { performance } from 'node:perf_hooks';
import { envInt, load, round } from './lib/load';
import { percentile, printTable, writeResult } from './lib/report';
import { client, startSen } from './lib/sen';

const CHILDREN = envInt('BENCH_SURGE_CHILDREN', 10_000);
const BATCH = Math.min(envInt('BENCH_SURGE_BATCH', 1_000), 1_000);
const CONCURRENCY = envInt('BENCH_SURGE_CONCURRENCY', 2);
const INCIDENTS = envInt('BENCH_SURGE_INCIDENTS', 2);
const TIMEOUT_S = envInt('BENCH_SURGE_TIMEOUT_S', 900);

interface BatchResponse {
  created: number;
  refused: number;
  results: {
    status: string;
    code?: string;
    message?: string;
    referrals?: { referralId: string; toAgency: string }[];
  }[];
}

function child(i: number, areaCode: string, foundAt: string) {
  // 60 % no flag (social_affairs), 20 % injured (health), 10 % unaccompanied (police), 10 % injured and separated
  // (health and social_affairs): about 1.1 referrals a child.
  const k = i % 10;
  return {
    fullName: `Trẻ Vùng Lũ ${i}`,
    sex: i % 2 ? 'female' : 'male',
    ageYears: i % 16,
    areaCode,
    foundAt,
    ...(k === 6 || k === 7 ? { injured: true } : {}),
    ...(k === 8 ? { unaccompanied: true } : {}),
    ...(k === 9 ? { injured: true, separated: true } : {}),
    notes: 'Được tìm thấy tại điểm sơ tán, đang ở nhà văn hóa xã.',
  };
}

async function main() {
  const loadStart = load();
  console.log(
    `surge: ${CHILDREN} children, batches of ${BATCH}, ${CONCURRENCY} in flight, ${INCIDENTS} incidents; load ${loadStart.load1}`,
  );
  const sen = await startSen('bench_surge');
  let peakRssMiB = 0;
  const sampler = setInterval(() => {
    const m = sen.memory();
    if (m) peakRssMiB = Math.max(peakRssMiB, m.rssMiB);
  }, 200);
  try {
    const api = client(sen.base, await sen.login('supervisor'));
    const areas = await api<{ areas: { code: string; level: string }[] }>('GET', '/areas');
    const communes = areas.body.areas
      .filter((a) => a.level === 'commune')
      .map((a) => a.code)
      .slice(0, 40);
    if (communes.length === 0) throw new Error(`no commune in GET /areas: ${JSON.stringify(areas.body).slice(0, 300)}`);
    const startedAt = new Date(Date.now() - 3_600_000).toISOString();
    const incidents: string[] = [];
    for (let i = 0; i < INCIDENTS; i++) {
      const r = await api<{ incidentId: string }>('POST', '/incidents', {
        type: i % 2 ? 'storm' : 'flood',
        name: `Lũ thử tải ${i + 1}`,
        areaCodes: communes,
        startedAt,
      });
      if (r.status !== 201) throw new Error(`POST /incidents: ${r.status} ${JSON.stringify(r.body)}`);
      incidents.push(r.body.incidentId);
    }
    const sql = sen.db.sql;

    // The batches: child i goes to incident i mod INCIDENTS, commune i mod communes.
    const batches: { incidentId: string; rows: ReturnType<typeof child>[] }[] = [];
    for (let from = 0; from < CHILDREN; from += BATCH) {
      const n = Math.min(BATCH, CHILDREN - from);
      const incidentId = incidents[(from / BATCH) % incidents.length]!;
      const foundAt = new Date(Date.now() - 600_000).toISOString();
      batches.push({
        incidentId,
        rows: Array.from({ length: n }, (_, j) => child(from + j, communes[(from + j) % communes.length]!, foundAt)),
      });
    }

    const referralIds = new Set<string>();
    const byAgency: Record<string, number> = {};
    const batchSeconds: number[] = [];
    let created = 0;
    let refused = 0;
    const refusals: string[] = [];
    let requestsDone = false;
    let inReadModelAt: number | null = null;
    let deliveredAt: number | null = null;
    const progress: { s: number; readModel: number; delivered: number }[] = [];

    const t0 = performance.now();
    const elapsed = () => (performance.now() - t0) / 1000;
    let next = 0;
    const sending = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) {
          const b = batches[next++]!;
          const s0 = performance.now();
          const r = await api<BatchResponse>('POST', `/incidents/${b.incidentId}/children`, { children: b.rows });
          batchSeconds.push((performance.now() - s0) / 1000);
          if (r.status !== 200) throw new Error(`POST children: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
          created += r.body.created;
          refused += r.body.refused;
          for (const row of r.body.results) {
            if (row.status !== 'created') refusals.push(`${row.code}: ${row.message}`);
            for (const ref of row.referrals ?? []) {
              referralIds.add(ref.referralId);
              byAgency[ref.toAgency] = (byAgency[ref.toAgency] ?? 0) + 1;
            }
          }
        }
      }),
    ).then(() => {
      requestsDone = true;
      return elapsed();
    });
    let requestsSeconds: number | null = null;
    void sending.then((s) => (requestsSeconds = s));

    // The database is the bench's own: every row in rm_referrals and referral_deliveries is one of these children's.
    let lastPrint = 0;
    while (inReadModelAt === null || deliveredAt === null) {
      await new Promise((r) => setTimeout(r, 100));
      if (requestsDone && requestsSeconds === null) await sending;
      const [row] = await sql<{ rm: number; delivered: number }[]>`
        select (select count(*) from rm_referrals)::bigint as rm,
               (select count(*) from referral_deliveries where status = 'delivered')::bigint as delivered`;
      const s = elapsed();
      progress.push({ s: round(s, 1)!, readModel: row!.rm, delivered: row!.delivered });
      if (s - lastPrint >= 5) {
        lastPrint = s;
        console.log(
          `  ${s.toFixed(0)} s: requests ${requestsDone ? 'done' : 'in flight'}, ${referralIds.size} referrals issued so far; in read model ${row!.rm}, delivered ${row!.delivered}; load ${load().load1}`,
        );
      }
      if (requestsDone) {
        const expected = referralIds.size;
        if (inReadModelAt === null && row!.rm >= expected) inReadModelAt = s;
        if (deliveredAt === null && row!.delivered >= expected) deliveredAt = s;
      }
      if (s > TIMEOUT_S)
        throw new Error(`not every referral delivered within ${TIMEOUT_S} s: ${JSON.stringify(progress.at(-1))}`);
    }
    await sending;

    // Every referral the API reported is the one found (not merely as many): the sets agree.
    const ids = [...referralIds];
    const [check] = await sql<{ rm: number; delivered: number }[]>`
      select (select count(*) from rm_referrals where referral_id = any(${ids}::uuid[]))::bigint as rm,
             (select count(*) from referral_deliveries where status = 'delivered' and referral_id = any(${ids}::uuid[]))::bigint as delivered`;
    const inbox = await client(sen.base, await sen.login('social_affairs'))<{ items: unknown[] }>(
      'GET',
      '/referrals/inbox?limit=5',
    );

    const summary = {
      children: CHILDREN,
      created,
      refused,
      referrals: ids.length,
      referralsByAgency: byAgency,
      requestsSeconds: round(requestsSeconds, 2),
      childrenPerSecondThroughApi: requestsSeconds ? Math.round(created / requestsSeconds) : null,
      batchSecondsP50: round(percentile(batchSeconds, 50)),
      batchSecondsMax: round(percentile(batchSeconds, 100)),
      allInReadModelSeconds: round(inReadModelAt, 2),
      allDeliveredSeconds: round(deliveredAt, 2),
      checkedInReadModel: check!.rm,
      checkedDelivered: check!.delivered,
      webhookCalls: sen.webhook.calls,
      inboxAnswered: inbox.status,
      target: 'every referral in its agency queue within 60 s of the first request',
      targetMet: inReadModelAt !== null && deliveredAt !== null && Math.max(inReadModelAt, deliveredAt) < 60,
      peakRssMiB,
      vmHwmMiB: sen.memory()?.hwmMiB ?? null,
    };
    if (refusals.length) console.log(`refused rows (first 5): ${refusals.slice(0, 5).join(' | ')}`);
    printTable(`Surge: ${CHILDREN} children through POST /incidents/:id/children`, [
      { measure: 'all batches answered (s)', value: summary.requestsSeconds },
      { measure: 'children registered', value: created },
      { measure: 'referrals issued', value: ids.length },
      { measure: 'all referrals in rm_referrals (s)', value: summary.allInReadModelSeconds },
      { measure: 'all delivery jobs done (s)', value: summary.allDeliveredSeconds },
      { measure: 'batch latency p50 (s)', value: summary.batchSecondsP50 },
      { measure: 'batch latency max (s)', value: summary.batchSecondsMax },
      { measure: 'Sen peak RSS (MiB)', value: peakRssMiB },
    ]);
    console.log(
      `\ntarget < 60 s: ${summary.targetMet ? 'met' : 'missed'} (read model ${summary.allInReadModelSeconds} s, delivered ${summary.allDeliveredSeconds} s); checked by id: ${check!.rm} in read model, ${check!.delivered} delivered of ${ids.length}`,
    );
    const file = writeResult('surge', {
      settings: {
        children: CHILDREN,
        batch: BATCH,
        concurrency: CONCURRENCY,
        incidents: INCIDENTS,
        communes: communes.length,
        senEnv: process.env.BENCH_SEN_ENV ?? null,
      },
      load: { start: loadStart, end: load() },
      summary,
      batchSeconds: batchSeconds.map((s) => round(s)),
      progress: progress.filter((_, i) => i % 10 === 0 || i === progress.length - 1),
    });
    console.log(`written: ${file}`);
  } finally {
    clearInterval(sampler);
    await sen.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
