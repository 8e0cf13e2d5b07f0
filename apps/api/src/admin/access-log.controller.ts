import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ACCESS_LOG } from './admin.responses';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import { Roles } from '../auth/auth.decorators';
import { AccessLogQueryDto } from './admin.dto';

/** The access log, newest first, for admins. It holds ids, never the personal data that was read. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/access-log')
@Roles('admin')
export class AccessLogController {
  constructor(@Inject(SQL) private readonly sql: Sql) {}

  @ApiOkResponse({ schema: ACCESS_LOG })
  @Get()
  async list(@Query() q: AccessLogQueryDto) {
    const limit = q.limit ?? 100;
    const rows = await this.sql<
      {
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
      }[]
    >`
      select id, at, user_id, username, role, case_id, child_id, endpoint, method, request_id from access_log
       where true
         ${q.caseId ? this.sql`and case_id = ${q.caseId}::uuid` : this.sql``}
         ${q.userId ? this.sql`and user_id = ${q.userId}::uuid` : this.sql``}
         ${q.from ? this.sql`and at >= ${q.from}::timestamptz` : this.sql``}
         ${q.to ? this.sql`and at < ${q.to}::timestamptz` : this.sql``}
         ${q.before ? this.sql`and id < ${q.before}` : this.sql``}
       order by id desc limit ${limit + 1}`;
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        userId: r.user_id,
        username: r.username,
        role: r.role,
        caseId: r.case_id,
        childId: r.child_id,
        endpoint: r.endpoint,
        method: r.method,
        requestId: r.request_id,
      })),
      nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
    };
  }
}
