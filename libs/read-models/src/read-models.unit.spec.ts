import type { CaseEvent } from '@sen/case-domain';
import { AreaDirectory } from '@sen/reference';
import { evolveCaseRow } from './cases/cases.projection';
import { type DeadlineRow, evolveDeadlines } from './deadlines/deadlines.projection';
import { foldText, givenName, type ProjectionEvent } from './projection';

const areas = AreaDirectory.fromAreas(
  [
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
      code: '87',
      name: 'Tỉnh Đồng Tháp (cũ)',
      level: 'province',
      kind: 'province',
      parentCode: null,
      treeId: 'old',
      validFrom: '2021-01-01',
      validTo: '2025-06-30',
      ancestors: ['87'],
    },
    {
      code: '30001-2021',
      name: 'Xã cũ',
      level: 'commune',
      kind: 'commune',
      parentCode: '87',
      treeId: 'old',
      validFrom: '2021-01-01',
      validTo: '2025-06-30',
      ancestors: ['87', '30001-2021'],
    },
  ],
  [{ from: '30001-2021', to: '29926' }],
);
const ctx = { areas };
const meta = (occurredAt: string) => ({
  actorId: 'w1',
  actorRole: 'social_worker' as const,
  correlationId: 'c',
  causationId: 'c',
  occurredAt,
  childId: 'child-1',
});
let version = 0;
const pe = (event: CaseEvent): ProjectionEvent => ({
  event,
  caseId: 'case-1',
  version: ++version,
  position: version,
  recordedAt: event.metadata.occurredAt,
  checkpoint: { commit: 1, prepare: version },
});

const opened: CaseEvent = {
  type: 'CaseOpened',
  data: {
    caseId: 'case-1',
    childId: 'child-1',
    child: { fullName: 'Nguyễn Thị Đào', sex: 'female', ageYears: 9 },
    category: 'neglect',
    summary: 'Bỏ đói',
    location: { areaCode: '30001-2021' },
    reportedAt: '2026-11-20T00:00:00.000Z',
    source: 'hotline_111',
    level: 'commune',
    deadlines: { firstResponseBy: '2026-11-20T12:00:00.000Z', planBy: '2026-11-27T16:59:59.999Z' },
  },
  metadata: meta('2026-11-20T00:10:00.000Z'),
};

describe('Read model helpers', () => {
  it('folds Vietnamese diacritics and đ for search', () => {
    expect(foldText('  Nguyễn  Thị ĐÀO ')).toBe('nguyen thi dao');
    expect(foldText('Huỳnh Văn Tùng')).toBe('huynh van tung');
  });
  it('takes the given name as the last word of a Vietnamese full name', () => {
    expect(givenName('Nguyễn Thị Lan')).toBe('Lan');
    expect(givenName('Lan')).toBe('Lan');
  });
  it("puts a pre-2025 commune's case under today's commune and province too", () => {
    expect(areas.scopePath('30001-2021')).toEqual(['29926', '30001-2021', '82', '87']);
  });
});

