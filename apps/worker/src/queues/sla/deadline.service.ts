import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { CaseCommandExecutor, CaseRepository, VersionMismatchError } from '@sen/case-app';
import type { CaseCommand, Metadata } from '@sen/case-domain';
import { AREAS, Clock } from '@sen/platform';
import type { DeadlineJobData } from '@sen/queues';
import type { AreaDirectory } from '@sen/reference';

/**
 * A deadline's timer fired (or the sweep found it passed): send the system's command through the normal
 * command path. The decider decides nothing when the deadline was met or is already marked, so a timer that
 * fires twice, or both a timer and the sweep, append one event.
 */
@Injectable()
export class DeadlineService {
  private readonly fired: Counter;

  constructor(
    private readonly executor: CaseCommandExecutor,
    private readonly repository: CaseRepository,
    private readonly clock: Clock,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    registry: Registry,
  ) {
    this.fired = new Counter({ name: 'sen_deadline_checks_total', help: 'Deadline checks and what they appended', labelNames: ['kind', 'outcome'], registers: [registry] });
  }

  /** True when the deadline is still ahead (the caller delays the job until then). */
  notDueYet(job: DeadlineJobData): boolean {
    return this.clock.now().getTime() < Date.parse(job.dueAt);
  }

  async fire(job: DeadlineJobData, jobKey: string): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.repository.load(job.caseId);
      if (loaded.state.status === 'none') return [];
      const metadata: Metadata = {
        actorId: 'system',
        actorRole: 'system',
        correlationId: jobKey,
        causationId: jobKey,
        occurredAt: this.clock.now().toISOString(),
      };
      const file = loaded.state.file;
      const command: CaseCommand =
        job.kind === 'first_response'
          ? { type: 'CheckFirstResponse', data: { nextLevel: this.areas.nextLevelAbove(file.areaCode, file.level) }, metadata }
          : { type: 'MarkReferralOverdue', data: { referralId: job.referralId, deadline: job.deadline }, metadata };
      try {
        const result = await this.executor.execute(job.caseId, command, loaded.version);
        const types = result.events.map((e) => e.type);
        this.fired.inc({ kind: job.kind === 'first_response' ? 'first_response' : `referral_${job.deadline}`, outcome: types.length ? 'appended' : 'nothing' });
        return types;
      } catch (error) {
        if (error instanceof VersionMismatchError && attempt < 5) continue; // someone wrote meanwhile: read again
        throw error;
      }
    }
  }
}
