import { ABUSE_CATEGORIES, INDICATOR_12_CATEGORIES, doneInTime, localDate } from '@sen/case-domain';
import type { CaseProjection, CaseRows, ProjectionContext, ProjectionEvent, RollupSpec, Row } from '../projection';
import { bandOf } from './response-bands';

/** Vietnam keeps UTC+7 all year: the indicators' years and months are local ones (DESIGN.md section 4). */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

/** One case as the indicators see it: no name, no summary, no notes; child_id only to count children once. */
export interface IndicatorCaseRow extends Row {
  case_id: string;
  child_id: string;
  category: string;
  abuse: boolean;
  timely_followed: boolean;
  area_code: string;
  area_path: string[];
  reported_at: string;
  reported_year: number;
  reported_month: number;
  verification: string | null;
  first_response_due: string | null;
  first_response_at: string | null;
  first_response_by: string | null;
  closed: boolean;
  closure_reason: string | null;
  marriage_outcome: string | null;
  marriage_at: string | null;
  marriage_year: number | null;
}

const COLUMNS = [
  'case_id',
  'child_id',
  'category',
  'abuse',
  'timely_followed',
  'area_code',
  'area_path',
  'reported_at',
  'reported_year',
  'reported_month',
  'verification',
  'first_response_due',
  'first_response_at',
  'first_response_by',
  'closed',
  'closure_reason',
  'marriage_outcome',
  'marriage_at',
  'marriage_year',
] as const;

/** Local (Vietnam) year and month of an instant: 23:30 on 31 December in Đồng Tháp is still that year. */
export function localYearMonth(instant: string): { year: number; month: number } {
  const [y, m] = localDate(instant, VIETNAM_UTC_OFFSET_MINUTES).split('-').map(Number) as [number, number];
  return { year: y, month: m };
}

const iso = (instant: string) => new Date(instant).toISOString();

/** Keeps the earliest response (an emergency measure or support), as the case's state does. */
function responded(row: IndicatorCaseRow, at: string, by: string): IndicatorCaseRow {
  if (row.first_response_at !== null && Date.parse(row.first_response_at) <= Date.parse(at)) return row;
  return { ...row, first_response_at: iso(at), first_response_by: by };
}