describe('Case list row', () => {
  it('is searchable without diacritics and tracks the earliest unmet deadline', () => {
    let row = evolveCaseRow(undefined, pe(opened), ctx)!;
    expect(row.search_text).toBe('nguyen thi dao bo doi');
    expect(row.next_due_at).toBe('2026-11-20T12:00:00.000Z');
    row = evolveCaseRow(
      row,
      pe({
        type: 'EmergencyMeasureApplied',
        data: { caseId: 'case-1', measure: 'temporary_shelter', appliedAt: '2026-11-20T03:00:00.000Z', notes: '' },
        metadata: meta('2026-11-20T03:00:00.000Z'),
      }),
      ctx,
    )!;
    expect(row.first_response_at).toBe('2026-11-20T03:00:00.000Z');
    expect(row.next_due_at).toBe('2026-11-27T16:59:59.999Z');
    row = evolveCaseRow(
      row,
      pe({
        type: 'CaseClosed',
        data: { caseId: 'case-1', reason: 'child_safe', notes: '' },
        metadata: meta('2026-11-21T00:00:00.000Z'),
      }),
      ctx,
    )!;
    expect(row).toMatchObject({ status: 'closed', status_before_close: 'open', next_due_at: null });
    row = evolveCaseRow(
      row,
      pe({ type: 'CaseReopened', data: { caseId: 'case-1', reason: 'x' }, metadata: meta('2026-11-22T00:00:00.000Z') }),
      ctx,
    )!;
    expect(row).toMatchObject({ status: 'open', next_due_at: '2026-11-27T16:59:59.999Z' });
    row = evolveCaseRow(
      row,
      pe({
        type: 'PersonalDataErased',
        data: { caseId: 'case-1', childId: 'child-1', reason: 'x' },
        metadata: meta('2026-11-23T00:00:00.000Z'),
      }),
      ctx,
    )!;
    expect(row).toMatchObject({ child_name: '[erased]', search_text: '', personal_data_erased: true });
  });
});

describe('Deadlines', () => {
  const statuses = (rows: DeadlineRow[]) =>
    Object.fromEntries(rows.map((r) => [`${r.kind}${r.ref_id ? `:${r.ref_id}` : ''}`, r.status]));
  it('counts a response one minute late as missed, and cancels what a closure leaves undone', () => {
    let rows = evolveDeadlines([], pe(opened), ctx);
    expect(statuses(rows)).toEqual({ first_response: 'open', plan: 'open' });
    rows = evolveDeadlines(
      rows,
      pe({
        type: 'SupportProvided',
        data: {
          caseId: 'case-1',
          service: 'rescue',
          agency: 'police',
          providedAt: '2026-11-20T12:01:00.000Z',
          notes: '',
        },
        metadata: meta('2026-11-20T12:05:00.000Z'),
      }),
      ctx,
    );
    expect(statuses(rows)).toEqual({ first_response: 'missed', plan: 'open' });
    expect(rows.find((r) => r.kind === 'first_response')?.agency).toBe('police');
    rows = evolveDeadlines(
      rows,
      pe({
        type: 'ReferralIssued',
        data: {
          caseId: 'case-1',
          referralId: 'r1',
          toAgency: 'health',
          reason: 'x',
          urgency: 'urgent',
          acknowledgeBy: '2026-11-21T00:00:00.000Z',
          dueAt: '2026-11-27T00:00:00.000Z',
          areaCode: '30001-2021',
        },
        metadata: meta('2026-11-20T12:00:00.000Z'),
      }),
      ctx,
    );
    rows = evolveDeadlines(
      rows,
      pe({
        type: 'ReferralDeclined',
        data: { caseId: 'case-1', referralId: 'r1', reason: 'x', at: '2026-11-20T13:00:00.000Z' },
        metadata: meta('2026-11-20T13:00:00.000Z'),
      }),
      ctx,
    );
    expect(statuses(rows)).toMatchObject({ 'referral_acknowledge:r1': 'met', 'referral_complete:r1': 'cancelled' });
    rows = evolveDeadlines(
      rows,
      pe({
        type: 'CaseClosed',
        data: { caseId: 'case-1', reason: 'child_safe', notes: '' },
        metadata: meta('2026-11-21T00:00:00.000Z'),
      }),
      ctx,
    );
    expect(statuses(rows)).toMatchObject({ first_response: 'missed', plan: 'cancelled' });
    rows = evolveDeadlines(
      rows,
      pe({ type: 'CaseReopened', data: { caseId: 'case-1', reason: 'x' }, metadata: meta('2026-11-22T00:00:00.000Z') }),
      ctx,
    );
    expect(statuses(rows)).toMatchObject({ plan: 'open', 'referral_complete:r1': 'cancelled' });
  });
});
