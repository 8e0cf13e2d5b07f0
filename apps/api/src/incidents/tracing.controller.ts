import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { REUNITED, TRACING_LIST, TRACING_REQUEST } from './incident.responses';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CaseRepository } from '@sen/case-app';
import { AREAS, Clock } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/user';
import { ApiError } from '../common/api-error';
import { IfMatch } from '../common/if-match';
import { uuidParam } from '../common/params';
import { ReadYourWrites } from '../common/read-your-writes';
import { toInstant } from '../common/validators';
import { CommandMetadata } from '../cases/command-metadata';
import { ExecuteCaseCommand } from '../cases/execute-case.command';
import { AccessLog } from '../security/access-log';
import { CaseAccess } from '../security/case-access';
import { ListTracingQueryDto, MinPositionDto, ReuniteDto, TracingRequestDto } from './incidents.dto';
import { decodeTracingCursor } from './tracing-cursor';
import { IncidentsRepository } from './incidents.repository';
import { type TracingRow, TracingService } from './tracing.service';

/** Family tracing for separated children (issue: disasters). */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('tracing-requests')
@Roles('social_worker', 'supervisor')
export class TracingController {
  constructor(
    private readonly tracing: TracingService,
    private readonly incidents: IncidentsRepository,
    private readonly access: CaseAccess,
    private readonly accessLog: AccessLog,
    private readonly bus: CommandBus,
    private readonly metadata: CommandMetadata,
    private readonly clock: Clock,
    private readonly ryw: ReadYourWrites,
    private readonly cases: CaseRepository,
    @Inject(AREAS) private readonly areas: AreaDirectory,
  ) {}

  @ApiCreatedResponse({ schema: TRACING_REQUEST })
  @Post()
  @HttpCode(201)
  async create(
    @Body() dto: TracingRequestDto,
    @Query() q: MinPositionDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    if (!this.areas.get(dto.sought.lastSeenAreaCode)) {
      throw new ApiError(422, 'UNKNOWN_AREA', `${dto.sought.lastSeenAreaCode} is not an area`, [
        { field: 'sought.lastSeenAreaCode', problems: ['unknown area'] },
      ]);
    }
    if (dto.incidentId) {
      const incident = await this.incidents.byId(dto.incidentId);
      if (!incident || !this.access.overlaps(user, incident.area_codes))
        throw new ApiError(404, 'INCIDENT_NOT_FOUND', 'no such incident');
    }
    const request = await this.tracing.create({
      request_id: randomUUID(),
      incident_id: dto.incidentId ?? null,
      requester_name: dto.requester.name,
      requester_phone: dto.requester.phone,
      requester_relation: dto.requester.relation,
      sought_name: dto.sought.fullName,
      sought_sex: dto.sought.sex ?? null,
      sought_age_years: dto.sought.ageYears ?? null,
      last_seen_area_code: dto.sought.lastSeenAreaCode,
      last_seen_at: dto.sought.lastSeenAt ? new Date(toInstant(dto.sought.lastSeenAt)) : null,
      description: dto.sought.description ?? '',
      area_path: this.areas.scopePath(dto.sought.lastSeenAreaCode),
      created_by: user.userId,
    });
    await this.ryw.await('cases', q.minPosition);
    return this.view(request, user, req);
  }

  /**
   * The requests in the user's areas (the same rule as one request), newest first. Each carries the names of
   * the family and the sought child: a request matched to a registered child is a read of that child's
   * personal data and goes to the access log, like the matches of one request do.
   */
  @ApiOkResponse({ schema: TRACING_LIST })
  @Get()
  async list(@Query() q: ListTracingQueryDto, @CurrentUser() user: AuthUser, @Req() req: Request) {
    const cursor = q.cursor ? decodeTracingCursor(q.cursor) : undefined;
    if (cursor === null)
      throw new ApiError(400, 'VALIDATION_FAILED', 'cursor is not one this API gave out', [
        { field: 'cursor', problems: ['invalid cursor'] },
      ]);
    await this.ryw.await('cases', q.minPosition);
    const scope = this.access.scope(user);
    const page = await this.tracing.list({
      scope,
      scopeAncestors: [...new Set(scope.flatMap((a) => this.areas.scopePath(a)))],
      ...(q.incidentId ? { incidentId: q.incidentId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(cursor ? { cursor } : {}),
      limit: q.limit ?? 20,
    });
    await this.accessLog.record(
      user,
      req,
      page.items
        .filter((r) => r.matched_case_id)
        .map((r) => ({ caseId: r.matched_case_id!, childId: r.matched_child_id })),
    );
    return { items: page.items.map(listItem), nextCursor: page.nextCursor };
  }

  @ApiOkResponse({ schema: TRACING_REQUEST })
  @Get(':id')
  async one(
    @Param('id', uuidParam('id')) id: string,
    @Query() q: MinPositionDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    await this.ryw.await('cases', q.minPosition);
    return this.view(await this.visible(id, user), user, req);
  }

  @ApiOkResponse({ schema: TRACING_REQUEST })
  @Post(':id/matches/:caseId/confirm')
  @HttpCode(200)
  confirm(
    @Param('id', uuidParam('id')) id: string,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    return this.decide(id, caseId, 'confirmed', user, req);
  }

  @ApiOkResponse({ schema: TRACING_REQUEST })
  @Post(':id/matches/:caseId/reject')
  @HttpCode(200)
  reject(
    @Param('id', uuidParam('id')) id: string,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    return this.decide(id, caseId, 'rejected', user, req);
  }

  /**
   * Takes back a rejection, so that the child is proposed again. Only the worker who opened the request may:
   * the family's contact is theirs, and a rejection by a colleague is undone by that worker, not by a third.
   * Restoring a match that was never rejected changes nothing.
   */
  @ApiOkResponse({ schema: TRACING_REQUEST })
  @Post(':id/matches/:caseId/restore')
  @HttpCode(200)
  async restore(
    @Param('id', uuidParam('id')) id: string,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    const request = await this.visible(id, user);
    await this.assertCaseVisible(caseId, user);
    if (request.created_by !== user.userId)
      throw new ApiError(
        403,
        'TRACING_NOT_OWNER',
        'only the worker who opened this request may restore a rejected match',
      );
    if (request.status === 'reunited') throw new ApiError(409, 'TRACING_CLOSED', 'this family is already reunited');
    const restored = await this.tracing.restore(request, caseId);
    if (restored === 'confirmed')
      throw new ApiError(409, 'MATCH_NOT_REJECTED', 'that match is confirmed, not rejected');
    return this.view((await this.tracing.byId(id))!, user, req);
  }

  /** The family is together again: family_reunification support on the matched child's case closes the loop. */
  @ApiOkResponse({ schema: REUNITED })
  @Post(':id/reunite')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true, description: "The matched case's version" })
  async reunite(
    @Param('id', uuidParam('id')) id: string,
    @IfMatch() version: number,
    @Body() dto: ReuniteDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    const request = await this.visible(id, user);
    if (request.status !== 'matched' || !request.matched_case_id) {
      throw new ApiError(409, 'TRACING_NOT_MATCHED', 'confirm a match before recording the reunion');
    }
    const at = dto.at ? toInstant(dto.at) : this.clock.now().toISOString();
    const metadata = this.metadata.of(user, req);
    const result = await this.bus.execute(
      new ExecuteCaseCommand(
        request.matched_case_id,
        version,
        {
          type: 'ProvideSupport',
          data: { service: 'family_reunification', agency: 'social_affairs', providedAt: at, notes: dto.notes ?? '' },
          metadata,
        },
        user,
      ),
    );
    await this.tracing.reunited(id, new Date(at));
    return {
      requestId: id,
      caseId: request.matched_case_id,
      status: 'reunited',
      version: result.version,
      position: result.position,
    };
  }

