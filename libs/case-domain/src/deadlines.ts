// Statutory deadlines ("hỗ trợ kịp thời", timely support) of Decree 56/2017/NĐ-CP, computed from a policy
// that a province loads from seeds/. Pure: every instant comes in as an argument.

import type { Category, Urgency } from './case.types';

export interface DeadlinePolicy {
  /** Offset of local (Vietnam) time from UTC in minutes; Vietnam keeps UTC+7 all year. */
  utcOffsetMinutes: number;
  firstResponse: { hours: number; categories: readonly Category[] };
  plan: { workingDays: number };
  referralAcknowledgeHours: Record<Urgency, number>;
  referralCompletionDefaultDays: number;
}

/** Days off and make-up working days, as local dates `YYYY-MM-DD`. */
export interface WorkingCalendar {
  /** Local weekdays that are not worked, 0 = Sunday … 6 = Saturday. */
  weekend: readonly number[];
  daysOff: ReadonlySet<string>;
  /** Weekend days that are worked (to make up for a bridge day). */
  workingDays: ReadonlySet<string>;
}

export function makeCalendar(input: {
  weekend?: readonly number[];
  daysOff: readonly string[];
  workingDays?: readonly string[];
}): WorkingCalendar {
  return {
    weekend: input.weekend ?? [0, 6],
    daysOff: new Set(input.daysOff),
    workingDays: new Set(input.workingDays ?? []),
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function addHours(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * HOUR).toISOString();
}

export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * DAY).toISOString();
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(instant) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workingDays.has(date)) return true;
  if (calendar.daysOff.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return !calendar.weekend.includes(weekday);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/**
 * End of the n-th working day after the local day of `instant` (the report day itself is not counted, as
 * time limits in Vietnamese administrative law run from the day after the event). The deadline is the last
 * millisecond of that local day, expressed in UTC.
 */
export function addWorkingDays(
  instant: string,
  workingDays: number,
  calendar: WorkingCalendar,
  utcOffsetMinutes: number,
): string {
  let date = localDate(instant, utcOffsetMinutes);
  let counted = 0;
  // A bounded loop: even a month of holidays cannot make 5 working days last a year.
  for (let guard = 0; counted < workingDays; guard++) {
    if (guard > 366) throw new Error('working calendar has no working day within a year');
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) counted++;
  }
  const endOfLocalDay = Date.parse(`${date}T00:00:00Z`) + DAY - 1 - utcOffsetMinutes * 60_000;
  return new Date(endOfLocalDay).toISOString();
}

export function firstResponseDeadline(reportedAt: string, category: Category, policy: DeadlinePolicy): string | null {
  if (!policy.firstResponse.categories.includes(category)) return null;
  return addHours(reportedAt, policy.firstResponse.hours);
}

export function planDeadline(reportedAt: string, policy: DeadlinePolicy, calendar: WorkingCalendar): string {
  return addWorkingDays(reportedAt, policy.plan.workingDays, calendar, policy.utcOffsetMinutes);
}

export function acknowledgeDeadline(issuedAt: string, urgency: Urgency, policy: DeadlinePolicy): string {
  return addHours(issuedAt, policy.referralAcknowledgeHours[urgency]);
}

export function defaultReferralDue(issuedAt: string, policy: DeadlinePolicy): string {
  return addDays(issuedAt, policy.referralCompletionDefaultDays);
}

/** Whole years between a date of birth and an instant, in local time. */
export function ageInYears(dateOfBirth: string, at: string, utcOffsetMinutes: number): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = localDate(at, utcOffsetMinutes).split('-').map(Number) as [number, number, number];
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age--;
  return age;
}
