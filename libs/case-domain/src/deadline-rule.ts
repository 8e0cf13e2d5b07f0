// The one rule of a deadline, met or missed (issue 16, point 3). Every place that tells whether a deadline was
// kept uses it: the case view, the deadlines and indicators projections, the decider's escalation and overdue
// checks; the SQL that must apply it to many rows (libs/read-models/src/deadline-rule.sql.ts) is tested against
// it. Pure: instants come in as ISO strings, Dates or epoch milliseconds.

/** met: done at or before the deadline; missed: done after it; pending: not done and not past due; overdue: not done and past due. */
export type DeadlineOutcome = 'met' | 'missed' | 'pending' | 'overdue';

export type Instant = string | Date | number;

const ms = (t: Instant): number => (typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime());

/** Done in time: at or before the deadline, to the millisecond (done exactly at the deadline is met). */
export function doneInTime(dueAt: Instant, doneAt: Instant): boolean {
  return ms(doneAt) <= ms(dueAt);
}

/** Past due at `now`: strictly after the deadline (at the deadline itself there is still time to be met). */
export function pastDue(dueAt: Instant, now: Instant): boolean {
  return ms(now) > ms(dueAt);
}

/** The outcome of a deadline due at `dueAt`, done at `doneAt` (null: not done), seen at `now`. */
export function deadlineOutcome(dueAt: Instant, doneAt: Instant | null, now: Instant): DeadlineOutcome {
  if (doneAt !== null) return doneInTime(dueAt, doneAt) ? 'met' : 'missed';
  return pastDue(dueAt, now) ? 'overdue' : 'pending';
}
