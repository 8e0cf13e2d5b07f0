import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/user';
import { AccessLog } from '../../security/access-log';
import { CaseAccess } from '../../security/case-access';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CASE_HISTORY, CASE_VIEW } from '../case.responses';
import { CaseRepository } from '@sen/case-app';
import { Roles } from '../../auth/auth.decorators';
import { ApiError } from '../../common/api-error';
import { Clock } from '@sen/platform';
import { type CaseDetailState, caseDetailOf } from '@sen/read-models';
import { uuidParam } from '../../common/params';
import { fullCaseView } from './case.view';

function parseAsOf(asOf: string | undefined): Date | undefined {
  if (asOf === undefined) return undefined;
  const t = Date.parse(asOf);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(asOf) || Number.isNaN(t)) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'asOf must be an ISO-8601 timestamp', [
      { field: 'asOf', problems: ['must be an ISO-8601 timestamp'] },
    ]);
  }
  return new Date(t);
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases/:id')
@Roles('social_worker', 'supervisor')
export class GetCaseController {
  constructor(
    private readonly repository: CaseRepository,
    private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly accessLog: AccessLog,
  ) {}

  /** The case folded from its stream: always current, whatever the projections' lag. */
  @ApiOkResponse({ schema: CASE_VIEW })
  @Get()
  async get(
    @Param('id', uuidParam('id')) id: string,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const events = await this.repository.history(id);
    const state = caseDetailOf(events.map((e) => e.event));
    const visible = this.assertVisible(user, state);
    await this.accessLog.record(user, req, [{ caseId: id, childId: visible.file.childId }]);
    res.setHeader('ETag', `"${events.length}"`);
    res.setHeader('Cache-Control', 'no-store');
    return fullCaseView(visible, events.length, this.clock.now());
  }

  @ApiOkResponse({ schema: CASE_HISTORY })
  @Get('history')
  @ApiQuery({ name: 'asOf', required: false, description: 'State and events as they stood at this time' })
  async history(
    @Param('id', uuidParam('id')) id: string,
    @Query('asOf') asOfRaw: string | undefined,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const asOf = parseAsOf(asOfRaw);
    const full = await this.repository.history(id);
    const visible = this.assertVisible(user, caseDetailOf(full.map((e) => e.event)));
    await this.accessLog.record(user, req, [{ caseId: id, childId: visible.file.childId }]);
    // As it stood at `asOf`: only the events recorded by then.
    const events = asOf ? full.filter((e) => e.recordedAt <= asOf) : full;
    const state = caseDetailOf(events.map((e) => e.event));
    res.setHeader('Cache-Control', 'no-store');
    return {
      caseId: id,
      asOf: asOf?.toISOString() ?? null,
      version: events.length,
      state: state.status === 'none' ? null : fullCaseView(state, events.length, asOf ?? this.clock.now()),
      events: events.map((e) => ({
        version: e.revision + 1,
        position: e.position,
        type: e.event.type,
        data: e.event.data,
        actorId: e.event.metadata.actorId,
        actorRole: e.event.metadata.actorRole,
        occurredAt: e.event.metadata.occurredAt,
        recordedAt: e.recordedAt.toISOString(),
      })),
    };
  }

  /** The rule of every case read: 404 unless it exists and lies in the user's areas. */
  private assertVisible(user: AuthUser, state: CaseDetailState): Exclude<CaseDetailState, { status: 'none' }> {
    this.access.assertCanSeeCaseIn(user, state.status === 'none' ? null : state.file.areaCode);
    return state as Exclude<CaseDetailState, { status: 'none' }>;
  }
}
