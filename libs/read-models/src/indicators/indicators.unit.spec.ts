import type { CaseEvent } from '@sen/case-domain';
import { AreaDirectory, type IndicatorTarget } from '@sen/reference';
import type { ProjectionEvent } from '../projection';
import { applicableTarget, meetsTarget, milestoneOf, round6 } from './indicator-targets';
import { type IndicatorCaseRow, evolveIndicatorCase, localYearMonth } from './indicators.projection';

const areas = AreaDirectory.fromAreas([
  {
    code: '82',
    name: 'Tỉnh Đồng Tháp',
    level: 'province',
    kind: 'province',
    parentCode: null,
    treeId: 'new',
    validFrom: '2025-07-01',
    validTo: null,
    ancestors: ['82'],
  },
  {
    code: '29926',
    name: 'Xã Tân Hồng',
    level: 'commune',
    kind: 'commune',
    parentCode: '82',
    treeId: 'new',
    validFrom: '2025-07-01',
    validTo: null,
    ancestors: ['82', '29926'],
  },
  {
    code: '29938',
    name: 'Xã Tân Thành',
    level: 'commune',
    kind: 'commune',
    parentCode: '82',
    treeId: 'new',
    validFrom: '2025-07-01',
    validTo: null,
    ancestors: ['82', '29938'],
  },
]);
const ctx = { areas };
const meta = (occurredAt: string) => ({
  actorId: 'w1',
  actorRole: 'social_worker' as const,
  correlationId: 'c',
  causationId: 'c',
  occurredAt,
});
let n = 0;
const pe = (event: CaseEvent): ProjectionEvent => ({
  event,
  caseId: 'case-1',
  version: ++n,
  position: n,
  recordedAt: event.metadata.occurredAt,
  checkpoint: { commit: 1, prepare: n },
});
const opened = (reportedAt: string, category: 'neglect' | 'child_labour' = 'neglect'): CaseEvent => ({
  type: 'CaseOpened',
  data: {
    caseId: 'case-1',
    childId: 'child-1',
    child: { fullName: 'Nguyễn Thị Đào', sex: 'female', ageYears: 9 },
    category,
    summary: 'Bỏ đói',
    location: { areaCode: '29926' },
    reportedAt,
    source: 'hotline_111',
    level: 'commune',
    deadlines: {
      firstResponseBy: category === 'neglect' ? new Date(Date.parse(reportedAt) + 12 * 3_600_000).toISOString() : null,
      planBy: '2027-01-08T16:59:59.999Z',
    },
  },
  metadata: meta(reportedAt),
});

