import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { SenConfig } from '@sen/config';
import type { Sql } from '@sen/db';
import { Clock, LOGGER, SEN_CONFIG, SQL } from '@sen/platform';
import type { DeadlineJobData } from '@sen/queues';
import { passedUnmarkedDeadlines } from '@sen/read-models';
import { DeadlineService } from '../queues/sla/deadline.service';

/** One sweep at a time across worker replicas. */
const SWEEP_LOCK = 7_360_003;

/**
 * The safety net under the timers: every little while, deadlines that passed unmet (rm_deadlines) and that
 * no timer has marked yet are checked directly. A timer lost with a Redis that lost its data, or delayed by
 * an outage, is caught here; the decider makes a second check a no-op.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(SEN_CONFIG) private readonly config: SenConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly deadlines: DeadlineService,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.sweep()
          .catch((e) =>
            this.logger.warn(
              { err: { type: (e as Error).name, code: (e as { code?: string }).code } },
              'deadline sweep failed',
            ),
          )
          .finally(() => (this.running = null));
    }, this.config.deadlineSweepMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Checks up to 200 passed, unmarked deadlines; returns how many it checked. */
  async sweep(): Promise<number> {
    const lock = await this.sql.reserve();
    try {
      const [got] = await lock<{ ok: boolean }[]>`select pg_try_advisory_lock(${SWEEP_LOCK}) as ok`;
      if (!got?.ok) return 0;
      try {
        const due = await passedUnmarkedDeadlines(this.sql, this.clock.now());
        for (const d of due) {
          const job: DeadlineJobData =
            d.kind === 'first_response'
              ? { kind: 'first_response', caseId: d.case_id, dueAt: d.due_at.toISOString() }
              : {
                  kind: 'referral',
                  deadline: d.kind === 'referral_acknowledge' ? 'acknowledge' : 'complete',
                  caseId: d.case_id,
                  referralId: d.ref_id,
                  dueAt: d.due_at.toISOString(),
                };
          await this.deadlines.fire(job, `sweep-${d.case_id}-${d.kind}-${d.ref_id}`);
        }
        return due.length;
      } finally {
        await lock`select pg_advisory_unlock(${SWEEP_LOCK})`;
      }
    } finally {
      lock.release();
    }
  }
}
