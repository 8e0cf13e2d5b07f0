// HTTP: the real Sen (`sen start`: API + projector + worker in one process, as `npm start` runs it) on a database,
// queue prefix and agency webhook of its own, driven by autocannon at fixed overall rates with a realistic mix:
//   70 % reads:    GET /cases with filters (worker1, supervisor) 25 %, GET /cases/:id 20 %, GET /referrals/inbox
//                  (agency officers) 10 %, GET /dashboard/response-times and /dashboard/overdue (supervisor) 15 %
//   30 % commands: POST /cases 10 %, risk assessment 10 %, consent 5 %, emergency referral 5 %, each with the
//                  If-Match version the bench last got for that case (a case is in one command at a time, so
//                  every command is valid; a non-2xx is counted apart, by kind)
// after preloading BENCH_HTTP_CASES cases (opened, half of them assessed, a third referred). Each rate runs
// BENCH_HTTP_SECONDS seconds after a warm-up and after the projector and worker have caught up; the load comes from
// BENCH_HTTP_INSTANCES (8) staggered autocannon instances (see `run` below for why). Reported: achieved req/s,
// p50/p90/p99/max latency of each response (from writing the request to its response, so a request that a
// saturated rate keeps waiting inside autocannon is not counted), errors, non-2xx, the highest rate with p99 < 50 ms,
// the Sen process's peak memory (VmRSS sampled every 200 ms, VmHWM), and each kind's latency one at a time.
//
// Reproduce: npm run bench -- http   (BENCH_HTTP_RATES=100,200,300,400,600 BENCH_HTTP_SECONDS=20 BENCH_HTTP_CASES=300)
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { envInt, load, type LoadSample, round } from './lib/load';
import { percentile, printTable, type Row, writeResult } from './lib/report';
import { client, startSen, type RunningSen } from './lib/sen';

const RATES = (process.env.BENCH_HTTP_RATES ?? '100,200,300,400,600').split(',').map(Number);
const SECONDS = envInt('BENCH_HTTP_SECONDS', 20);
const WARMUP_SECONDS = envInt('BENCH_HTTP_WARMUP_SECONDS', 8);
const PRELOAD = envInt('BENCH_HTTP_CASES', 300);
const INSTANCES = envInt('BENCH_HTTP_INSTANCES', 8);
const PROBES = envInt('BENCH_HTTP_PROBES', 30);
const AREA = '29926'; // worker1's commune
const CATEGORIES = ['neglect', 'physical_violence', 'emotional_abuse', 'child_labour', 'disaster', 'injury'];

interface CaseRef {
  id: string;
  version: number;
  busy: boolean;
}

type Kind =
  | 'list_worker'
  | 'list_supervisor'
  | 'get_case'
  | 'inbox'
  | 'dashboard_times'
  | 'dashboard_overdue'
  | 'open_case'
  | 'assess'
  | 'consent'
  | 'refer';

const MIX: [Kind, number][] = [
  ['list_worker', 15],
  ['list_supervisor', 10],
  ['get_case', 20],
  ['inbox', 10],
  ['dashboard_times', 8],
  ['dashboard_overdue', 7],
  ['open_case', 10],
  ['assess', 10],
  ['consent', 5],
  ['refer', 5],
];
const COMMANDS: Kind[] = ['open_case', 'assess', 'consent', 'refer'];

