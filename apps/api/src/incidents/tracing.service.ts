import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import { foldText } from '@sen/read-models';
import { type TracingCursor, encodeTracingCursor } from './tracing-cursor';
import { MATCH_THRESHOLD, matchScore } from './tracing-match';

export interface TracingRow {
  request_id: string;
  incident_id: string | null;
  requester_name: string;
  requester_phone: string;
  requester_relation: string;
  sought_name: string;
  sought_sex: string | null;
  sought_age_years: number | null;
  last_seen_area_code: string;
  last_seen_at: Date | null;
  description: string;
  status: string;
  matched_case_id: string | null;
  matched_child_id: string | null;
  area_path: string[];
  created_by: string;
  created_at: Date;
  reunited_at: Date | null;
}

export interface Match {
  caseId: string;
  childId: string;
  childName: string;
  sex: string | null;
  ageYears: number | null;
  areaCode: string;
  incidentId: string | null;
  score: number;
  reasons: string[];
  decision: 'confirmed' | 'rejected' | null;
}

/** Family tracing: requests, proposed matches among the registered children, and the workers' decisions. */
@Injectable()
export class TracingService {
  constructor(@Inject(SQL) private readonly sql: Sql) {}

  async create(r: Omit<TracingRow, 'created_at' | 'status' | 'matched_case_id' | 'matched_child_id' | 'reunited_at'>) {
    const [row] = await this.sql<TracingRow[]>`
      insert into tracing_requests (request_id, incident_id, requester_name, requester_phone, requester_relation, sought_name,
        sought_name_folded, sought_sex, sought_age_years, last_seen_area_code, last_seen_at, description, status, area_path, created_by)
      values (${r.request_id}::uuid, ${r.incident_id}, ${r.requester_name}, ${r.requester_phone}, ${r.requester_relation}, ${r.sought_name},
        ${foldText(r.sought_name)}, ${r.sought_sex}, ${r.sought_age_years}, ${r.last_seen_area_code}, ${r.last_seen_at}, ${r.description},
        'open', ${r.area_path}::text[], ${r.created_by}::uuid)
      returning *`;
    return row!;
  }

  async byId(id: string): Promise<TracingRow | null> {
    const [row] = await this.sql<TracingRow[]>`select * from tracing_requests where request_id = ${id}::uuid`;
    return row ?? null;
  }

