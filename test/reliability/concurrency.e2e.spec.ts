// Issue "hardening": concurrency storms. 200 concurrent commands on one case, and 10,000 across 100 cases
// (2,000 across 20 in `npm test`; the full counts with SEN_FULL=1): every command is applied once or refused
// with 409; stream revisions are contiguous; no update is lost; the read models equal a rebuild.
import pino from 'pino';
import { PROJECTIONS, ProjectionRunner, resetProjections } from '@sen/read-models';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { count, faultTest } from '../support/fault-test';
import { waitUntil, within } from '../support/processes';
import { digests, projectionsBehind } from '../support/projections';
import { storeFixture } from '../support/store-fixture';

const CASES = count(20, 100);
const COMMANDS = count(2_000, 10_000);
const IN_FLIGHT = 50;

describe('Concurrency storms', () => {
  let h: ApiHarness;
  let worker: string;

  beforeAll(async () => {
    h = await startApiHarness('concurrency', { with: [ProjectorModule] });
    worker = await h.token('worker1');
  });
  afterAll(async () => {
    await h.close();
  });

  const open = async () =>
    (
      await h
        .http()
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${worker}`)
        .send({
          child: { fullName: 'Trẻ Đồng Thời', sex: 'female', ageYears: 11 },
          category: 'neglect',
          summary: 's',
          location: { areaCode: '29926' },
          reportedAt: '2026-11-20T07:00:00+07:00',
          source: 'walk_in',
        })
        .expect(201)
    ).body.caseId as string;

  const consent = (caseId: string, version: number, n: number) =>
    h
      .http()
      .post(`/api/v1/cases/${caseId}/consent`)
      .set('Authorization', `Bearer ${worker}`)
      .set('If-Match', String(version))
      .send({
        givenBy: n % 2 ? 'parent' : 'guardian',
        forServices: true,
        forReferral: n % 3 !== 0,
        forReporting: true,
      });

  const revisions = async (caseId: string) =>
    (
      await h.db.sql<
        { r: number }[]
      >`select stream_revision as r from events where stream_id = ${`case-${caseId}`} order by stream_revision`
    ).map((x) => x.r);

  it('lets exactly one of 200 concurrent commands with the same version win', async () => {
    const caseId = await open();
    const results = await Promise.all(Array.from({ length: 200 }, (_, n) => consent(caseId, 1, n)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'VERSION_CONFLICT')).toBe(true);
    expect(await revisions(caseId)).toEqual([0, 1]);
  });

  faultTest(
    `applies or refuses each of ${COMMANDS} commands across ${CASES} cases, losing none`,
    14 * 60_000,
    async () => {
      const cases = await Promise.all(Array.from({ length: CASES }, open));
      const known = new Map(cases.map((c) => [c, 1]));
      const applied = new Map(cases.map((c) => [c, [] as number[]]));
      let sent = 0;
      let refused = 0;
      const client = async (k: number) => {
        while (sent < COMMANDS) {
          const n = sent++;
          const caseId = cases[(n * 7 + k) % cases.length]!;
          const res = await consent(caseId, known.get(caseId)!, n);
          if (res.status === 200) {
            applied.get(caseId)!.push(res.body.version);
            known.set(caseId, Math.max(known.get(caseId)!, res.body.version));
          } else if (res.status === 409) {
            refused++;
            expect(res.body.code).toBe('VERSION_CONFLICT');
            known.set(caseId, Math.max(known.get(caseId)!, res.body.details.actualVersion));
          } else {
            throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
          }
        }
      };
      await within(
        Promise.all(Array.from({ length: IN_FLIGHT }, (_, k) => client(k))),
        12 * 60_000,
        `${COMMANDS} commands answered`,
        () => `${COMMANDS - sent} commands not sent yet`,
      );

      let total = 0;
      for (const caseId of cases) {
        const versions = applied.get(caseId)!.sort((a, b) => a - b);
        const revs = await revisions(caseId);
        // Contiguous revisions, one event per applied command (plus the opening), each applied version distinct.
        expect(revs).toEqual(revs.map((_, i) => i));
        expect(revs).toHaveLength(1 + versions.length);
        expect(versions).toEqual(versions.map((_, i) => i + 2));
        total += versions.length;
      }
      expect(total + refused).toBe(COMMANDS);
      console.log(
        `concurrency: ${COMMANDS} commands on ${CASES} cases, ${IN_FLIGHT} in flight: ${total} applied, ${refused} refused with 409`,
      );

      // The read models equal a rebuild from position zero.
      const fx = await storeFixture(h.db.sql);
      await waitUntil(() => projectionsBehind(h.db, fx.store), 60_000, 'projections caught up');
      const { ProjectorService } = await import('../../apps/projector/src/projector.service');
      await h.app.get(ProjectorService).runner.stop();
      const incremental = await digests(h.db);
      await resetProjections(h.db.sql, PROJECTIONS);
      const runner = new ProjectionRunner({
        sql: h.db.sql,
        store: fx.store,
        projections: PROJECTIONS,
        context: { areas: fx.areas },
        pii: fx.pii,
        keys: fx.keys,
        logger: pino({ level: 'silent' }),
      });
      await runner.catchUp();
      expect(await digests(h.db)).toEqual(incremental);
    },
  );
});
