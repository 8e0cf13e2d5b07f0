import type { TransactionSql } from '@sen/db';
import type { BatchProjection, ProjectionEvent } from '../projection';
import { rowsParameter } from '../runner/row-store';

interface OutboxInsert {
  dedupe_key: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  run_at: string;
}

// Queue names as in @sen/queues (kept literal here: read models do not depend on the queue library).
const referralQueue = (agency: string) => `referrals.${agency}`;

/** The jobs an event calls for: a delivery and its timers for a referral, a timer for a first response, an escalation for a missed deadline. */
export function outboxRowsFor(e: ProjectionEvent): OutboxInsert[] {
  const ev = e.event;
  const at = ev.metadata.occurredAt;
  switch (ev.type) {
    case 'CaseOpened':
      return ev.data.deadlines.firstResponseBy
        ? [
            {
              dedupe_key: `sla.${ev.data.caseId}.first_response`,
              queue: 'sla',
              job_name: 'deadline',
              payload: { kind: 'first_response', caseId: ev.data.caseId, dueAt: ev.data.deadlines.firstResponseBy },
              run_at: ev.data.deadlines.firstResponseBy,
            },
          ]
        : [];
    case 'ReferralIssued': {
      const d = ev.data;
      const timer = (deadline: 'acknowledge' | 'complete', dueAt: string): OutboxInsert => ({
        dedupe_key: `sla.${d.referralId}.${deadline}`,
        queue: 'sla',
        job_name: 'deadline',
        payload: { kind: 'referral', deadline, caseId: d.caseId, referralId: d.referralId, dueAt },
        run_at: dueAt,
      });
      return [
        {
          dedupe_key: `deliver.${d.referralId}`,
          queue: referralQueue(d.toAgency),
          job_name: 'deliver-referral',
          payload: {
            referralId: d.referralId,
            caseId: d.caseId,
            agency: d.toAgency,
            unitCode: d.unitCode ?? null,
            urgency: d.urgency,
            areaCode: d.areaCode,
            acknowledgeBy: d.acknowledgeBy,
            dueAt: d.dueAt,
          },
          run_at: at,
        },
        timer('acknowledge', d.acknowledgeBy),
        timer('complete', d.dueAt),
      ];
    }
    case 'ReferralOverdue':
      return [
        {
          dedupe_key: `escalate.${ev.data.referralId}.${ev.data.deadline}`,
          queue: 'escalations',
          job_name: 'escalate',
          payload: {
            caseId: ev.data.caseId,
            kind: `referral_${ev.data.deadline}`,
            refId: ev.data.referralId,
            dueAt: ev.data.dueAt,
          },
          run_at: at,
        },
      ];
    case 'CaseEscalated':
      return ev.data.automatic
        ? [
            {
              dedupe_key: `escalate.${ev.data.caseId}.first_response`,
              queue: 'escalations',
              job_name: 'escalate',
              payload: { caseId: ev.data.caseId, kind: 'first_response', refId: '', dueAt: null },
              run_at: at,
            },
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
