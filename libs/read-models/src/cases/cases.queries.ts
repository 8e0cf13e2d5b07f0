import type { Sql } from '@sen/db';
import { isCursorInstant, isUuid } from '../cursor';
import { foldText } from '../projection';
import type { CaseListReferral, StoredCaseRow } from './cases.tables';

export interface CaseListFilter {
  status?: string;
  category?: string;
  risk?: string;
  areaCode?: string;
  overdue?: boolean;
  q?: string;
  assigneeId?: string;
  incidentId?: string;
  /** The user's scope: areas whose cases they may see (an area includes everything under it). Required. */
  scopeAreas: string[];
  limit: number;
  cursor?: { reportedAt: string; caseId: string };
  now: Date;
}

export interface CaseListItem {
  caseId: string;
  childId: string;
  childName: string;
  sex: string | null;
  ageYears: number | null;
  category: string;
  status: string;
  riskLevel: string | null;
  verification: string | null;
  areaCode: string;
  level: string;
  reportedAt: string;
  assigneeId: string | null;
  incidentId: string | null;
  firstResponseDue: string | null;
  firstResponseAt: string | null;
  planDue: string;
  planProposedAt: string | null;
  planStatus: string | null;
  openReferrals: number;
  referrals: CaseListReferral[];
  nextDueAt: string | null;
  overdue: boolean;
  escalated: boolean;
  closedAt: string | null;
  version: number;
}

/** The columns the case list reads. */
type Row = Pick<
  StoredCaseRow,
  | 'case_id'
  | 'child_id'
  | 'child_name'
  | 'sex'
  | 'age_years'
  | 'category'
  | 'status'
  | 'risk_level'
  | 'verification'
  | 'area_code'
  | 'level'
  | 'reported_at'
  | 'assignee_id'
  | 'incident_id'
  | 'first_response_due'
  | 'first_response_at'
  | 'plan_due'
  | 'plan_proposed_at'
  | 'plan_status'
  | 'open_referrals'
  | 'referrals'
  | 'next_due_at'
  | 'escalated'
  | 'closed_at'
  | 'version'
>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Escapes LIKE wildcards in user text. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** GET /cases: filters, diacritic-insensitive search, keyset pagination (newest report first). */
export async function listCases(
  sql: Sql,
  f: CaseListFilter,
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  const q = f.q ? foldText(f.q) : '';
  const rows = await sql<Row[]>`
    select case_id, child_id, child_name, sex, age_years, category, status, risk_level, verification, area_code, level,
           reported_at, assignee_id, incident_id, first_response_due, first_response_at, plan_due, plan_proposed_at,
           plan_status, open_referrals, referrals, next_due_at, escalated, closed_at, version
      from rm_cases
     where area_path && ${f.scopeAreas}::text[]
       ${f.status ? sql`and status = ${f.status}` : sql``}
       ${f.category ? sql`and category = ${f.category}` : sql``}
       ${f.risk ? sql`and risk_level = ${f.risk}` : sql``}
       ${f.areaCode ? sql`and ${f.areaCode} = any(area_path)` : sql``}
       ${f.assigneeId ? sql`and assignee_id = ${f.assigneeId}` : sql``}
       ${f.incidentId ? sql`and incident_id = ${f.incidentId}::uuid` : sql``}
       ${f.overdue === true ? sql`and next_due_at < ${f.now}` : sql``}
       ${f.overdue === false ? sql`and (next_due_at is null or next_due_at >= ${f.now})` : sql``}
       ${q ? sql`and search_text like ${`%${likeEscape(q)}%`}` : sql``}
       ${f.cursor ? sql`and (reported_at, case_id) < (${f.cursor.reportedAt}::timestamptz, ${f.cursor.caseId}::uuid)` : sql``}
     order by reported_at desc, case_id desc
     limit ${f.limit + 1}`;
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      caseId: r.case_id,
      childId: r.child_id,
      childName: r.child_name,
      sex: r.sex,
      ageYears: r.age_years,
      category: r.category,
      status: r.status,
      riskLevel: r.risk_level,
      verification: r.verification,
      areaCode: r.area_code,
      level: r.level,
      reportedAt: r.reported_at.toISOString(),
      assigneeId: r.assignee_id,
      incidentId: r.incident_id,
      firstResponseDue: iso(r.first_response_due),
      firstResponseAt: iso(r.first_response_at),
      planDue: r.plan_due.toISOString(),
      planProposedAt: iso(r.plan_proposed_at),
      planStatus: r.plan_status,
      openReferrals: r.open_referrals,
      referrals: r.referrals,
      nextDueAt: iso(r.next_due_at),
      overdue: r.next_due_at !== null && r.next_due_at.getTime() < f.now.getTime(),
      escalated: r.escalated,
      closedAt: iso(r.closed_at),
      version: r.version,
    })),
    nextCursor:
      rows.length > f.limit && last
        ? Buffer.from(JSON.stringify({ r: last.reported_at.toISOString(), id: last.case_id })).toString('base64url')
        : null,
  };
}

export function decodeCursor(cursor: string): { reportedAt: string; caseId: string } | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { r?: unknown; id?: unknown };
    if (!isCursorInstant(v.r) || !isUuid(v.id)) return null;
    return { reportedAt: v.r, caseId: v.id };
  } catch {
    return null;
  }
}

/** Has this child a case within these areas (erased or not)? Linking a new case to a child needs one. */
export async function childHasCaseIn(sql: Sql, childId: string, scopeAreas: string[]): Promise<boolean> {
  if (scopeAreas.length === 0) return false;
  const [row] = await sql<{ found: boolean }[]>`
    select exists (select 1 from rm_cases where child_id = ${childId}::uuid and area_path && ${scopeAreas}::text[]) as found`;
  return row?.found ?? false;
}

/** Every case of a child the case list knows of, erased or not, in id order (an erasure visits each). */
export async function casesOfChild(sql: Sql, childId: string): Promise<{ case_id: string }[]> {
  return sql<{ case_id: string }[]>`select case_id from rm_cases where child_id = ${childId}::uuid order by case_id`;
}
