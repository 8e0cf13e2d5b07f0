import type { Logger } from 'pino';
import type { EscalationJobData, ReferralDeliveryJobData } from '@sen/queues';

export const NOTIFIER = Symbol('NOTIFIER');

/**
 * How a referral reaches its agency and an escalation its supervisors, besides their inbox in Sen. Messages
 * carry ids, agency, urgency and deadlines only: the people notified read the case in Sen, where access is
 * scoped and logged. Each call carries an idempotency key, so a receiver can drop the rare repeat.
 */
export interface Notifier {
  readonly channel: string;
  referralDelivered(job: ReferralDeliveryJobData, idempotencyKey: string): Promise<void>;
  escalationRaised(
    notice: EscalationJobData & { supervisors: string[]; areaCode: string },
    idempotencyKey: string,
  ): Promise<void>;
}

export class LogNotifier implements Notifier {
  readonly channel = 'log';
  constructor(private readonly logger: Logger) {}
  async referralDelivered(job: ReferralDeliveryJobData, idempotencyKey: string) {
    this.logger.info(
      {
        referralId: job.referralId,
        agency: job.agency,
        urgency: job.urgency,
        acknowledgeBy: job.acknowledgeBy,
        idempotencyKey,
      },
      'referral delivered',
    );
  }
  async escalationRaised(
    notice: EscalationJobData & { supervisors: string[]; areaCode: string },
    idempotencyKey: string,
  ) {
    this.logger.warn(
      {
        caseId: notice.caseId,
        kind: notice.kind,
        refId: notice.refId,
        areaCode: notice.areaCode,
        supervisors: notice.supervisors.length,
        idempotencyKey,
      },
      'escalation raised',
    );
  }
}

/** POSTs JSON to a webhook (an agency's system, an SMS or e-mail gateway) with an Idempotency-Key header. */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook';
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 5_000,
  ) {}

  private async post(type: string, body: object, idempotencyKey: string) {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ type, ...body }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }

  referralDelivered(job: ReferralDeliveryJobData, idempotencyKey: string) {
    return this.post('referral.delivered', job, idempotencyKey);
  }
  escalationRaised(notice: EscalationJobData & { supervisors: string[]; areaCode: string }, idempotencyKey: string) {
    return this.post('escalation.raised', notice, idempotencyKey);
  }
}
