import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { CaseCommandHandler, SYSTEM_ACTOR } from '@sen/case-app';
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
    private readonly handler: CaseCommandHandler,
    private readonly clock: Clock,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    registry: Registry,
  ) {
    this.fired = new Counter({
      name: 'sen_deadline_checks_total',
      help: 'Deadline checks and what they appended',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    });
  }

  /** True when the deadline is still ahead (the caller delays the job until then). */
  notDueYet(job: DeadlineJobData): boolean {
    return this.clock.now().getTime() < Date.parse(job.dueAt);
  }

  /** The command is built from the case as it stands (the level above its area now); a conflict decides again. */
  async fire(job: DeadlineJobData, jobKey: string): Promise<string[]> {
    const metadata: Metadata = {
      actorId: 'system',
      actorRole: 'system',
      correlationId: jobKey,
      causationId: jobKey,
      occurredAt: this.clock.now().toISOString(),
    };
    const result = await this.handler.handle({
      caseId: job.caseId,
      expectedVersion: 'latest',
      actor: SYSTEM_ACTOR,
      commands: (state): CaseCommand[] => [
        job.kind === 'first_response'
          ? {
              type: 'CheckFirstResponse',
              data: { nextLevel: this.areas.nextLevelAbove(state.areaCode, state.level) },
              metadata,
            }
          : { type: 'MarkReferralOverdue', data: { referralId: job.referralId, deadline: job.deadline }, metadata },
      ],
    });
    if (result.version === 0) return []; // no such case
    const types = result.events.map((e) => e.type);
    this.fired.inc({
      kind: job.kind === 'first_response' ? 'first_response' : `referral_${job.deadline}`,
      outcome: types.length ? 'appended' : 'nothing',
    });
    return types;
  }
}
