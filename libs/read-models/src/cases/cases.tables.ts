import type { Referral } from '../case-detail/case-detail';
import { type ProjectedRow, type StoredRow, col, nullable, readModelTable } from '../table';

/** A referral as the case list shows it (the `referrals` jsonb column of rm_cases). */
export interface CaseListReferral {
  referralId: string;
  toAgency: string;
  urgency: string;
  status: Referral['status'];
  acknowledgeBy: string;
  dueAt: string;
  overdue: string[];
}

/**
 * The case list and case summary (GET /cases). child_name and search_text are personal data: they are
 * overwritten when the child's data is erased.
 */
export const CASES_TABLE = readModelTable('rm_cases', ['case_id'], {
  case_id: col.uuid(),
  child_id: col.uuid(),
  child_name: col.text(),
  search_text: col.text(),
  sex: nullable(col.text()),
  age_years: nullable(col.int()),
  category: col.text(),
  status: col.text(),
  status_before_close: nullable(col.text()),
  risk_level: nullable(col.text()),
  verification: nullable(col.text()),
  area_code: col.text(),
  area_path: col.texts(),
  level: col.text(),
  source: col.text(),
  reported_at: col.instant(),
  opened_at: col.instant(),
  opened_by: col.text(),
  assignee_id: nullable(col.text()),
  incident_id: nullable(col.uuid()),
  first_response_due: nullable(col.instant()),
  first_response_at: nullable(col.instant()),
  plan_due: col.instant(),
  plan_proposed_at: nullable(col.instant()),
  plan_status: nullable(col.text()),
  referrals: col.json<CaseListReferral[]>(),
  open_referrals: col.int(),
  next_due_at: nullable(col.instant()),
  escalated: col.bool(),
  closed_at: nullable(col.instant()),
  closure_reason: nullable(col.text()),
  personal_data_erased: col.bool(),
  version: col.int(),
  last_event_at: col.instant(),
  reunified_at: nullable(col.instant()),
});

export type CaseRow = ProjectedRow<typeof CASES_TABLE>;
/** A case as the case list's queries read it. */
export type StoredCaseRow = StoredRow<typeof CASES_TABLE>;
