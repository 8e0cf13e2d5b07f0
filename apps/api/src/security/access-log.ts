import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Sql } from '@sen/db';
import { SQL, pathOnly } from '@sen/platform';
import type { AuthUser } from '../auth/user';
import { contextOf } from '../common/request-context';

export interface PersonalDataRead {
  caseId: string;
  childId?: string | null;
}

/**
 * The append-only access log: one row per case whose personal data a response carries, written before the
 * response leaves. If it cannot be written, the data is not served.
 */
@Injectable()
export class AccessLog {
  constructor(@Inject(SQL) private readonly sql: Sql) {}

  async record(user: AuthUser, req: Request, reads: PersonalDataRead[]): Promise<void> {
    if (reads.length === 0) return;
    const { requestId } = contextOf(req);
    const endpoint = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : pathOnly(req.originalUrl);
    const rows = reads.map((r) => ({
      user_id: user.userId,
      username: user.username,
      role: user.role,
      case_id: r.caseId,
      child_id: r.childId ?? null,
      endpoint,
      method: req.method,
      request_id: requestId,
      ip: req.ip ?? null,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await this
        .sql`insert into access_log ${this.sql(rows.slice(i, i + 500), 'user_id', 'username', 'role', 'case_id', 'child_id', 'endpoint', 'method', 'request_id', 'ip')}`;
    }
  }

  /** The log, newest first: `limit + 1` entries at most (the extra one says there is a next page). */
  async entries(f: AccessLogFilter): Promise<AccessLogEntry[]> {
    return this.sql<AccessLogEntry[]>`
      select id, at, user_id, username, role, case_id, child_id, endpoint, method, request_id from access_log
       where true
         ${f.caseId ? this.sql`and case_id = ${f.caseId}::uuid` : this.sql``}
         ${f.userId ? this.sql`and user_id = ${f.userId}::uuid` : this.sql``}
         ${f.from ? this.sql`and at >= ${f.from}::timestamptz` : this.sql``}
         ${f.to ? this.sql`and at < ${f.to}::timestamptz` : this.sql``}
         ${f.before ? this.sql`and id < ${f.before}` : this.sql``}
       order by id desc limit ${f.limit + 1}`;
  }
}

/** Which entries of the access log to list (GET /admin/access-log): filters, and `before` an id to page back from. */
export interface AccessLogFilter {
  caseId?: string;
  userId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

export interface AccessLogEntry {
  id: number;
  at: Date;
  user_id: string;
  username: string;
  role: string;
  case_id: string | null;
  child_id: string | null;
  endpoint: string;
  method: string;
  request_id: string;
}
