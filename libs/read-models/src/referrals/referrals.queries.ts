import type { Sql } from '@sen/db';
import { isCursorInstant, isUuid } from '../cursor';
import type { StoredReferralRow } from './referrals.tables';

export interface InboxFilter {
  agency: string;
  /** An officer of a unit sees the referrals to that unit and those to the agency as a whole. */
  unitCode: string | null;
  /** Areas the officer serves (an area includes everything under it). */
  scopeAreas: string[];
  status?: string;
  overdue?: boolean;
  limit: number;
  cursor?: { issuedAt: string; referralId: string };
  now: Date;
}

type Row = StoredReferralRow;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The need-to-know view of a referral: never the reporter, the notes, the address or the child's full name. */
export function inboxItem(r: Row, now: Date) {
  const finished = r.status === 'completed' || r.status === 'declined';
  return {
    referralId: r.referral_id,
    caseId: r.case_id,
    caseVersion: r.case_version,
    toAgency: r.to_agency,
    unitCode: r.unit_code,
    status: r.status,
    urgency: r.urgency,
    reason: r.reason,
    issuedAt: r.issued_at.toISOString(),
    acknowledgeBy: r.acknowledge_by.toISOString(),
    dueAt: r.due_at.toISOString(),
    acknowledgedAt: iso(r.acknowledged_at),
    acceptedAt: iso(r.accepted_at),
    declinedAt: iso(r.declined_at),
    completedAt: iso(r.completed_at),
    overdue: {
      acknowledge: r.overdue.includes('acknowledge') || (r.status === 'issued' && r.acknowledge_by < now),
      complete: r.overdue.includes('complete') || (!finished && r.due_at < now),
    },
    child: { givenName: r.child_given_name, ageYears: r.child_age_years, sex: r.child_sex },
    category: r.category,
    riskLevel: r.risk_level,
    areaCode: r.area_code,
    caseStatus: r.case_status,
  };
}

export type InboxItem = ReturnType<typeof inboxItem>;

/** GET /referrals/inbox: the agency's referrals, most recent first, with keyset pagination. */
export async function agencyInbox(
  sql: Sql,
  f: InboxFilter,
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const rows = await sql<Row[]>`
    select * from rm_referrals
     where to_agency = ${f.agency}
       and area_path && ${f.scopeAreas}::text[]
       ${f.unitCode ? sql`and (unit_code is null or unit_code = ${f.unitCode})` : sql``}
       ${f.status ? sql`and status = ${f.status}` : sql``}
       ${f.overdue === true ? sql`and ((status = 'issued' and acknowledge_by < ${f.now}) or (status in ('issued', 'acknowledged', 'accepted') and due_at < ${f.now}))` : sql``}
       ${f.cursor ? sql`and (issued_at, referral_id) < (${f.cursor.issuedAt}::timestamptz, ${f.cursor.referralId}::uuid)` : sql``}
     order by issued_at desc, referral_id desc
     limit ${f.limit + 1}`;
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => inboxItem(r, f.now)),
    nextCursor:
      rows.length > f.limit && last
        ? Buffer.from(JSON.stringify({ t: last.issued_at.toISOString(), id: last.referral_id })).toString('base64url')
        : null,
  };
}

export function decodeInboxCursor(cursor: string): { issuedAt: string; referralId: string } | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    if (!isCursorInstant(v.t) || !isUuid(v.id)) return null;
    return { issuedAt: v.t, referralId: v.id };
  } catch {
    return null;
  }
}

/** Which case a referral belongs to and to whom it went (for the lifecycle actions and their scope check). */
export async function findReferral(sql: Sql, referralId: string) {
  const [row] = await sql<Row[]>`select * from rm_referrals where referral_id = ${referralId}::uuid`;
  return row ?? null;
}
