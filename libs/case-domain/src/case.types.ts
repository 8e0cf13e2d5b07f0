// Vocabulary of a child protection case (DESIGN.md section 2). Plain data, no behaviour.

export const CATEGORIES = [
  'sexual_abuse',
  'physical_violence',
  'emotional_abuse',
  'neglect',
  'exploitation',
  'child_labour',
  'trafficking',
  'disaster', // thiên tai, thảm họa
  'child_marriage', // tảo hôn
  'injury',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** "Abuse" (xâm hại) as indicator 9 counts it. */
export const ABUSE_CATEGORIES: readonly Category[] = [
  'sexual_abuse',
  'physical_violence',
  'emotional_abuse',
  'neglect',
  'exploitation',
  'trafficking',
];

/** Categories whose children indicator 12 ("timely support") follows. */
export const INDICATOR_12_CATEGORIES: readonly Category[] = [...ABUSE_CATEGORIES, 'disaster'];

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const VERIFICATIONS = ['confirmed', 'unfounded', 'inconclusive'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export const SOURCES = [
  'hotline_111',
  'walk_in',
  'police',
  'school',
  'health_facility',
  'community',
  'family',
  'other',
] as const;
export type ReportSource = (typeof SOURCES)[number];

export const MEASURES = [
  'removal_from_danger',
  'temporary_shelter',
  'medical_emergency',
  'police_protection',
  'other',
] as const;
export type EmergencyMeasure = (typeof MEASURES)[number];

export const SERVICES = [
  'rescue',
  'medical',
  'psychological',
  'legal',
  'shelter',
  'education',
  'financial',
  'family_reunification',
  'other',
] as const;
export type ServiceKind = (typeof SERVICES)[number];

/** `social_affairs` names whichever service holds the child protection role (LĐTBXH, or health since 2025). */
export const AGENCIES = ['police', 'health', 'education', 'social_affairs', 'justice', 'culture'] as const;
export type Agency = (typeof AGENCIES)[number];

export const URGENCIES = ['emergency', 'urgent', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Levels of responsibility, lowest first. The district level exists only before 1 July 2025. */
export const LEVELS = ['commune', 'district', 'province'] as const;
export type Level = (typeof LEVELS)[number];

export const CONSENT_GIVERS = ['child', 'parent', 'guardian'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const CLOSURE_REASONS = [
  'child_safe',
  'transferred',
  'moved_away',
  'aged_out',
  'deceased',
  'duplicate',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CHILD_MARRIAGE_OUTCOMES = ['prevented', 'occurred'] as const;
export type ChildMarriageOutcome = (typeof CHILD_MARRIAGE_OUTCOMES)[number];

export const ROLES = ['social_worker', 'supervisor', 'agency_officer', 'analyst', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const DEADLINE_KINDS = ['acknowledge', 'complete'] as const;
export type ReferralDeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Law on Children 2016, art. 1: a child is a person under 16. */
export const CHILD_AGE_LIMIT_YEARS = 16;
