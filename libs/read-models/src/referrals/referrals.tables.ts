import { type ProjectedRow, type StoredRow, col, nullable, readModelTable } from '../table';

/** What the referrals projection keeps of each case to fill the need-to-know part of its inbox rows. */
export const REFERRAL_CONTEXT_TABLE = readModelTable('rm_referral_context', ['case_id'], {
  case_id: col.uuid(),
  child_given_name: col.text(),
  child_age_years: nullable(col.int()),
  child_sex: nullable(col.text()),
  category: col.text(),
  risk_level: nullable(col.text()),
  area_code: col.text(),
  area_path: col.texts(),
  case_status: col.text(),
  status_before_close: nullable(col.text()),
  case_version: col.int(),
});

/** The agency inboxes: a referral with the need-to-know view of its case (never the reporter, notes or address). */
export const REFERRALS_TABLE = readModelTable('rm_referrals', ['referral_id'], {
  referral_id: col.uuid(),
  case_id: col.uuid(),
  to_agency: col.text(),
  unit_code: nullable(col.text()),
  status: col.text(),
  urgency: col.text(),
  reason: col.text(),
  issued_at: col.instant(),
  issued_by: col.text(),
  acknowledge_by: col.instant(),
  due_at: col.instant(),
  acknowledged_at: nullable(col.instant()),
  accepted_at: nullable(col.instant()),
  declined_at: nullable(col.instant()),
  decline_reason: nullable(col.text()),
  completed_at: nullable(col.instant()),
  outcome: nullable(col.text()),
  services_provided: nullable(col.texts()),
  overdue: col.texts(),
  area_code: col.text(),
  area_path: col.texts(),
  child_given_name: col.text(),
  child_age_years: nullable(col.int()),
  child_sex: nullable(col.text()),
  category: col.text(),
  risk_level: nullable(col.text()),
  case_status: col.text(),
  case_version: col.int(),
});

export type ReferralContextRow = ProjectedRow<typeof REFERRAL_CONTEXT_TABLE>;
export type ReferralRow = ProjectedRow<typeof REFERRALS_TABLE>;
/** A referral as the inbox queries read it. */
export type StoredReferralRow = StoredRow<typeof REFERRALS_TABLE>;
