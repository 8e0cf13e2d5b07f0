import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OVERDUE, RESPONSE_TIMES } from './dashboard.responses';
import type { Sql } from '@sen/db';
import { AREAS, Clock, SQL } from '@sen/platform';
import {
  HOURS_BUCKET_EDGES,
  type OverdueCursor,
  type TimelinessDimension,
  childAreasOf,
  isCursorInstant,
  isUuid,
  overdueDeadlines,
  timelinessSets,
  type TimelinessGroup,
  withRate,
} from '@sen/read-models';
import type { AreaDirectory } from '@sen/reference';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/user';
import { ApiError } from '../common/api-error';
import { ReadYourWrites } from '../common/read-your-writes';
import { AreaScope } from '../indicators/area-scope';
import { OverdueQueryDto, ResponseTimesQueryDto } from './dashboard.dto';

function decodeCursor(raw: string): OverdueCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<OverdueCursor>;
    // ref_id is '' (a deadline of the case) or a referral id; kind one of the deadline kinds.
    if (
      isCursorInstant(c.dueAt) &&
      isUuid(c.caseId) &&
      typeof c.kind === 'string' &&
      /^[a-z_]{1,40}$/.test(c.kind) &&
      (c.refId === '' || isUuid(c.refId))
    ) {
      return { dueAt: c.dueAt, caseId: c.caseId, kind: c.kind, refId: c.refId };
    }
  } catch {
    // fall through
  }
  throw new ApiError(400, 'VALIDATION_FAILED', 'cursor is not one this API gave out', [
    { field: 'cursor', problems: ['invalid cursor'] },
  ]);
}

/** The supervisor's dashboard: timeliness of first responses, and what is late now, within their areas. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
@Roles('supervisor')
export class DashboardController {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly clock: Clock,
    private readonly scope: AreaScope,
    private readonly ryw: ReadYourWrites,
  ) {}

  /**
   * First responses (indicator 12's deadline) of the cases reported in a year: met, missed, pending (not yet
   * due), excluded (no response, assessed unfounded or closed as a duplicate), the timely rate met/(met+missed),
   * the median and 90th percentile of hours from report to first response and their distribution
   * (`hoursHistogram` over `hoursBucketEdges`), grouped as asked.
   */
  @ApiOkResponse({ schema: RESPONSE_TIMES })
  @Get('response-times')
  async responseTimes(@Query() q: ResponseTimesQueryDto, @CurrentUser() user: AuthUser) {
    const areaCode = this.scope.resolve(user, q.areaCode);
    await this.ryw.await('indicators', q.minPosition);
    const year = q.year ?? this.scope.currentYear();
    const groupBy = [...new Set((q.groupBy ?? 'area').split(','))] as TimelinessDimension[];
    const now = this.clock.now();
    // areaCode is within the user's reach (resolve above), so is every case under it.
    const filter = {
      year,
      areaCode,
      now,
      childAreas: childAreasOf(this.areas, areaCode),
      ...(q.category ? { category: q.category } : {}),
    };
    const [[totals], groups] = (await timelinessSets(this.sql, filter, [[], groupBy])) as [
      TimelinessGroup[],
      TimelinessGroup[],
    ];
    return {
      year,
      areaCode,
      areaName: this.areas.get(areaCode)?.name ?? null,
      groupBy,
      asOf: now.toISOString(),
      /** Upper edges (hours) of the buckets of each `hoursHistogram`; its last count is for the rest. */
      hoursBucketEdges: HOURS_BUCKET_EDGES,
      totals: withRate(totals!),
      groups: groups.map((g) => ({
        ...withRate(g),
        ...(g.area ? { areaName: this.areas.get(g.area)?.name ?? null } : {}),
      })),
    };
  }

  /** Open deadlines past due (first response, plan, referral acknowledgement and completion), oldest first. */
  @Get('overdue')
  @ApiOkResponse({ schema: OVERDUE })
  async overdue(@Query() q: OverdueQueryDto, @CurrentUser() user: AuthUser) {
    const areaCode = q.areaCode === undefined ? undefined : this.scope.resolve(user, q.areaCode);
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    await this.ryw.await('deadlines', q.minPosition);
    const now = this.clock.now();
    const page = await overdueDeadlines(this.sql, {
      scopeAreas: user.areaCodes,
      now,
      limit: q.limit ?? 50,
      ...(areaCode ? { areaCode } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return {
      asOf: now.toISOString(),
      total: page.total,
      items: page.items.map((i) => ({
        ...i,
        hoursOverdue: Math.round(i.hoursOverdue * 100) / 100,
        areaName: this.areas.get(i.areaCode)?.name ?? null,
      })),
      nextCursor: page.nextCursor ? Buffer.from(JSON.stringify(page.nextCursor)).toString('base64url') : null,
    };
  }
}
