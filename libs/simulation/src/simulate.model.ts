// The shape of a simulated province: how often each thing happens. Figures are plausible orders of magnitude for
// a Mekong delta province (reports by category, flood season, agencies' answers), not official statistics.
import type { Agency, Category, ReportSource, RiskLevel, Sex } from '@sen/case-domain';

/** Reports by category outside the flood season. Neglect and violence dominate; trafficking is rare. */
export const CATEGORY_WEIGHTS: Record<Category, number> = {
  neglect: 22,
  physical_violence: 20,
  sexual_abuse: 14,
  emotional_abuse: 10,
  injury: 8, // drowning and road accidents
  child_labour: 7,
  other: 6,
  child_marriage: 5, // tảo hôn
  exploitation: 4,
  disaster: 3,
  trafficking: 1,
};

/** In the flood season (mùa nước nổi, September to November) disasters and drownings rise. */
export const FLOOD_SEASON_WEIGHTS: Record<Category, number> = { ...CATEGORY_WEIGHTS, disaster: 18, injury: 11 };
export const FLOOD_MONTHS: readonly number[] = [9, 10, 11];

/** Hour of the day (local) a report comes in: office hours mostly, the 111 hotline and the police at night too. */
export const REPORT_HOUR_WEIGHTS: readonly number[] = [
  1, 0.6, 0.4, 0.3, 0.4, 1, 2, 5, 9, 10, 9, 8, 5, 6, 9, 9, 8, 6, 4, 4, 3.5, 3, 2, 1.5,
];

export const SOURCE_WEIGHTS: Record<Category, Partial<Record<ReportSource, number>>> = {
  sexual_abuse: { hotline_111: 25, police: 20, health_facility: 20, family: 20, school: 10, community: 5 },
  physical_violence: { hotline_111: 20, community: 25, school: 20, police: 15, family: 10, health_facility: 10 },
  emotional_abuse: { school: 35, hotline_111: 25, family: 20, community: 20 },
  neglect: { community: 40, school: 25, hotline_111: 15, walk_in: 10, family: 10 },
  exploitation: { police: 40, community: 30, hotline_111: 30 },
  child_labour: { community: 45, school: 25, police: 15, hotline_111: 15 },
  trafficking: { police: 70, hotline_111: 20, family: 10 },
  disaster: { community: 60, police: 20, school: 10, other: 10 },
  child_marriage: { community: 40, school: 30, health_facility: 15, family: 15 },
  injury: { health_facility: 60, community: 25, family: 15 },
  other: { walk_in: 30, community: 30, hotline_111: 20, other: 20 },
};

export function sexWeights(category: Category): Partial<Record<Sex, number>> {
  if (category === 'sexual_abuse') return { female: 85, male: 15 };
  if (category === 'child_marriage') return { female: 92, male: 8 };
  if (category === 'child_labour' || category === 'injury') return { male: 60, female: 40 };
  return { female: 50, male: 49, unknown: 1 };
}

/** Youngest and oldest age (years) at report. */
export function ageRange(category: Category): [number, number] {
  if (category === 'child_marriage') return [13, 15];
  if (category === 'child_labour' || category === 'exploitation' || category === 'trafficking') return [9, 15];
  if (category === 'neglect') return [0, 12];
  return [0, 15];
}

export function riskWeights(category: Category): Partial<Record<RiskLevel, number>> {
  if (category === 'trafficking') return { high: 50, critical: 40, medium: 10 };
  if (category === 'sexual_abuse') return { high: 45, critical: 20, medium: 30, low: 5 };
  if (category === 'disaster') return { medium: 40, high: 30, critical: 10, low: 20 };
  if (category === 'other' || category === 'child_marriage') return { low: 40, medium: 45, high: 15 };
  return { low: 30, medium: 40, high: 22, critical: 8 };
}

/** Agencies a case of a category is referred to. `social_affairs` is whichever service holds the role. */
export const REFERRAL_AGENCIES: Record<Category, Partial<Record<Agency, number>>> = {
  sexual_abuse: { police: 40, health: 40, social_affairs: 20 },
  physical_violence: { police: 35, health: 35, social_affairs: 20, education: 10 },
  emotional_abuse: { education: 40, social_affairs: 40, health: 20 },
  neglect: { social_affairs: 50, education: 30, health: 20 },
  exploitation: { police: 50, social_affairs: 50 },
  child_labour: { social_affairs: 50, education: 40, police: 10 },
  trafficking: { police: 60, social_affairs: 30, health: 10 },
  disaster: { social_affairs: 60, health: 30, education: 10 },
  child_marriage: { social_affairs: 40, education: 30, health: 20, police: 10 },
  injury: { health: 80, social_affairs: 20 },
  other: { social_affairs: 70, education: 30 },
};

/** How agencies answer: the share that acknowledge late (past the deadline), and the share that decline. */
export const AGENCY_BEHAVIOUR: Record<Agency, { late: number; decline: number; silent: number }> = {
  police: { late: 0.15, decline: 0.05, silent: 0.02 },
  health: { late: 0.12, decline: 0.04, silent: 0.01 },
  education: { late: 0.3, decline: 0.08, silent: 0.04 },
  social_affairs: { late: 0.2, decline: 0.03, silent: 0.02 },
  justice: { late: 0.25, decline: 0.1, silent: 0.03 },
  culture: { late: 0.3, decline: 0.1, silent: 0.05 },
};

/** Children who are reported again (a new case) some weeks or months after the first. */
export const REPEAT_VICTIM_SHARE = 0.12;
/** Closed cases that are reopened. */
export const REOPEN_SHARE = 0.05;
/** First responses (emergency measure or support) within the 12 hours of Decree 56 art. 26(3). */
export const TIMELY_FIRST_RESPONSE = 0.82;

export const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Phan',
  'Trương',
  'Bùi',
  'Đặng',
  'Đỗ',
  'Ngô',
  'Dương',
  'Lý',
];
export const MIDDLE_NAMES: Record<'female' | 'male', readonly string[]> = {
  female: ['Thị', 'Ngọc', 'Thị Kim', 'Thị Mỹ', 'Thanh'],
  male: ['Văn', 'Minh', 'Hữu', 'Quốc', 'Thanh'],
};
export const GIVEN_NAMES: Record<'female' | 'male', readonly string[]> = {
  female: ['Lan', 'Hoa', 'Mai', 'Thu', 'Ngân', 'Trang', 'Hương', 'Vy', 'Nhi', 'Thảo', 'Yến', 'Linh'],
  male: ['Bình', 'Đức', 'Tùng', 'Nam', 'Khang', 'Phúc', 'Huy', 'Tài', 'Long', 'Hậu', 'Tâm', 'Bảo'],
};
