import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ACCESS_LOG } from './admin.responses';
import { Roles } from '../auth/auth.decorators';
import { AccessLog } from '../security/access-log';
import { AccessLogQueryDto } from './admin.dto';

/** The access log, newest first, for admins. It holds ids, never the personal data that was read. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/access-log')
@Roles('admin')
export class AccessLogController {
  constructor(private readonly log: AccessLog) {}

  @ApiOkResponse({ schema: ACCESS_LOG })
  @Get()
  async list(@Query() q: AccessLogQueryDto) {
    const limit = q.limit ?? 100;
    const rows = await this.log.entries({ ...q, limit });
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
