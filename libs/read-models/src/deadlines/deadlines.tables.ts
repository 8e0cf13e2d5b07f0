import { type ProjectedRow, type StoredRow, col, nullable, readModelTable } from '../table';

export type DeadlineKind = 'first_response' | 'plan' | 'referral_acknowledge' | 'referral_complete';
export type DeadlineStatus = 'open' | 'met' | 'missed' | 'cancelled';

/**
 * Every deadline of every case, due or met: what the worker's sweep and the supervisors' "overdue now" read.
 * status: open (not done), met (done by the deadline), missed (done late), cancelled (case closed, or a
 * referral declined, before it was done).
 */
export const DEADLINES_TABLE = readModelTable('rm_deadlines', ['case_id', 'kind', 'ref_id'], {
  case_id: col.uuid(),
  kind: col.text<DeadlineKind>(),
  ref_id: col.text(),
  due_at: col.instant(),
  done_at: nullable(col.instant()),
  status: col.text<DeadlineStatus>(),
  agency: nullable(col.text()),
  urgency: nullable(col.text()),
  category: col.text(),
  area_code: col.text(),
  area_path: col.texts(),
  reported_at: col.instant(),
  case_closed: col.bool(),
  declined: col.bool(),
});

export type DeadlineRow = ProjectedRow<typeof DEADLINES_TABLE>;
/** A deadline as queries read it. */
export type StoredDeadlineRow = StoredRow<typeof DEADLINES_TABLE>;
