import type { Sql } from '@sen/db';
import type { StoredDeadlineRow } from './deadlines.tables';

/** A deadline that passed unmet and that nothing has marked yet (the worker's sweep checks it). */
export type PassedDeadline = Pick<StoredDeadlineRow, 'case_id' | 'ref_id' | 'due_at'> & {
  kind: Exclude<StoredDeadlineRow['kind'], 'plan'>;
};

/**
 * Deadlines still open at `now` that no timer has marked: a referral's not yet overdue in the referrals read
 * model; a first response whose case is not escalated yet and has a level left above it. Oldest first, at most 200 (a literal
 * limit, as the sweep always had: the planner then knows it is small).
 */
export async function passedUnmarkedDeadlines(sql: Sql, now: Date): Promise<PassedDeadline[]> {
  return sql<PassedDeadline[]>`
          select d.case_id, d.kind, d.ref_id, d.due_at from rm_deadlines d
           where d.status = 'open' and d.due_at < ${now} and d.kind <> 'plan'
             and not exists (select 1 from rm_referrals r where r.referral_id::text = d.ref_id
                               and r.overdue @> array[case d.kind when 'referral_acknowledge' then 'acknowledge' else 'complete' end])
             -- a first response already escalated, or with no level left above it, has nothing left to fire
             and not (d.kind = 'first_response' and exists (select 1 from rm_cases c where c.case_id = d.case_id and (c.escalated or c.level = 'province')))
           order by d.due_at limit 200`;
}