  private async decide(id: string, caseId: string, decision: 'confirmed' | 'rejected', user: AuthUser, req: Request) {
    const request = await this.visible(id, user);
    await this.assertCaseVisible(caseId, user);
    if (request.status === 'reunited') throw new ApiError(409, 'TRACING_CLOSED', 'this family is already reunited');
    const all = await this.tracing.matches(request, this.access.scope(user), 1000);
    const match = all.find((m) => m.caseId === caseId);
    if (!match && decision === 'confirmed')
      throw new ApiError(404, 'MATCH_NOT_FOUND', 'that child is not among the proposed matches');
    await this.tracing.decide(request, caseId, match?.childId ?? null, decision, match?.score ?? 0, user.userId);
    return this.view((await this.tracing.byId(id))!, user, req);
  }

  /**
   * A decision on a match is a decision about the child's case: it is allowed only to those who may see that
   * case (the rule of GET /cases/:id, and its 404), whoever may see the request.
   */
  private async assertCaseVisible(caseId: string, user: AuthUser): Promise<void> {
    this.access.assertCanSee(user, (await this.cases.load(caseId)).state);
  }

  private async visible(id: string, user: AuthUser): Promise<TracingRow> {
    const request = await this.tracing.byId(id);
    if (!request || !this.access.overlaps(user, [request.last_seen_area_code]))
      throw new ApiError(404, 'TRACING_NOT_FOUND', 'no such tracing request');
    return request;
  }

  private async view(r: TracingRow, user: AuthUser, req: Request) {
    const scope = this.access.scope(user);
    const matches = r.status === 'reunited' ? [] : await this.tracing.matches(r, scope);
    const rejected = r.status === 'reunited' ? [] : await this.tracing.rejected(r, scope);
    await this.accessLog.record(
      user,
      req,
      matches.map((m) => ({ caseId: m.caseId, childId: m.childId })),
    );
    return {
      requestId: r.request_id,
      incidentId: r.incident_id,
      status: r.status,
      requester: { name: r.requester_name, phone: r.requester_phone, relation: r.requester_relation },
      sought: {
        fullName: r.sought_name,
        sex: r.sought_sex,
        ageYears: r.sought_age_years,
        lastSeenAreaCode: r.last_seen_area_code,
        lastSeenAt: r.last_seen_at?.toISOString() ?? null,
        description: r.description,
      },
      matchedCaseId: r.matched_case_id,
      reunitedAt: r.reunited_at?.toISOString() ?? null,
      matches,
      // Rejected children are not proposed; their case ids (those the caller may see) let the owner restore one.
      rejectedCaseIds: rejected,
    };
  }
}

function listItem(r: TracingRow) {
  return {
    requestId: r.request_id,
    incidentId: r.incident_id,
    status: r.status,
    requester: { name: r.requester_name, phone: r.requester_phone, relation: r.requester_relation },
    sought: {
      fullName: r.sought_name,
      sex: r.sought_sex,
      ageYears: r.sought_age_years,
      lastSeenAreaCode: r.last_seen_area_code,
      lastSeenAt: r.last_seen_at?.toISOString() ?? null,
    },
    matchedCaseId: r.matched_case_id,
    createdAt: r.created_at.toISOString(),
    reunitedAt: r.reunited_at?.toISOString() ?? null,
  };
}