describe('Indicator case row', () => {
  it('dates a report by the Vietnam calendar: 23:30 on 31 December local is that year', () => {
    expect(localYearMonth('2026-12-31T16:30:00.000Z')).toEqual({ year: 2026, month: 12 });
    expect(localYearMonth('2026-12-31T17:00:00.000Z')).toEqual({ year: 2027, month: 1 });
    const row = evolveIndicatorCase(undefined, pe(opened('2026-12-31T16:30:00.000Z')), ctx)!;
    expect([row.reported_year, row.reported_month, row.abuse, row.timely_followed]).toEqual([2026, 12, true, true]);
  });

  it('keeps no personal data', () => {
    const row = evolveIndicatorCase(undefined, pe(opened('2026-03-01T01:00:00.000Z')), ctx)!;
    expect(JSON.stringify(row)).not.toMatch(/Đào|Bỏ đói/);
  });

  it('follows the latest verification, the earliest response, transfers and the latest marriage outcome', () => {
    let row: IndicatorCaseRow = evolveIndicatorCase(undefined, pe(opened('2026-03-01T01:00:00.000Z')), ctx)!;
    const assess = (verification: 'confirmed' | 'unfounded'): CaseEvent => ({
      type: 'RiskAssessed',
      data: {
        caseId: 'case-1',
        level: 'low',
        verification,
        factors: [],
        notes: '',
        assessedAt: '2026-03-01T02:00:00.000Z',
      },
      metadata: meta('2026-03-01T02:00:00.000Z'),
    });
    row = evolveIndicatorCase(row, pe(assess('confirmed')), ctx)!;
    row = evolveIndicatorCase(row, pe(assess('unfounded')), ctx)!;
    expect(row.verification).toBe('unfounded');
    const support = (at: string, agency: 'police' | 'health'): CaseEvent => ({
      type: 'SupportProvided',
      data: { caseId: 'case-1', service: 'medical', agency, providedAt: at, notes: '' },
      metadata: meta('2026-03-02T00:00:00.000Z'),
    });
    row = evolveIndicatorCase(row, pe(support('2026-03-01T10:00:00.000Z', 'police')), ctx)!;
    row = evolveIndicatorCase(row, pe(support('2026-03-01T05:00:00.000Z', 'health')), ctx)!; // recorded later, given earlier
    expect([row.first_response_at, row.first_response_by]).toEqual(['2026-03-01T05:00:00.000Z', 'health']);
    row = evolveIndicatorCase(
      row,
      pe({
        type: 'CaseTransferred',
        data: { caseId: 'case-1', fromAreaCode: '29926', toAreaCode: '29938', reason: 'chuyển nhà' },
        metadata: meta('2026-04-01T00:00:00.000Z'),
      }),
      ctx,
    )!;
    expect([row.area_code, row.area_path]).toEqual(['29938', ['29938', '82']]);
    const outcome = (o: 'occurred' | 'prevented', at: string): CaseEvent => ({
      type: 'ChildMarriageOutcomeRecorded',
      data: { caseId: 'case-1', outcome: o, at },
      metadata: meta(at),
    });
    row = evolveIndicatorCase(row, pe(outcome('prevented', '2026-05-01T00:00:00.000Z')), ctx)!;
    row = evolveIndicatorCase(row, pe(outcome('occurred', '2026-12-31T17:30:00.000Z')), ctx)!; // 00:30 on 1 January 2027 local
    expect([row.marriage_outcome, row.marriage_year]).toEqual(['occurred', 2027]);
  });

  it('does not follow categories outside indicators 9 and 12', () => {
    const row = evolveIndicatorCase(undefined, pe(opened('2026-03-01T01:00:00.000Z', 'child_labour')), ctx)!;
    expect([row.abuse, row.timely_followed, row.first_response_due]).toEqual([false, false, null]);
  });
});

describe('Targets', () => {
  const target = (over: Partial<IndicatorTarget>): IndicatorTarget => ({
    key: 'k',
    indicatorNumber: 4,
    labelVi: '',
    labelEn: '',
    unit: 'percent',
    direction: 'at_most',
    directionByYear: {},
    target2025: 17,
    target2025Max: null,
    target2030: 15,
    target2030Max: null,
    note: null,
    ...over,
  });

  it('judges 2021–2025 against the 2025 target and 2026–2030 against the 2030 one', () => {
    expect([milestoneOf(2021), milestoneOf(2025), milestoneOf(2026), milestoneOf(2030)]).toEqual([
      2025, 2025, 2030, 2030,
    ]);
    expect(applicableTarget(target({}), 2024)?.value).toBe(17);
    expect(applicableTarget(target({}), 2027)?.value).toBe(15);
    expect(applicableTarget(target({ target2030: null }), 2027)).toBeNull();
  });

  it('applies a direction by year (4b: "xuống 17%" in 2025, "dưới 15%" in 2030)', () => {
    const t = target({ directionByYear: { '2025': 'at_most', '2030': 'below' } });
    expect(meetsTarget(17, applicableTarget(t, 2025))).toBe(true);
    expect(meetsTarget(15, applicableTarget(t, 2030))).toBe(false);
    expect(meetsTarget(14.9, applicableTarget(t, 2030))).toBe(true);
  });

  it('compares each direction, and a reduction with the lower end of its range', () => {
    const at = (direction: IndicatorTarget['direction']) =>
      applicableTarget(
        target({ direction, target2030: 10, target2030Max: direction === 'reduce_by' ? 12 : null }),
        2030,
      );
    expect([
      meetsTarget(10, at('at_most')),
      meetsTarget(10, at('below')),
      meetsTarget(10, at('at_least')),
      meetsTarget(10, at('above')),
    ]).toEqual([true, false, true, false]);
    expect([meetsTarget(9.99, at('reduce_by')), meetsTarget(10, at('reduce_by'))]).toEqual([false, true]);
    expect(meetsTarget(null, at('at_most'))).toBeNull();
  });

  it('rounds to six decimals and keeps "no data" as null', () => {
    expect(round6((2 / 3630) * 100)).toBe(0.055096);
    expect(round6(Number.NaN)).toBeNull();
    expect(round6(null)).toBeNull();
  });
});
