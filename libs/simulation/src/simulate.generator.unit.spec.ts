import { ABUSE_CATEGORIES, type Category } from '@sen/case-domain';
import { loadCalendar, loadDeadlinePolicy } from '@sen/reference';
import { decideScript, eventIdsOf } from './simulate.bulk';
import { type SimArea, type SimOptions, childCases, generateProvince } from './simulate.generator';

const areas: SimArea[] = Array.from({ length: 20 }, (_, i) => ({
  code: `82${String(i).padStart(3, '0')}`,
  nextLevel: 'province',
}));
const context = { policy: loadDeadlinePolicy(), calendar: loadCalendar() };
const options = (o: Partial<SimOptions> = {}): SimOptions => ({
  seed: 7,
  children: 2000,
  days: 365,
  start: '2026-01-01T00:00:00+07:00',
  areas,
  context,
  ...o,
});

describe('simulate: the generated province', () => {
  const year = [...generateProvince(options())];

  it('is the same for the same seed, and different for another', () => {
    const again = [...generateProvince(options({ children: 300 }))];
    const first = year.filter((_, i) => i < again.length);
    expect(JSON.stringify(again.slice(0, 50))).toBe(
      JSON.stringify([...generateProvince(options({ children: 300 }))].slice(0, 50)),
    );
    expect(again[0]).toEqual(first[0]);
    expect(childCases(options({ seed: 8 }), 0)[0]!.caseId).not.toBe(year[0]!.caseId);
  });

  it('gives each child its own cases regardless of how many children are generated', () => {
    expect(childCases(options({ children: 10 }), 5)).toEqual(childCases(options({ children: 5000 }), 5));
  });

  it('draws ids that do not collide (300,000 streams)', () => {
    const caseIds = new Set(year.map((c) => c.caseId));
    expect(caseIds.size).toBe(year.length);
    const ids = new Set<string>();
    // 300,000 streams: with 32 bits of state, about 10 would start alike (n^2 / 2^33).
    let drawn = 0;
    for (let i = 0; i < 300_000; i++) {
      ids.add(eventIdsOf(7, `case-${i}`, 1)[0]!);
      drawn++;
    }
    expect(ids.size).toBe(drawn);
  });

  it('keeps every command inside the period, in time order within a case', () => {
    const start = Date.parse('2026-01-01T00:00:00+07:00');
    const end = start + 365 * 86_400_000;
    const problems: string[] = [];
    for (const c of year) {
      if (Date.parse(c.reportedAt) < start) problems.push(`${c.caseId}: reported before the start`);
      if (c.steps[0]!.command.type !== 'OpenCase') problems.push(`${c.caseId}: does not start with OpenCase`);
      c.steps.forEach((s, i) => {
        if (s.at > end) problems.push(`${c.caseId}: step ${i} after the end`);
        if (i > 0 && s.at < c.steps[i - 1]!.at) problems.push(`${c.caseId}: step ${i} out of order`);
        if (s.command.metadata.occurredAt !== new Date(s.at).toISOString())
          problems.push(`${c.caseId}: step ${i} occurredAt`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('has realistic proportions: neglect and violence common, trafficking rare, some children reported again', () => {
    const share = (cats: readonly Category[]) => year.filter((c) => cats.includes(c.category)).length / year.length;
    expect(share(['neglect'])).toBeGreaterThan(0.15);
    expect(share(['neglect'])).toBeLessThan(0.28);
    expect(share(['physical_violence'])).toBeGreaterThan(0.13);
    expect(share(['trafficking'])).toBeLessThan(0.025);
    expect(share(['trafficking'])).toBeGreaterThan(0);
    expect(share(['child_marriage'])).toBeGreaterThan(0.02);
    expect(share(ABUSE_CATEGORIES)).toBeGreaterThan(0.55);
    const repeats = year.filter((c) => c.repeat).length / year.length;
    expect(repeats).toBeGreaterThan(0.05);
    expect(repeats).toBeLessThan(0.2);
  });

  it('raises disasters in the flood season (September to November)', () => {
    const month = (c: { reportedAt: string }) => new Date(Date.parse(c.reportedAt) + 7 * 3_600_000).getUTCMonth() + 1;
    const disasterShare = (inFlood: boolean) => {
      const xs = year.filter((c) => [9, 10, 11].includes(month(c)) === inFlood);
      return xs.filter((c) => c.category === 'disaster').length / xs.length;
    };
    expect(disasterShare(true)).toBeGreaterThan(2 * disasterShare(false));
    const incidents = year
      .filter((c) => c.category === 'disaster')
      .map((c) => (c.steps[0]!.command.data as { incidentId?: string }).incidentId);
    expect(incidents.every((i) => typeof i === 'string')).toBe(true);
  });

  it('reports mostly in office hours, some at night', () => {
    const hour = (c: { reportedAt: string }) => new Date(Date.parse(c.reportedAt) + 7 * 3_600_000).getUTCHours();
    const office = year.filter((c) => hour(c) >= 7 && hour(c) < 18).length / year.length;
    expect(office).toBeGreaterThan(0.6);
    expect(office).toBeLessThan(0.95);
  });

  it('is valid: every case decides without a refusal, with referrals, late agencies, closures and reopenings', () => {
    const types = new Map<string, number>();
    let events = 0;
    for (const c of year) {
      for (const e of decideScript(c, context)) {
        types.set(e.type, (types.get(e.type) ?? 0) + 1);
        events++;
      }
    }
    for (const t of [
      'ReferralIssued',
      'ReferralAcknowledged',
      'ReferralCompleted',
      'ReferralDeclined',
      'ReferralOverdue',
      'CaseClosed',
      'CaseReopened',
      'EmergencyMeasureApplied',
      'SupportPlanApproved',
      'SupportPlanRejected',
      'ChildMarriageOutcomeRecorded',
      'CaseEscalated',
    ]) {
      expect([t, types.get(t) ?? 0]).toEqual([t, expect.any(Number)]);
      expect(types.get(t) ?? 0).toBeGreaterThan(0);
    }
    // About ten events a case, so that a million cases make about ten million events.
    expect(events / year.length).toBeGreaterThan(7);
    expect(events / year.length).toBeLessThan(14);
  });
});
