import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CASE_LIST } from '../case.responses';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import { decodeCursor, listCases } from '@sen/read-models';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/user';
import { ApiError } from '../../common/api-error';
import { Clock } from '@sen/platform';
import { ReadYourWrites } from '../../common/read-your-writes';
import { AccessLog } from '../../security/access-log';
import { CaseAccess } from '../../security/case-access';
import { ListCasesQueryDto } from './list-cases.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class ListCasesController {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ryw: ReadYourWrites,
    private readonly access: CaseAccess,
    private readonly accessLog: AccessLog,
  ) {}

  /** The case list from the `cases` read model, within the user's areas, newest report first. */
  @ApiOkResponse({ schema: CASE_LIST })
  @Get()
  @Roles('social_worker', 'supervisor')
  async list(@Query() query: ListCasesQueryDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (cursor === null) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'cursor is not one this API gave out', [
        { field: 'cursor', problems: ['invalid cursor'] },
      ]);
    }
    await this.ryw.await('cases', query.minPosition);
    const page = await listCases(this.sql, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.risk ? { risk: query.risk } : {}),
      ...(query.areaCode ? { areaCode: query.areaCode } : {}),
      ...(query.overdue ? { overdue: query.overdue === 'true' } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.assignee === 'me' ? { assigneeId: user.userId } : {}),
      ...(query.incidentId ? { incidentId: query.incidentId } : {}),
      ...(cursor ? { cursor } : {}),
      scopeAreas: this.access.scope(user),
      limit: query.limit ?? 20,
      now: this.clock.now(),
    });
    // The list shows children's names: each case in it is a read of personal data.
    await this.accessLog.record(
      user,
      req,
      page.items.map((i) => ({ caseId: i.caseId, childId: i.childId })),
    );
    return page;
  }
}
