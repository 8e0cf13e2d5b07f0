import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AGENCIES, type Agency } from '@sen/case-domain';
import { type JobDataOf, type ReferralQueue, referralQueue } from '@sen/queues';
import { DeliveryService } from './delivery.service';

/** Thin: one queue per agency, each job handed to the delivery service. */
@Injectable()
export class ReferralQueueHost extends WorkerHost {
  constructor(private readonly delivery: DeliveryService) {
    super();
  }
  async process(job: Job<JobDataOf<ReferralQueue>>) {
    return this.delivery.deliver(job.data);
  }
}

function processorFor(agency: Agency) {
  // Workers start only once configured (QueueWorkersStarter, apps/worker/src/queue-workers.ts): autorun off.
  @Processor(referralQueue(agency), { autorun: false })
  class AgencyReferralProcessor extends ReferralQueueHost {}
  Object.defineProperty(AgencyReferralProcessor, 'name', { value: `Referrals_${agency}_Processor` });
  return AgencyReferralProcessor;
}

export const REFERRAL_PROCESSORS = AGENCIES.map(processorFor);
