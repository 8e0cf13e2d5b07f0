import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { CaseRepository } from '@sen/case-app';
import type { Sql } from '@sen/db';
import { AREAS, SQL } from '@sen/platform';
import type { EscalationJobData } from '@sen/queues';
import type { AreaDirectory } from '@sen/reference';
import { NOTIFIER, type Notifier } from '../../notifier/notifier';

/** Puts an unmet deadline before the supervisors of the case's area (and the areas above it). */
@Injectable()
export class EscalationService {
  private readonly raised: Counter;

  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly repository: CaseRepository,
    registry: Registry,
  ) {
    this.raised = new Counter({
      name: 'sen_escalations_raised_total',
      help: 'Escalations put before supervisors',
      labelNames: ['kind'],
      registers: [registry],
    });
  }

  async raise(job: EscalationJobData): Promise<'raised' | 'already' | 'no_case'> {
    const loaded = await this.repository.load(job.caseId);
    if (loaded.state.status === 'none') return 'no_case';
    const areaCode = loaded.state.areaCode;
    const scope = this.areas.scopePath(areaCode);
    const supervisors = await this.sql<{ user_id: string }[]>`
      select user_id from users where role = 'supervisor' and active and area_codes && ${scope}::text[] order by user_id`;
    const key = `escalate.${job.refId || job.caseId}.${job.kind}`;
    const [row] = await this.sql<{ notified_at: Date | null }[]>`
      insert into escalation_notices (dedupe_key, case_id, kind, ref_id, area_code, supervisors, due_at)
      values (${key}, ${job.caseId}::uuid, ${job.kind}, ${job.refId}, ${areaCode}, ${supervisors.map((s) => s.user_id)}::text[], ${job.dueAt})
      on conflict (dedupe_key) do update set area_code = excluded.area_code
      returning notified_at`;
    if (row?.notified_at) return 'already';
    await this.notifier.escalationRaised({ ...job, areaCode, supervisors: supervisors.map((s) => s.user_id) }, key);
    await this.sql`update escalation_notices set notified_at = now() where dedupe_key = ${key}`;
    this.raised.inc({ kind: job.kind });
    return 'raised';
  }
}
