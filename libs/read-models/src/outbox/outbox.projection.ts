import type { ReferralDeadlineKind } from '@sen/case-domain';
import type { TransactionSql } from '@sen/db';
import { type OutboxInsert, deadlineJob, deliverReferralJob, escalationJob, outboxInsert } from '@sen/queues';
import type { BatchProjection, ProjectionEvent } from '../projection';
import { rowsParameter } from '../runner/row-store';

/** The jobs an event calls for: a delivery and its timers for a referral, a timer for a first response, an escalation for a missed deadline. */
export function outboxRowsFor(e: ProjectionEvent): OutboxInsert[] {
  const ev = e.event;
  const at = ev.metadata.occurredAt;
  switch (ev.type) {
    case 'CaseOpened': {
      const dueAt = ev.data.deadlines.firstResponseBy;
      return dueAt
        ? [
            outboxInsert(
              `sla.${ev.data.caseId}.first_response`,
              deadlineJob({ kind: 'first_response', caseId: ev.data.caseId, dueAt }),
              dueAt,
            ),
          ]
        : [];
    }
    case 'ReferralIssued': {
      const d = ev.data;
      const timer = (deadline: ReferralDeadlineKind, dueAt: string): OutboxInsert =>
        outboxInsert(
          `sla.${d.referralId}.${deadline}`,
          deadlineJob({ kind: 'referral', deadline, caseId: d.caseId, referralId: d.referralId, dueAt }),
          dueAt,
        );
      return [
        outboxInsert(
          `deliver.${d.referralId}`,
          deliverReferralJob({
            referralId: d.referralId,
            caseId: d.caseId,
            agency: d.toAgency,
            unitCode: d.unitCode ?? null,
            urgency: d.urgency,
            areaCode: d.areaCode,
            acknowledgeBy: d.acknowledgeBy,
            dueAt: d.dueAt,
          }),
          at,
        ),
        timer('acknowledge', d.acknowledgeBy),
        timer('complete', d.dueAt),
      ];
    }
    case 'ReferralOverdue':
      return [
        outboxInsert(
          `escalate.${ev.data.referralId}.${ev.data.deadline}`,
          escalationJob({
            caseId: ev.data.caseId,
            kind: `referral_${ev.data.deadline}`,
            refId: ev.data.referralId,
            dueAt: ev.data.dueAt,
          }),
          at,
        ),
      ];
    case 'CaseEscalated':
      return ev.data.automatic
        ? [
            outboxInsert(
              `escalate.${ev.data.caseId}.first_response`,
              escalationJob({ caseId: ev.data.caseId, kind: 'first_response', refId: '', dueAt: null }),
              at,
            ),
          ]
        : [];
    default:
      return [];
  }
}

/**
 * Writes outbox rows in the projector's transaction, with its checkpoint: an event's jobs are recorded exactly
 * once, and a replay (rebuild) inserts nothing new (`on conflict do nothing` on the dedupe key).
 */
export const outboxProjection: BatchProjection = {
  name: 'outbox',
  tables: [],
  async applyBatch(tx: TransactionSql, events: ProjectionEvent[]) {
    const rows = events.flatMap(outboxRowsFor);
    // One jsonb parameter for the rows (as in saveCaseRows): the same statement text for every batch; its strings cleaned.
    for (let i = 0; i < rows.length; i += 500) {
      await tx`
        insert into outbox (dedupe_key, queue, job_name, payload, run_at)
        select dedupe_key, queue, job_name, payload, run_at from jsonb_populate_recordset(null::outbox, ${rowsParameter(tx, rows.slice(i, i + 500) as unknown as Record<string, unknown>[])})
        on conflict (dedupe_key) do nothing`;
    }
  },
};