export function evolveIndicatorCase(
  current: IndicatorCaseRow | undefined,
  e: ProjectionEvent,
  ctx: ProjectionContext,
): IndicatorCaseRow | undefined {
  const ev = e.event;
  if (ev.type === 'CaseOpened') {
    const d = ev.data;
    const { year, month } = localYearMonth(d.reportedAt);
    return {
      case_id: d.caseId,
      child_id: d.childId,
      category: d.category,
      abuse: ABUSE_CATEGORIES.includes(d.category),
      timely_followed: INDICATOR_12_CATEGORIES.includes(d.category) && d.deadlines.firstResponseBy !== null,
      area_code: d.location.areaCode,
      area_path: ctx.areas.scopePath(d.location.areaCode),
      reported_at: iso(d.reportedAt),
      reported_year: year,
      reported_month: month,
      verification: null,
      first_response_due: d.deadlines.firstResponseBy === null ? null : iso(d.deadlines.firstResponseBy),
      first_response_at: null,
      first_response_by: null,
      closed: false,
      closure_reason: null,
      marriage_outcome: null,
      marriage_at: null,
      marriage_year: null,
    };
  }
  if (!current) return current; // events of a case never opened
  switch (ev.type) {
    case 'RiskAssessed':
      // The latest assessment's verification holds: a re-assessment can confirm or unfound an earlier one.
      return { ...current, verification: ev.data.verification };
    case 'EmergencyMeasureApplied':
      return responded(current, ev.data.appliedAt, 'social_worker');
    case 'SupportProvided':
      return responded(current, ev.data.providedAt, ev.data.agency);
    case 'CaseTransferred':
      // Rule: a case counts where it is now (its figures move with the child), in every year.
      return { ...current, area_code: ev.data.toAreaCode, area_path: ctx.areas.scopePath(ev.data.toAreaCode) };
    case 'ChildMarriageOutcomeRecorded': {
      // A later outcome corrects an earlier one: one case is at most one child marriage (cuộc tảo hôn).
      const at = iso(ev.data.at);
      return { ...current, marriage_outcome: ev.data.outcome, marriage_at: at, marriage_year: localYearMonth(at).year };
    }
    case 'CaseClosed':
      return current.closed ? current : { ...current, closed: true, closure_reason: ev.data.reason };
    case 'CaseReopened':
      return { ...current, closed: false, closure_reason: null };
    case 'CaseAssigned':
    case 'ConsentRecorded':
    case 'DetailedAssessmentCompleted':
    case 'CaseEscalated':
    case 'SupportPlanProposed':
    case 'SupportPlanApproved':
    case 'SupportPlanRejected':
    case 'ReferralIssued':
    case 'ReferralAcknowledged':
    case 'ReferralAccepted':
    case 'ReferralDeclined':
    case 'ReferralCompleted':
    case 'ReferralOverdue':
    case 'PersonalDataErased': // nothing personal is kept here; erased children still count (DESIGN.md section 6)
      return current;
    default: {
      const never: never = ev;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

/** The groupings rm_timeliness keeps for each area: all, by month, by category, by agency, and all three. */
export const TIMELINESS_GRAINS = [[], ['month'], ['category'], ['agency'], ['month', 'category', 'agency']] as const;

/** How a case counts in indicator 12 whatever the clock says, or null when it depends on it (no response yet). */
export function settledOutcome(
  row: IndicatorCaseRow,
): { outcome: 'met' | 'missed' | 'excluded'; bucket: number; seconds: number } | null {
  if (!row.timely_followed || row.first_response_due === null) return null;
  if (row.first_response_at !== null) {
    const ms = Date.parse(row.first_response_at) - Date.parse(row.reported_at);
    return {
      outcome: doneInTime(row.first_response_due, row.first_response_at) ? 'met' : 'missed',
      bucket: bandOf(ms / 60_000),
      seconds: Math.max(0, Math.round(ms / 1000)),
    };
  }
  if (row.verification === 'unfounded' || (row.closed && row.closure_reason === 'duplicate'))
    return { outcome: 'excluded', bucket: -1, seconds: 0 };
  return null;
}

const indicatorRow = (rows: CaseRows) => rows.rm_indicator_cases?.[0] as IndicatorCaseRow | undefined;

/** rm_timeliness: a case with a settled outcome counts once per area of its path and grain, with its seconds to the response. */
export const timelinessRollup: RollupSpec = {
  table: 'rm_timeliness',
  key: ['year', 'area_code', 'month', 'category', 'agency', 'outcome', 'bucket'],
  types: ['smallint', 'text', 'smallint', 'text', 'text', 'text', 'integer'],
  sums: ['seconds'],
  contributions(rows: CaseRows): Row[] {
    const row = indicatorRow(rows);
    const settled = row ? settledOutcome(row) : null;
    if (!row || !settled) return [];
    const agency = row.first_response_by ?? 'none';
    const out: Row[] = [];
    for (const area of row.area_path) {
      for (const grain of TIMELINESS_GRAINS as readonly (readonly string[])[]) {
        out.push({
          year: row.reported_year,
          area_code: area,
          month: grain.includes('month') ? row.reported_month : 0,
          category: grain.includes('category') ? row.category : '*',
          agency: grain.includes('agency') ? agency : '*',
          ...settled,
        });
      }
    }
    return out;
  },
};

/**
 * Indicator 9: a row per year, area of the path and child with a confirmed abuse case reported that year there
 * (`n` such cases); rm_abused_counts holds, per year and area, the number of those children and of their cases.
 */
export const abusedChildrenRollup: RollupSpec = {
  table: 'rm_abused_children',
  key: ['year', 'area_code', 'child_id'],
  types: ['smallint', 'text', 'uuid'],
  contributions(rows: CaseRows): Row[] {
    const row = indicatorRow(rows);
    if (!row || !row.abuse || row.verification !== 'confirmed') return [];
    return row.area_path.map((area) => ({ year: row.reported_year, area_code: area, child_id: row.child_id }));
  },
  distinct: { table: 'rm_abused_counts', key: ['year', 'area_code'], types: ['smallint', 'text'] },
};

/** Indicator 13: child marriage outcomes per year of the outcome, area of the path and outcome. */
export const marriagesRollup: RollupSpec = {
  table: 'rm_marriages',
  key: ['year', 'area_code', 'outcome'],
  types: ['smallint', 'text', 'text'],
  contributions(rows: CaseRows): Row[] {
    const row = indicatorRow(rows);
    if (!row || row.marriage_outcome === null || row.marriage_year === null) return [];
    return row.area_path.map((area) => ({ year: row.marriage_year, area_code: area, outcome: row.marriage_outcome }));
  },
};

export const indicatorsProjection: CaseProjection = {
  name: 'indicators',
  tables: [{ table: 'rm_indicator_cases', key: ['case_id'], columns: COLUMNS }],
  rollups: [timelinessRollup, abusedChildrenRollup, marriagesRollup],
  evolve(rows: CaseRows, e: ProjectionEvent, ctx: ProjectionContext): CaseRows {
    const next = evolveIndicatorCase(rows.rm_indicator_cases?.[0] as IndicatorCaseRow | undefined, e, ctx);
    return { rm_indicator_cases: next ? [next] : [] };
  },
};
