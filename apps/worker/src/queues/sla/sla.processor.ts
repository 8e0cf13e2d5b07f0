import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { type JobDataOf, SLA_QUEUE } from '@sen/queues';
import { DeadlineService } from './deadline.service';

/** Thin: a deadline timer. Fired early (clock skew, a replayed job)? Put back until the deadline. */
@Processor(SLA_QUEUE, { autorun: false })
export class SlaProcessor extends WorkerHost {
  constructor(private readonly deadlines: DeadlineService) {
    super();
  }

  async process(job: Job<JobDataOf<typeof SLA_QUEUE>>, token?: string) {
    if (this.deadlines.notDueYet(job.data) && token) {
      await job.moveToDelayed(Date.parse(job.data.dueAt) + 1_000, token);
      throw new DelayedError();
    }
    return this.deadlines.fire(job.data, `job-${job.id}`);
  }
}