function pickKind(): Kind {
  let r = Math.random() * 100;
  for (const [kind, weight] of MIX) if ((r -= weight) < 0) return kind;
  return 'get_case';
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

function openCaseBody(n: number) {
  return {
    child: { fullName: `Trẻ Thử Tải ${n}`, sex: n % 2 ? 'female' : 'male', ageYears: n % 16 },
    category: CATEGORIES[n % CATEGORIES.length],
    summary: 'Hàng xóm báo trẻ bị bỏ mặc nhiều ngày, không được ăn uống đầy đủ.',
    location: { areaCode: AREA },
    reportedAt: new Date(Date.now() - 60_000).toISOString(),
    source: 'hotline_111',
    reporter: { name: 'Người Báo Tin', phone: '0912345678', relation: 'neighbour' },
  };
}
const assessBody = () => ({
  level: pick(['low', 'medium', 'high']),
  verification: 'confirmed',
  factors: ['no_caregiver'],
  notes: 'Đã xác minh tại nhà.',
  assessedAt: new Date(Date.now() - 1_000).toISOString(),
});
const consentBody = () => ({ givenBy: 'parent', forServices: true, forReferral: true, forReporting: true });
const referBody = () => ({
  toAgency: pick(['health', 'social_affairs', 'police', 'education']),
  reason: 'Cần hỗ trợ khẩn cấp',
  urgency: 'emergency',
  consentWaivedReason: 'khẩn cấp',
});

interface KindStats {
  count: number;
  ok: number;
  statuses: Record<string, number>;
}

async function main() {
  const loadStart = load();
  console.log(
    `http: rates ${RATES.join(', ')} req/s for ${SECONDS} s each, ${INSTANCES} staggered autocannon instances, ${PRELOAD} cases preloaded; load ${loadStart.load1}`,
  );
  const sen: RunningSen = await startSen('bench_http');
  const memorySamples: number[] = [];
  const sampler = setInterval(() => {
    const m = sen.memory();
    if (m) memorySamples.push(m.rssMiB);
  }, 200);
  try {
    const tokens = {
      worker: await sen.login('worker1'),
      supervisor: await sen.login('supervisor'),
      officers: [await sen.login('health'), await sen.login('social_affairs'), await sen.login('police')],
    };
    const asWorker = client(sen.base, tokens.worker);

    // Preload: cases in worker1's commune, half of them assessed, a third referred (so that inboxes hold some).
    const cases: CaseRef[] = [];
    const preloadStarted = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < PRELOAD) {
          const n = next++;
          const opened = await asWorker<{ caseId: string; version: number }>('POST', '/cases', openCaseBody(n));
          if (opened.status !== 201)
            throw new Error(`preload: open case ${opened.status} ${JSON.stringify(opened.body)}`);
          const c: CaseRef = { id: opened.body.caseId, version: opened.body.version, busy: false };
          if (n % 2 === 0) {
            const r = await asWorker<{ version: number }>('POST', `/cases/${c.id}/risk-assessments`, assessBody(), {
              'if-match': String(c.version),
            });
            if (r.status !== 201 && r.status !== 200)
              throw new Error(`preload: assess ${r.status} ${JSON.stringify(r.body)}`);
            c.version = r.body.version;
          }
          if (n % 3 === 0) {
            const r = await asWorker<{ version: number }>('POST', `/cases/${c.id}/referrals`, referBody(), {
              'if-match': String(c.version),
            });
            if (r.status !== 201) throw new Error(`preload: refer ${r.status} ${JSON.stringify(r.body)}`);
            c.version = r.body.version;
          }
          cases.push(c);
        }
      }),
    );
    console.log(`preloaded ${cases.length} cases in ${((Date.now() - preloadStarted) / 1000).toFixed(1)} s`);

    // Before each measurement, the projector and the worker catch up with what came before (the preload, the
    // previous rate): otherwise one rate pays for the backlog of another.
    const settle = async (what: string) => {
      const t = Date.now();
      for (;;) {
        const [row] = await sen.db.sql<{ behind: number; undelivered: number }[]>`
          select coalesce((select max(global_position) from events), -1) - coalesce((select min(last_position) from projection_checkpoints), -1) as behind,
                 (select count(*) from rm_referrals) - (select count(*) from referral_deliveries where status = 'delivered') as undelivered`;
        if (row!.behind <= 0 && row!.undelivered <= 0) break;
        if (Date.now() - t > 60_000) {
          console.log(`  (${what}: not settled after 60 s: ${JSON.stringify(row)})`);
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      console.log(`  settled after ${what} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, 1_000));
    };
    await settle('preload');

    let opened = 0;
    const stats = new Map<Kind, KindStats>();
    const record = (kind: Kind, status: number) => {
      const s = stats.get(kind) ?? { count: 0, ok: 0, statuses: {} };
      s.count++;
      if (status >= 200 && status < 300) s.ok++;
      s.statuses[status] = (s.statuses[status] ?? 0) + 1;
      stats.set(kind, s);
    };
    const resync = async (c: CaseRef) => {
      const r = await fetch(`${sen.base}/api/v1/cases/${c.id}`, {
        headers: { authorization: `Bearer ${tokens.worker}` },
      });
      await r.arrayBuffer();
      const etag = r.headers.get('etag');
      if (etag) c.version = Number(etag.replace(/[^0-9]/g, ''));
      c.busy = false;
    };

    interface Ctx {
      kind?: Kind;
      case?: CaseRef;
    }
    const request = {
      setupRequest: (req: Record<string, unknown>, context: Ctx, forced?: Kind) => {
        let kind = forced ?? pickKind();
        let c: CaseRef | undefined;
        if (kind === 'assess' || kind === 'consent' || kind === 'refer') {
          // A case no other command holds right now, so the version sent is the current one.
          for (let i = 0; i < 8 && !c; i++) {
            const candidate = pick(cases);
            if (!candidate.busy) c = candidate;
          }
          if (!c) kind = 'get_case';
          else c.busy = true;
        }
        context.kind = kind;
        context.case = c;
        const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
        const post = (path: string, body: unknown, extra: Record<string, string> = {}) => ({
          ...req,
          method: 'POST',
          path: `/api/v1${path}`,
          headers: { ...auth(tokens.worker), ...extra },
          body: JSON.stringify(body),
        });
        const get = (path: string, token: string) => ({
          ...req,
          method: 'GET',
          path: `/api/v1${path}`,
          headers: auth(token),
          body: undefined,
        });
        switch (kind) {
          case 'list_worker': {
            const filter = pick([
              '',
              `?status=open`,
              `?category=${pick(CATEGORIES)}`,
              `?risk=${pick(['low', 'medium', 'high'])}`,
              `?areaCode=${AREA}`,
              `?status=assessed&limit=50`,
            ]);
            return get(`/cases${filter}`, tokens.worker);
          }
          case 'list_supervisor':
            return get(
              `/cases${pick(['', '?overdue=true', `?category=${pick(CATEGORIES)}`, '?q=Tr%E1%BA%BB'])}`,
              tokens.supervisor,
            );
          case 'get_case':
            return get(`/cases/${pick(cases).id}`, tokens.worker);
          case 'inbox':
            return get(`/referrals/inbox${pick(['', '?status=issued'])}`, pick(tokens.officers));
          case 'dashboard_times':
            return get('/dashboard/response-times', tokens.supervisor);
          case 'dashboard_overdue':
            return get('/dashboard/overdue', tokens.supervisor);
          case 'open_case':
            return post('/cases', openCaseBody(PRELOAD + opened++), { 'idempotency-key': randomUUID() });
          case 'assess':
            return post(`/cases/${c!.id}/risk-assessments`, assessBody(), { 'if-match': String(c!.version) });
          case 'consent':
            return post(`/cases/${c!.id}/consent`, consentBody(), { 'if-match': String(c!.version) });
          case 'refer':
            return post(`/cases/${c!.id}/referrals`, referBody(), { 'if-match': String(c!.version) });
        }
      },
      onResponse: (status: number, body: string, context: Ctx) => {
        const kind = context.kind!;
        record(kind, status);
        const ok = status >= 200 && status < 300;
        if (kind === 'open_case' && ok) {
          const b = JSON.parse(body) as { caseId: string; version: number };
          cases.push({ id: b.caseId, version: b.version, busy: false });
        }
        const c = context.case;
        if (c && COMMANDS.includes(kind)) {
          if (ok) {
            c.version = (JSON.parse(body) as { version: number }).version;
            c.busy = false;
          } else void resync(c);
        }
      },
    };

    const buildFor = (kind: Kind, ctx: Record<string, unknown>) => request.setupRequest({}, ctx as Ctx, kind);

    // autocannon limits a connection's rate by a quota a second, and its connections start together: one instance
    // at 100 req/s over 64 connections sends its 100 requests in one burst at the top of each second (at 100 req/s,
    // p50 62 ms for GET /health/live against 5 ms with 2 connections at 20 req/s). So the load comes from INSTANCES
    // autocannon instances (8; 32 cost the bench's own event loop more than they smoothed) of max(2, rate/100)
    // connections each, started 1000/INSTANCES ms apart: about rate/INSTANCES requests start in each slot. Latency is each response's own (autocannon's 'response' event,
    // the time from writing the request to its response), without autocannon's coordinated-omission correction.
    const connectionsEach = (rate: number) => Math.max(2, Math.ceil(rate / 100));
    const run = async (rate: number, duration: number) => {
      const latencies: number[] = [];
      let errors = 0;
      let timeouts = 0;
      let non2xx = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: INSTANCES }, async (_, i) => {
          const share = Math.floor(rate / INSTANCES) + (i < rate % INSTANCES ? 1 : 0);
          if (share === 0) return;
          await new Promise((r) => setTimeout(r, (i * 1000) / INSTANCES));
          const result = await new Promise<autocannon.Result>((resolve, reject) => {
            const instance = autocannon(
              {
                url: sen.base,
                connections: Math.min(connectionsEach(rate), share),
                overallRate: share,
                duration,
                requests: [request as never],
                timeout: 10,
              },
              (err, res) => (err ? reject(err) : resolve(res)),
            );
            instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
              latencies.push(responseTime),
            );
            instance.on('error', reject);
          });
          errors += result.errors;
          timeouts += result.timeouts;
          non2xx += result.non2xx;
        }),
      );
      const seconds = (performance.now() - started) / 1000 - (INSTANCES - 1) / INSTANCES;
      return { latencies, errors, timeouts, non2xx, achieved: latencies.length / seconds };
    };

    // Unloaded latency of each kind, one request at a time: what each costs before any queueing.
    const unloaded: Record<string, { p50Ms: number | null; p99Ms: number | null; n: number }> = {};
    {
      const ctx: Record<string, unknown> = {};
      const samples = new Map<Kind, number[]>();
      for (let i = 0; i < PROBES; i++) {
        for (const [kind] of MIX) {
          const built = buildFor(kind, ctx) as {
            method: string;
            path: string;
            headers: Record<string, string>;
            body?: string;
          };
          const t0 = performance.now();
          const res = await fetch(`${sen.base}${built.path}`, {
            method: built.method,
            headers: built.headers,
            ...(built.body ? { body: built.body } : {}),
          });
          const text = await res.text();
          const ms = performance.now() - t0;
          request.onResponse(res.status, text, ctx as Ctx);
          const list = samples.get(kind) ?? [];
          list.push(ms);
          samples.set(kind, list);
        }
      }
      for (const [kind, list] of samples)
        unloaded[kind] = { p50Ms: round(percentile(list, 50)), p99Ms: round(percentile(list, 99)), n: list.length };
      printTable(
        'Unloaded latency by kind (one request at a time)',
        Object.entries(unloaded).map(([kind, u]) => ({ kind, 'p50 ms': u.p50Ms, 'p99 ms': u.p99Ms, n: u.n })),
      );
    }

    console.log(`warm-up: ${WARMUP_SECONDS} s at 100 req/s`);
    await run(100, WARMUP_SECONDS);
    stats.clear();
    await settle('warm-up');

    const results: {
      rate: number;
      achieved: number;
      requests: number;
      p50Ms: number;
      p90Ms: number;
      p99Ms: number;
      maxMs: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      peakRssMiB: number | null;
      load: LoadSample;
      byKind: Record<string, KindStats>;
    }[] = [];
    for (const rate of RATES) {
      stats.clear();
      memorySamples.length = 0;
      const before = load();
      const r = await run(rate, SECONDS);
      const row = {
        rate,
        achieved: round(r.achieved, 1)!,
        requests: r.latencies.length,
        p50Ms: round(percentile(r.latencies, 50))!,
        p90Ms: round(percentile(r.latencies, 90))!,
        p99Ms: round(percentile(r.latencies, 99))!,
        maxMs: round(percentile(r.latencies, 100))!,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        peakRssMiB: memorySamples.length ? Math.max(...memorySamples) : null,
        load: before,
        byKind: Object.fromEntries([...stats.entries()].sort()),
      };
      results.push(row);
      const bad = [...stats.entries()]
        .filter(([, s]) => s.ok < s.count)
        .map(([k, s]) => `${k}: ${JSON.stringify(s.statuses)}`);
      console.log(
        `  ${rate} req/s: achieved ${row.achieved}, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, max ${row.maxMs} ms, errors ${row.errors}, non-2xx ${row.non2xx}${bad.length ? ` (${bad.join('; ')})` : ''}, RSS ${row.peakRssMiB} MiB, load ${before.load1}`,
      );
      await settle(`${rate} req/s`);
    }

    const mem = sen.memory();
    const under50 = results
      .filter((r) => r.p99Ms < 50 && r.achieved >= 0.95 * r.rate && r.errors === 0)
      .map((r) => r.rate);
    const at300 = results.find((r) => r.rate === 300);
    const rows: Row[] = results.map((r) => ({
      'rate req/s': r.rate,
      achieved: r.achieved,
      'p50 ms': r.p50Ms,
      'p90 ms': r.p90Ms,
      'p99 ms': r.p99Ms,
      'max ms': r.maxMs,
      errors: r.errors + r.timeouts,
      'non-2xx': r.non2xx,
      'peak RSS MiB': r.peakRssMiB,
      load1: r.load.load1,
    }));
    printTable('HTTP mix (70 % reads, 30 % commands) against sen start', rows);
    const commandsRows: Row[] = [];
    for (const r of results) {
      const cmds = COMMANDS.map((k) => r.byKind[k]).filter((s): s is KindStats => !!s);
      const reads = Object.entries(r.byKind)
        .filter(([k]) => !COMMANDS.includes(k as Kind))
        .map(([, s]) => s);
      const sum = (xs: KindStats[], f: (s: KindStats) => number) => xs.reduce((a, s) => a + f(s), 0);
      commandsRows.push({
        'rate req/s': r.rate,
        reads: sum(reads, (s) => s.count),
        'reads non-2xx': sum(reads, (s) => s.count - s.ok),
        commands: sum(cmds, (s) => s.count),
        'commands non-2xx': sum(cmds, (s) => s.count - s.ok),
      });
    }
    printTable('Requests by kind', commandsRows);
    const summary = {
      highestRateWithP99Under50ms: under50.length ? Math.max(...under50) : null,
      p99At300Ms: at300?.p99Ms ?? null,
      target: 'p99 < 25 ms at 300 req/s',
      targetMet: at300 ? at300.p99Ms < 25 && at300.achieved >= 0.95 * 300 : null,
      peakMemory: {
        vmHwmMiB: mem?.hwmMiB ?? null,
        vmRssEndMiB: mem?.rssMiB ?? null,
        peakSampledRssMiB: Math.max(...results.map((r) => r.peakRssMiB ?? 0)),
      },
      casesAtEnd: cases.length,
    };
    console.log(
      `\nhighest rate with p99 < 50 ms: ${summary.highestRateWithP99Under50ms ?? 'none'} req/s; p99 at 300 req/s: ${summary.p99At300Ms} ms (target < 25 ms: ${summary.targetMet ? 'met' : 'missed'}); Sen VmHWM ${summary.peakMemory.vmHwmMiB} MiB`,
    );
    const file = writeResult('http', {
      settings: {
        rates: RATES,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        instances: INSTANCES,
        connectionsPerInstance: 'max(2, rate/100)',
        preloadedCases: PRELOAD,
        mix: Object.fromEntries(MIX),
      },
      load: { start: loadStart, end: load() },
      unloadedByKind: unloaded,
      results,
      summary,
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
