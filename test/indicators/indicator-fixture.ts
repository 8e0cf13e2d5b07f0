import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { CaseCommand, Category, Role } from '@sen/case-domain';
import type { Sql } from '@sen/db';
import { PROJECTIONS, ProjectionRunner, ensureCheckpoints } from '@sen/read-models';
import type { storeFixture } from '../support/store-fixture';

type Fixture = Awaited<ReturnType<typeof storeFixture>>;
type Data<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>['data'];

/** Cases written through the real command path, with every instant given by the test (Vietnam times +07:00). */
export function caseWriter(fx: Fixture) {
  const meta = (occurredAt: string, role: Role = 'social_worker', actorId = 'worker-test') => ({
    actorId,
    actorRole: role,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date(occurredAt).toISOString(),
  });

  async function send<T extends CaseCommand['type']>(
    caseId: string,
    type: T,
    data: Data<T>,
    at: string,
    role?: Role,
    actorId?: string,
  ) {
    return fx.executor.execute(caseId, { type, data, metadata: meta(at, role, actorId) } as CaseCommand, 'latest');
  }

  return {
    send,
    /** Opens a case; `at` (when it was written) defaults to the report time. */
    async open(o: {
      category: Category;
      areaCode: string;
      reportedAt: string;
      childId?: string;
      at?: string;
    }): Promise<string> {
      const caseId = randomUUID();
      await fx.executor.execute(
        caseId,
        {
          type: 'OpenCase',
          data: {
            caseId,
            childId: o.childId ?? randomUUID(),
            child: { fullName: 'Nguyễn Thị Lan', sex: 'female', ageYears: 10 },
            category: o.category,
            summary: 'Báo cáo thử nghiệm',
            location: { areaCode: o.areaCode },
            reportedAt: new Date(o.reportedAt).toISOString(),
            source: 'hotline_111',
          },
          metadata: meta(o.at ?? o.reportedAt),
        },
        0,
      );
      return caseId;
    },
    assess(caseId: string, verification: 'confirmed' | 'unfounded' | 'inconclusive', at: string) {
      return send(
        caseId,
        'AssessRisk',
        { level: 'medium', verification, factors: [], notes: 'ghi chú', assessedAt: new Date(at).toISOString() },
        at,
      );
    },
    emergency(caseId: string, at: string) {
      return send(
        caseId,
        'ApplyEmergencyMeasure',
        { measure: 'temporary_shelter', appliedAt: new Date(at).toISOString(), notes: 'tạm lánh' },
        at,
      );
    },
    support(caseId: string, agency: 'police' | 'health' | 'education' | 'social_affairs', at: string) {
      return send(
        caseId,
        'ProvideSupport',
        { service: 'medical', agency, providedAt: new Date(at).toISOString(), notes: 'hỗ trợ' },
        at,
      );
    },
    close(caseId: string, reason: 'child_safe' | 'duplicate', at: string) {
      return send(caseId, 'CloseCase', { reason, notes: '' }, at);
    },
    transfer(caseId: string, toAreaCode: string, at: string) {
      return send(caseId, 'TransferCase', { toAreaCode, reason: 'gia đình chuyển nhà' }, at);
    },
    marriage(caseId: string, outcome: 'occurred' | 'prevented', at: string) {
      return send(caseId, 'RecordChildMarriageOutcome', { outcome, at: new Date(at).toISOString() }, at);
    },
  };
}

/** Runs every projection until the event log is exhausted. */
export async function project(fx: Fixture, sql: Sql): Promise<void> {
  const runner = new ProjectionRunner({
    sql,
    store: fx.store,
    projections: PROJECTIONS,
    context: { areas: fx.areas },
    pii: fx.pii,
    keys: fx.keys,
    logger: pino({ level: 'silent' }),
  });
  await ensureCheckpoints(sql, runner.names);
  await runner.catchUp();
}
