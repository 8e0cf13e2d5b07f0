// Deadlines of Decree 56/2017/NĐ-CP (DESIGN.md section 3), in Vietnam time (UTC+7).
import {
  CATEGORIES,
  type DeadlinePolicy,
  INDICATOR_12_CATEGORIES,
  acknowledgeDeadline,
  addWorkingDays,
  ageInYears,
  defaultReferralDue,
  firstResponseDeadline,
  isWorkingDay,
  localDate,
  makeCalendar,
  planDeadline,
} from '@sen/case-domain';
import { testCalendar, testPolicy } from '@sen/testing';

/** Monday 2 March 2026, 09:00 in Vietnam. */
const MONDAY_MORNING = '2026-03-02T02:00:00.000Z';

describe('Deadlines', () => {
  describe('first response', () => {
    it.each([
      'sexual_abuse',
      'physical_violence',
      'emotional_abuse',
      'neglect',
      'exploitation',
      'trafficking',
      'disaster',
    ] as const)('is due 12 hours after the report for category %s', (category) => {
      expect(firstResponseDeadline(MONDAY_MORNING, category, testPolicy)).toBe('2026-03-02T14:00:00.000Z');
    });

    it.each(['child_labour', 'child_marriage', 'injury', 'other'] as const)(
      'is not due for category %s, which indicator 12 does not follow',
      (category) => {
        expect(firstResponseDeadline(MONDAY_MORNING, category, testPolicy)).toBeNull();
      },
    );

    it('covers every category one way or the other, the indicator 12 ones being exactly seven', () => {
      expect(INDICATOR_12_CATEGORIES).toHaveLength(7);
      expect(CATEGORIES.filter((c) => firstResponseDeadline(MONDAY_MORNING, c, testPolicy) !== null)).toEqual([
        'sexual_abuse',
        'physical_violence',
        'emotional_abuse',
        'neglect',
        'exploitation',
        'trafficking',
        'disaster',
      ]);
    });

    it('follows the hours and categories of the policy a province loads', () => {
      const policy: DeadlinePolicy = { ...testPolicy, firstResponse: { hours: 24, categories: ['sexual_abuse'] } };
      expect(firstResponseDeadline(MONDAY_MORNING, 'sexual_abuse', policy)).toBe('2026-03-03T02:00:00.000Z');
      expect(firstResponseDeadline(MONDAY_MORNING, 'physical_violence', policy)).toBeNull();
    });

    it('runs across midnight and the month end by the clock', () => {
      expect(firstResponseDeadline('2026-02-28T16:00:00.000Z', 'neglect', testPolicy)).toBe('2026-03-01T04:00:00.000Z');
    });
  });

  describe('support plan', () => {
    // End of a local day in Vietnam: 23:59:59.999 at UTC+7.
    const endOf = (date: string) => `${date}T16:59:59.999Z`;

    it('is due at the end of the 5th working day after the report day', () => {
      // Monday 2 March → Tue 3, Wed 4, Thu 5, Fri 6, Mon 9.
      expect(planDeadline(MONDAY_MORNING, testPolicy, testCalendar)).toBe(endOf('2026-03-09'));
    });

    it('counts from Friday a report at 23:30 on Friday in Vietnam (16:30Z)', () => {
      // Mon 9 … Fri 13.
      expect(planDeadline('2026-03-06T16:30:00.000Z', testPolicy, testCalendar)).toBe(endOf('2026-03-13'));
    });

    it('counts from Saturday a report at 00:30 on Saturday in Vietnam, still Friday in UTC', () => {
      // The weekend is not worked: Mon 9 … Fri 13.
      expect(planDeadline('2026-03-06T17:30:00.000Z', testPolicy, testCalendar)).toBe(endOf('2026-03-13'));
    });

    it('counts from Tuesday a report at 00:30 on Tuesday in Vietnam, still Monday in UTC', () => {
      // Wed 11, Thu 12, Fri 13, Mon 16, Tue 17 (counting from Monday would give Monday 16).
      expect(planDeadline('2026-03-09T17:30:00.000Z', testPolicy, testCalendar)).toBe(endOf('2026-03-17'));
    });

    it('counts from Monday a report at 23:30 on Monday in Vietnam', () => {
      expect(planDeadline('2026-03-09T16:30:00.000Z', testPolicy, testCalendar)).toBe(endOf('2026-03-16'));
    });

    it('counts from Sunday a report made on Sunday', () => {
      expect(planDeadline('2026-03-08T03:00:00.000Z', testPolicy, testCalendar)).toBe(endOf('2026-03-13'));
    });

    it('skips the Tết holiday of 2026', () => {
      // Thursday 12 February: Fri 13, then Tết (Mon 16 – Fri 20) and two weekends, Mon 23, Tue 24, Wed 25, Thu 26.
      expect(planDeadline('2026-02-12T03:00:00.000Z', testPolicy, testCalendar)).toBe(endOf('2026-02-26'));
    });

    it('counts from a report made during Tết as from the next working day', () => {
      // Wednesday 18 February: Mon 23 … Fri 27.
      expect(planDeadline('2026-02-18T03:00:00.000Z', testPolicy, testCalendar)).toBe(endOf('2026-02-27'));
    });

    it('skips the 30 April and 1 May holidays', () => {
      // Tuesday 28 April: Wed 29, (Thu 30, Fri 1, weekend), Mon 4, Tue 5, Wed 6, Thu 7.
      expect(planDeadline('2026-04-28T03:00:00.000Z', testPolicy, testCalendar)).toBe(endOf('2026-05-07'));
    });

    it('counts a make-up working Saturday', () => {
      // New Year 2026 with a bridge day on Friday 2 January, made up on Saturday 10 January.
      const newYear = { daysOff: ['2026-01-01', '2026-01-02'] };
      const withMakeUp = makeCalendar({ ...newYear, workingDays: ['2026-01-10'] });
      const without = makeCalendar(newYear);
      // Friday 9 January: Sat 10 (worked), Mon 12, Tue 13, Wed 14, Thu 15.
      expect(planDeadline('2026-01-09T03:00:00.000Z', testPolicy, withMakeUp)).toBe(endOf('2026-01-15'));
      expect(planDeadline('2026-01-09T03:00:00.000Z', testPolicy, without)).toBe(endOf('2026-01-16'));
    });

    it('skips the New Year bridge day', () => {
      // Wednesday 31 December 2025: (Thu 1, Fri 2 off, weekend) Mon 5 … Fri 9.
      const calendar = makeCalendar({ daysOff: ['2026-01-01', '2026-01-02'], workingDays: ['2026-01-10'] });
      expect(planDeadline('2025-12-31T03:00:00.000Z', testPolicy, calendar)).toBe(endOf('2026-01-09'));
    });

    it('follows the number of working days in the policy', () => {
      const policy = (workingDays: number): DeadlinePolicy => ({ ...testPolicy, plan: { workingDays } });
      expect(planDeadline('2026-03-06T03:00:00.000Z', policy(1), testCalendar)).toBe(endOf('2026-03-09'));
      expect(planDeadline('2026-03-06T03:00:00.000Z', policy(10), testCalendar)).toBe(endOf('2026-03-20'));
    });

    it('follows the weekend of the calendar', () => {
      // Only Sunday off: Friday 6 March → Sat 7, Mon 9, Tue 10, Wed 11, Thu 12.
      const sundayOnly = makeCalendar({ weekend: [0], daysOff: [] });
      expect(planDeadline('2026-03-06T03:00:00.000Z', testPolicy, sundayOnly)).toBe(endOf('2026-03-12'));
    });

    it('ends the day in the offset given', () => {
      expect(addWorkingDays('2026-03-02T10:00:00.000Z', 1, testCalendar, 0)).toBe('2026-03-03T23:59:59.999Z');
    });

    it('gives up on a calendar that has no working day', () => {
      const never = makeCalendar({ weekend: [0, 1, 2, 3, 4, 5, 6], daysOff: [] });
      expect(() => planDeadline(MONDAY_MORNING, testPolicy, never)).toThrow(/no working day/);
    });
  });

  describe('working days', () => {
    it.each([
      ['a Monday', '2026-03-02', true],
      ['a Friday', '2026-03-06', true],
      ['a Saturday', '2026-03-07', false],
      ['a Sunday', '2026-03-08', false],
      ['a Tết day off', '2026-02-17', false],
      ['Reunification Day', '2026-04-30', false],
    ])('%s (%s) is worked: %s', (_, date, working) => {
      expect(isWorkingDay(date, testCalendar)).toBe(working);
    });

    it('counts a make-up Saturday as worked', () => {
      expect(isWorkingDay('2026-01-10', makeCalendar({ daysOff: [], workingDays: ['2026-01-10'] }))).toBe(true);
    });

    it('reads the local date of an instant', () => {
      expect(localDate('2026-03-06T16:59:59.999Z', 420)).toBe('2026-03-06');
      expect(localDate('2026-03-06T17:00:00.000Z', 420)).toBe('2026-03-07');
    });
  });

  describe('referral', () => {
    it.each([
      ['emergency', '2026-03-02T04:00:00.000Z'],
      ['urgent', '2026-03-02T14:00:00.000Z'],
      ['routine', '2026-03-05T02:00:00.000Z'],
    ] as const)('gives a referral of urgency %s until %s to be acknowledged (2, 12, 72 hours)', (urgency, by) => {
      expect(acknowledgeDeadline(MONDAY_MORNING, urgency, testPolicy)).toBe(by);
    });

    it('is to be completed within 7 days by default', () => {
      expect(defaultReferralDue(MONDAY_MORNING, testPolicy)).toBe('2026-03-09T02:00:00.000Z');
      expect(defaultReferralDue('2026-02-25T10:00:00.000Z', testPolicy)).toBe('2026-03-04T10:00:00.000Z');
    });

    it('follows the hours and days of the policy', () => {
      const policy: DeadlinePolicy = {
        ...testPolicy,
        referralAcknowledgeHours: { emergency: 1, urgent: 6, routine: 24 },
        referralCompletionDefaultDays: 14,
      };
      expect(acknowledgeDeadline(MONDAY_MORNING, 'emergency', policy)).toBe('2026-03-02T03:00:00.000Z');
      expect(defaultReferralDue(MONDAY_MORNING, policy)).toBe('2026-03-16T02:00:00.000Z');
    });
  });

  describe('age', () => {
    it('is 16 from the first minute of the 16th birthday in Vietnam, while UTC is still on the day before', () => {
      expect(ageInYears('2010-03-02', '2026-03-01T17:00:00.000Z', 420)).toBe(16);
    });

    it('is 15 in the last minute before the birthday in Vietnam', () => {
      expect(ageInYears('2010-03-02', '2026-03-01T16:59:59.999Z', 420)).toBe(15);
    });

    it('follows the offset it is given', () => {
      expect(ageInYears('2010-03-02', '2026-03-01T17:00:00.000Z', 0)).toBe(15);
    });

    it('turns over at the new year in Vietnam', () => {
      expect(ageInYears('2010-01-01', '2025-12-31T17:00:00.000Z', 420)).toBe(16);
      expect(ageInYears('2010-01-01', '2025-12-31T16:59:00.000Z', 420)).toBe(15);
    });

    it.each([
      ['2010-03-03', 15, 'the birthday is tomorrow'],
      ['2010-03-01', 16, 'the birthday was yesterday'],
      ['2010-03-15', 15, 'the birthday is later this month'],
      ['2010-01-31', 16, 'the birthday was in an earlier month'],
      ['2010-12-31', 15, 'the birthday is in a later month'],
      ['2026-03-02', 0, 'born today'],
    ])('of a child born %s is %i on 2 March 2026 (%s)', (dateOfBirth, age) => {
      expect(ageInYears(dateOfBirth, MONDAY_MORNING, 420)).toBe(age);
    });

    it('of a child born on 29 February counts the birthday from 1 March in other years', () => {
      expect(ageInYears('2012-02-29', '2027-02-28T05:00:00.000Z', 420)).toBe(14);
      expect(ageInYears('2012-02-29', '2027-03-01T05:00:00.000Z', 420)).toBe(15);
      expect(ageInYears('2012-02-29', '2028-02-28T05:00:00.000Z', 420)).toBe(15);
      expect(ageInYears('2012-02-29', '2028-02-29T05:00:00.000Z', 420)).toBe(16);
    });

    it('is negative for a date of birth after the instant', () => {
      expect(ageInYears('2026-03-03', MONDAY_MORNING, 420)).toBe(-1);
    });
  });
});
