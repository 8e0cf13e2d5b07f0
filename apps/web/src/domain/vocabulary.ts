// The case vocabulary comes from the domain itself, through its entry point (@sen/case-domain: an alias in
// tsconfig.json and vite.config.ts), so that the web app's lists of categories, sources, agencies… can never drift
// from what the API accepts. This file is the web app's one door to the domain (eslint.config.mjs holds it so).
export {
  AGENCIES,
  CATEGORIES,
  CHILD_AGE_LIMIT_YEARS,
  CHILD_MARRIAGE_OUTCOMES,
  CLOSURE_REASONS,
  CONSENT_GIVERS,
  LEVELS,
  MEASURES,
  RISK_LEVELS,
  SERVICES,
  SEXES,
  SOURCES,
  URGENCIES,
  VERIFICATIONS,
} from '@sen/case-domain';
export type {
  Agency,
  Category,
  ChildMarriageOutcome,
  ClosureReason,
  ConsentGiver,
  EmergencyMeasure,
  Level,
  ReportSource,
  RiskLevel,
  ServiceKind,
  Sex,
  Urgency,
  Verification,
} from '@sen/case-domain';

export const CASE_STATUSES = ['open', 'assessed', 'in_support', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const REFERRAL_STATUSES = ['issued', 'acknowledged', 'accepted', 'declined', 'completed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const USER_ROLES = ['social_worker', 'supervisor', 'agency_officer', 'analyst', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const DEADLINE_STATUSES = ['met', 'missed', 'pending', 'overdue', 'not_applicable'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** Vietnam has had no daylight saving time since 1975: Đồng Tháp is always UTC+7. */
export const VIETNAM_OFFSET = '+07:00';
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

// The same age rule as the decider: age at the report, in Vietnam's calendar.
export { ageInYears } from '@sen/case-domain';
