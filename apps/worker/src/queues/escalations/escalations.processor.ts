import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ESCALATIONS_QUEUE, type JobDataOf } from '@sen/queues';
import { EscalationService } from './escalation.service';

/** Thin: each escalation job handed to the escalation service. */
@Processor(ESCALATIONS_QUEUE, { autorun: false })
export class EscalationsProcessor extends WorkerHost {
  constructor(private readonly escalations: EscalationService) {
    super();
  }
  process(job: Job<JobDataOf<typeof ESCALATIONS_QUEUE>>) {
    return this.escalations.raise(job.data);
  }
}
