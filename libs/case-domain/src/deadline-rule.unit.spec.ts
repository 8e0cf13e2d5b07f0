import { deadlineOutcome, doneInTime, pastDue } from './deadline-rule';

const DUE = '2026-03-10T05:00:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(DUE) + offsetMs).toISOString();

describe('the deadline rule', () => {
  it('is met when done exactly at the deadline and missed when done 1 ms after it', () => {
    expect(deadlineOutcome(DUE, at(0), at(10_000))).toBe('met');
    expect(deadlineOutcome(DUE, at(-1), at(-1))).toBe('met');
    expect(deadlineOutcome(DUE, at(1), at(1))).toBe('missed');
  });

  it('leaves a deadline not done pending up to and at its instant, overdue 1 ms after', () => {
    expect(deadlineOutcome(DUE, null, at(-3_600_000))).toBe('pending');
    expect(deadlineOutcome(DUE, null, at(0))).toBe('pending');
    expect(deadlineOutcome(DUE, null, at(1))).toBe('overdue');
  });

  it('judges a done deadline by when it was done, whatever the clock says now', () => {
    expect(deadlineOutcome(DUE, at(5), at(-60_000))).toBe('missed');
    expect(deadlineOutcome(DUE, at(-5), at(86_400_000))).toBe('met');
  });

  it('reads ISO strings with offsets, Dates and epoch milliseconds alike', () => {
    expect(doneInTime(DUE, '2026-03-10T12:00:00.000+07:00')).toBe(true);
    expect(doneInTime(new Date(DUE), Date.parse(DUE) + 1)).toBe(false);
    expect(pastDue(Date.parse(DUE), new Date(Date.parse(DUE) + 1))).toBe(true);
    expect(pastDue(DUE, '2026-03-10T12:00:00.000+07:00')).toBe(false);
  });
});
