import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import { decodeCursor, listCases } from '@sen/read-models';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/user';
import { ApiError } from '../../common/api-error';
import { Clock } from '@sen/platform';
import { ReadYourWrites } from '../../common/read-your-writes';
import { caseScope } from '../case-scope';
import { ListCasesQueryDto } from './list-cases.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class ListCasesController {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ryw: ReadYourWrites,
  ) {}

  /** The case list from the `cases` read model, within the user's areas, newest report first. */
  @Get()
  @Roles('social_worker', 'supervisor')
  async list(@Query() query: ListCasesQueryDto, @CurrentUser() user: AuthUser) {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (cursor === null) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'cursor is not one this API gave out', [{ field: 'cursor', problems: ['invalid cursor'] }]);
    }
    await this.ryw.await('cases', query.minPosition);
    return listCases(this.sql, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.risk ? { risk: query.risk } : {}),
      ...(query.areaCode ? { areaCode: query.areaCode } : {}),
      ...(query.overdue ? { overdue: query.overdue === 'true' } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.assignee === 'me' ? { assigneeId: user.userId } : {}),
      ...(query.incidentId ? { incidentId: query.incidentId } : {}),
      ...(cursor ? { cursor } : {}),
      scopeAreas: caseScope(user),
      limit: query.limit ?? 20,
      now: this.clock.now(),
    });
  }
}