  /**
   * The requests a user may read, newest first: those whose last-seen area overlaps the user's areas, one
   * inside the other, exactly as a single request is checked (`CaseAccess.overlaps`). `scope` holds the
   * user's areas, `scopeAncestors` those areas and every area above them.
   */
  async list(f: {
    scope: string[];
    scopeAncestors: string[];
    incidentId?: string;
    status?: string;
    cursor?: TracingCursor;
    limit: number;
  }) {
    if (f.scope.length === 0) return { items: [] as TracingRow[], nextCursor: null };
    const rows = await this.sql<(TracingRow & { at_micros: string })[]>`
      select *, (extract(epoch from created_at) * 1000000)::bigint::text as at_micros from tracing_requests
       where (area_path && ${f.scope}::text[] or last_seen_area_code = any(${f.scopeAncestors}::text[]))
         ${f.incidentId ? this.sql`and incident_id = ${f.incidentId}::uuid` : this.sql``}
         ${f.status ? this.sql`and status = ${f.status}` : this.sql``}
         ${f.cursor ? this.sql`and (created_at, request_id) < (timestamptz 'epoch' + ${f.cursor.atMicros}::bigint * interval '1 microsecond', ${f.cursor.requestId}::uuid)` : this.sql``}
       order by created_at desc, request_id desc
       limit ${f.limit + 1}`;
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page as TracingRow[],
      nextCursor:
        rows.length > f.limit && last
          ? encodeTracingCursor({ atMicros: last.at_micros, requestId: last.request_id })
          : null,
    };
  }

  /**
   * Registered children (disaster cases, of the request's incident when it names one) within the caller's
   * areas, scored against the request; rejected ones stay listed with their decision but are never proposed.
   */
  async matches(request: TracingRow, scopeAreas: string[], limit = 10): Promise<Match[]> {
    const candidates = await this.sql<
      {
        case_id: string;
        child_id: string;
        child_name: string;
        sex: string | null;
        age_years: number | null;
        area_code: string;
        incident_id: string | null;
      }[]
    >`
      select case_id, child_id, child_name, sex, age_years, area_code, incident_id from rm_cases
       where category = 'disaster' and not personal_data_erased and area_path && ${scopeAreas}::text[]
         ${request.incident_id ? this.sql`and incident_id = ${request.incident_id}::uuid` : this.sql``}`;
    const decisions = new Map(
      (
        await this.sql<{ case_id: string; decision: 'confirmed' | 'rejected' }[]>`
        select case_id, decision from tracing_decisions where request_id = ${request.request_id}::uuid`
      ).map((d) => [d.case_id, d.decision]),
    );
    const sought = {
      fullName: request.sought_name,
      sex: request.sought_sex,
      ageYears: request.sought_age_years,
      lastSeenAreaCode: request.last_seen_area_code,
    };
    return candidates
      .map((c) => {
        const { score, reasons } = matchScore(sought, {
          caseId: c.case_id,
          childName: c.child_name,
          sex: c.sex,
          ageYears: c.age_years,
          areaCode: c.area_code,
        });
        return {
          caseId: c.case_id,
          childId: c.child_id,
          childName: c.child_name,
          sex: c.sex,
          ageYears: c.age_years,
          areaCode: c.area_code,
          incidentId: c.incident_id,
          score,
          reasons,
          decision: decisions.get(c.case_id) ?? null,
        };
      })
      .filter((m) => m.decision === 'confirmed' || (m.decision === null && m.score >= MATCH_THRESHOLD))
      .sort((a, b) => b.score - a.score || a.caseId.localeCompare(b.caseId))
      .slice(0, limit);
  }

  async decide(
    request: TracingRow,
    caseId: string,
    childId: string | null,
    decision: 'confirmed' | 'rejected',
    score: number,
    userId: string,
  ) {
    await this.sql.begin(async (tx) => {
      await tx`
        insert into tracing_decisions (request_id, case_id, decision, score, decided_by)
        values (${request.request_id}::uuid, ${caseId}::uuid, ${decision}, ${score}, ${userId}::uuid)
        on conflict (request_id, case_id) do update set decision = excluded.decision, decided_by = excluded.decided_by, decided_at = now()`;
      if (decision === 'confirmed') {
        await tx`update tracing_requests set status = 'matched', matched_case_id = ${caseId}::uuid, matched_child_id = ${childId}::uuid where request_id = ${request.request_id}::uuid`;
      } else if (request.matched_case_id === caseId) {
        await tx`update tracing_requests set status = 'open', matched_case_id = null, matched_child_id = null where request_id = ${request.request_id}::uuid`;
      }
    });
  }

  /** The cases rejected for this request, among those within the caller's areas. */
  async rejected(request: TracingRow, scopeAreas: string[]): Promise<string[]> {
    const rows = await this.sql<{ case_id: string }[]>`
      select d.case_id from tracing_decisions d join rm_cases c on c.case_id = d.case_id
       where d.request_id = ${request.request_id}::uuid and d.decision = 'rejected' and c.area_path && ${scopeAreas}::text[]
       order by d.decided_at, d.case_id`;
    return rows.map((r) => r.case_id);
  }

  /** Forgets a rejection (the child is proposed again if they still score); a confirmed match is left as it is. */
  async restore(request: TracingRow, caseId: string): Promise<'restored' | 'confirmed' | 'none'> {
    const [row] = await this.sql<{ decision: string }[]>`
      select decision from tracing_decisions where request_id = ${request.request_id}::uuid and case_id = ${caseId}::uuid`;
    if (!row) return 'none';
    if (row.decision === 'confirmed') return 'confirmed';
    await this
      .sql`delete from tracing_decisions where request_id = ${request.request_id}::uuid and case_id = ${caseId}::uuid and decision = 'rejected'`;
    return 'restored';
  }

  async reunited(requestId: string, at: Date) {
    await this
      .sql`update tracing_requests set status = 'reunited', reunited_at = ${at} where request_id = ${requestId}::uuid`;
  }

  /** Erasure of a child: the requests matched to them lose their personal data too. */
  async eraseFor(childId: string) {
    await this.sql`
      update tracing_requests set requester_name = '[erased]', requester_phone = '[erased]', sought_name = '[erased]',
             sought_name_folded = '', description = '[erased]'
       where matched_child_id = ${childId}::uuid`;
  }
}
