import type { CaseEvent } from '@sen/case-domain';
import {
  ALL_QUEUES,
  JOB_DEADLINE,
  JOB_DELIVER_REFERRAL,
  JOB_ESCALATE,
  SLA_QUEUE,
  ESCALATIONS_QUEUE,
  referralQueue,
} from '@sen/queues';
import type { ProjectionEvent } from '../projection';
import { outboxRowsFor } from './outbox.projection';

const meta = {
  actorId: 'w',
  actorRole: 'social_worker' as const,
  correlationId: 'c',
  causationId: 'c',
  occurredAt: '2026-11-20T01:00:00.000Z',
};
const pe = (event: CaseEvent): ProjectionEvent => ({
  event,
  caseId: 'case-1',
  version: 1,
  position: 1,
  recordedAt: meta.occurredAt,
  checkpoint: { commit: 1, prepare: 1 },
});

describe('Outbox rows', () => {
  it('sends a referral to its agency queue and sets its two timers, keyed by the referral', () => {
    const rows = outboxRowsFor(
      pe({
        type: 'ReferralIssued',
        data: {
          caseId: 'case-1',
          referralId: 'r-1',
          toAgency: 'police',
          reason: 'x',
          urgency: 'emergency',
          acknowledgeBy: '2026-11-20T03:00:00.000Z',
          dueAt: '2026-11-27T01:00:00.000Z',
          areaCode: '29926',
        },
        metadata: meta,
      }),
    );
    expect(rows.map((r) => [r.dedupe_key, r.queue, r.run_at])).toEqual([
      ['deliver.r-1', 'referrals.police', '2026-11-20T01:00:00.000Z'],
      ['sla.r-1.acknowledge', 'sla', '2026-11-20T03:00:00.000Z'],
      ['sla.r-1.complete', 'sla', '2026-11-27T01:00:00.000Z'],
    ]);
    expect(rows.every((r) => !r.dedupe_key.includes(':'))).toBe(true); // BullMQ job ids cannot contain ':'
  });

  it('sets a first-response timer only for the categories indicator 12 follows', () => {
    const opened = (firstResponseBy: string | null): CaseEvent => ({
      type: 'CaseOpened',
      data: {
        caseId: 'case-1',
        childId: 'c',
        child: { fullName: 'x', sex: 'male', ageYears: 3 },
        category: 'neglect',
        summary: 's',
        location: { areaCode: '29926' },
        reportedAt: meta.occurredAt,
        source: 'walk_in',
        level: 'commune',
        deadlines: { firstResponseBy, planBy: '2026-11-27T16:59:59.999Z' },
      },
      metadata: meta,
    });
    expect(outboxRowsFor(pe(opened('2026-11-20T13:00:00.000Z'))).map((r) => r.dedupe_key)).toEqual([
      'sla.case-1.first_response',
    ]);
    expect(outboxRowsFor(pe(opened(null)))).toEqual([]);
  });

  it('escalates an overdue referral and an automatic escalation, not a manual one', () => {
    expect(
      outboxRowsFor(
        pe({
          type: 'ReferralOverdue',
          data: { caseId: 'case-1', referralId: 'r-1', deadline: 'acknowledge', dueAt: 'x' },
          metadata: meta,
        }),
      )[0],
    ).toMatchObject({
      dedupe_key: 'escalate.r-1.acknowledge',
      queue: 'escalations',
      payload: { kind: 'referral_acknowledge', refId: 'r-1' },
    });
    const escalated = (automatic: boolean): CaseEvent => ({
      type: 'CaseEscalated',
      data: { caseId: 'case-1', fromLevel: 'commune', toLevel: 'province', reason: 'r', automatic },
      metadata: meta,
    });
    expect(outboxRowsFor(pe(escalated(true))).map((r) => r.dedupe_key)).toEqual(['escalate.case-1.first_response']);
    expect(outboxRowsFor(pe(escalated(false)))).toEqual([]);
  });

  it('puts every job on a queue the worker consumes, under the job name of that queue (the contract of @sen/queues)', () => {
    const rows = [
      ...outboxRowsFor(
        pe({
          type: 'ReferralIssued',
          data: {
            caseId: 'case-1',
            referralId: 'r-1',
            toAgency: 'health',
            reason: 'x',
            urgency: 'urgent',
            acknowledgeBy: '2026-11-21T01:00:00.000Z',
            dueAt: '2026-11-27T01:00:00.000Z',
            areaCode: '29926',
          },
          metadata: meta,
        }),
      ),
      ...outboxRowsFor(
        pe({
          type: 'ReferralOverdue',
          data: { caseId: 'case-1', referralId: 'r-1', deadline: 'complete', dueAt: 'x' },
          metadata: meta,
        }),
      ),
      ...outboxRowsFor(
        pe({
          type: 'CaseEscalated',
          data: { caseId: 'case-1', fromLevel: 'commune', toLevel: 'province', reason: 'r', automatic: true },
          metadata: meta,
        }),
      ),
    ];
    expect(rows.map((r) => [r.queue, r.job_name])).toEqual([
      [referralQueue('health'), JOB_DELIVER_REFERRAL],
      [SLA_QUEUE, JOB_DEADLINE],
      [SLA_QUEUE, JOB_DEADLINE],
      [ESCALATIONS_QUEUE, JOB_ESCALATE],
      [ESCALATIONS_QUEUE, JOB_ESCALATE],
    ]);
    expect(rows.every((r) => ALL_QUEUES.includes(r.queue))).toBe(true);
  });
});
