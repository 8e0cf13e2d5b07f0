import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';

export interface IncidentRow {
  incident_id: string;
  type: string;
  name: string;
  area_codes: string[];
  area_path: string[];
  started_at: Date;
  description: string;
  created_by: string;
  created_at: Date;
}

export const incidentView = (r: IncidentRow) => ({
  incidentId: r.incident_id,
  type: r.type,
  name: r.name,
  areaCodes: r.area_codes,
  startedAt: r.started_at.toISOString(),
  description: r.description,
  createdAt: r.created_at.toISOString(),
});

@Injectable()
export class IncidentsRepository {
  constructor(@Inject(SQL) private readonly sql: Sql) {}

  async insert(r: Omit<IncidentRow, 'created_at'>): Promise<IncidentRow> {
    const [row] = await this.sql<IncidentRow[]>`
      insert into incidents (incident_id, type, name, area_codes, area_path, started_at, description, created_by)
      values (${r.incident_id}::uuid, ${r.type}, ${r.name}, ${r.area_codes}::text[], ${r.area_path}::text[], ${r.started_at},
              ${r.description}, ${r.created_by}::uuid)
      returning *`;
    return row!;
  }

  async byId(incidentId: string): Promise<IncidentRow | null> {
    const [row] = await this.sql<IncidentRow[]>`select * from incidents where incident_id = ${incidentId}::uuid`;
    return row ?? null;
  }

  async list(limit: number): Promise<IncidentRow[]> {
    return this.sql<IncidentRow[]>`select * from incidents order by started_at desc limit ${limit}`;
  }

  /**
   * An incident's page of figures: children registered, reached within 12 hours of their report (first
   * response met), still waiting (no first response yet), missed, separated from their family, reunified,
   * and the families' tracing requests by status.
   */
  async figures(incidentId: string) {
    const [cases] = await this.sql<{ registered: number; reunified: number; erased: number }[]>`
      select count(*)::int as registered, count(reunified_at)::int as reunified, count(*) filter (where personal_data_erased)::int as erased
        from rm_cases where incident_id = ${incidentId}::uuid`;
    const [deadlines] = await this.sql<{ met: number; missed: number; waiting: number; overdue: number }[]>`
      select count(*) filter (where d.status = 'met')::int as met,
             count(*) filter (where d.status = 'missed')::int as missed,
             count(*) filter (where d.status = 'open')::int as waiting,
             count(*) filter (where d.status = 'open' and d.due_at < now())::int as overdue
        from rm_deadlines d join rm_cases c on c.case_id = d.case_id
       where c.incident_id = ${incidentId}::uuid and d.kind = 'first_response'`;
    const [flags] = await this.sql<{ injured: number; separated: number; unaccompanied: number }[]>`
      select count(*) filter (where injured)::int as injured, count(*) filter (where separated)::int as separated,
             count(*) filter (where unaccompanied)::int as unaccompanied
        from incident_registrations where incident_id = ${incidentId}::uuid`;
    const tracing = await this.sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from tracing_requests where incident_id = ${incidentId}::uuid group by status`;
    return {
      registered: cases!.registered,
      reachedWithin12h: deadlines!.met,
      missed12h: deadlines!.missed,
      stillWaiting: deadlines!.waiting,
      waitingPastDeadline: deadlines!.overdue,
      injured: flags!.injured,
      separated: flags!.separated,
      unaccompanied: flags!.unaccompanied,
      reunified: cases!.reunified,
      tracingRequests: Object.fromEntries(
        ['open', 'matched', 'reunited', 'closed'].map((s) => [s, tracing.find((t) => t.status === s)?.n ?? 0]),
      ),
    };
  }
}
