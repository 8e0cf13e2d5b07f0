import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CHILDREN_REGISTERED, INCIDENT, INCIDENTS, INCIDENT_WITH_FIGURES } from './incident.responses';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { AREAS } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/user';
import { ApiError } from '../common/api-error';
import { uuidParam } from '../common/params';
import { ReadYourWrites } from '../common/read-your-writes';
import { toInstant } from '../common/validators';
import { CommandMetadata } from '../cases/command-metadata';
import { CaseAccess } from '../security/case-access';
import { MinPositionDto, RegisterChildrenDto, RegisterIncidentDto } from './incidents.dto';
import { IncidentsRepository, incidentView } from './incidents.repository';
import { RegisterChildrenService } from './register-children.service';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** Disasters: an incident, the children it puts in need (in batches), and its page of figures. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
@Roles('social_worker', 'supervisor')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly registration: RegisterChildrenService,
    private readonly metadata: CommandMetadata,
    private readonly access: CaseAccess,
    private readonly ryw: ReadYourWrites,
    @Inject(AREAS) private readonly areas: AreaDirectory,
  ) {}

  @ApiCreatedResponse({ schema: INCIDENT })
  @Post()
  @HttpCode(201)
  async create(@Body() dto: RegisterIncidentDto, @CurrentUser() user: AuthUser) {
    const unknown = dto.areaCodes.filter((c) => !this.areas.get(c));
    if (unknown.length)
      throw new ApiError(422, 'UNKNOWN_AREA', `unknown areas: ${unknown.join(', ')}`, [
        { field: 'areaCodes', problems: unknown },
      ]);
    const outside = dto.areaCodes.filter((c) => !this.access.canSeeArea(user, c));
    if (outside.length)
      throw new ApiError(403, 'AREA_OUT_OF_SCOPE', `outside your areas: ${outside.join(', ')}`, [
        { field: 'areaCodes', problems: outside },
      ]);
    const row = await this.incidents.insert({
      incident_id: randomUUID(),
      type: dto.type,
      name: dto.name,
      area_codes: dto.areaCodes,
      area_path: [...new Set(dto.areaCodes.flatMap((c) => this.areas.scopePath(c)))].sort(),
      started_at: new Date(toInstant(dto.startedAt)),
      description: dto.description ?? '',
      created_by: user.userId,
    });
    return incidentView(row);
  }

  @ApiOkResponse({ schema: INCIDENTS })
  @Get()
  async list(@CurrentUser() user: AuthUser) {
    return {
      items: (await this.incidents.list(500)).filter((i) => this.access.overlaps(user, i.area_codes)).map(incidentView),
    };
  }

  @ApiOkResponse({ schema: INCIDENT_WITH_FIGURES })
  @Get(':id')
  async one(@Param('id', uuidParam('id')) id: string, @Query() q: MinPositionDto, @CurrentUser() user: AuthUser) {
    const incident = await this.visible(id, user);
    await this.ryw.await('cases', q.minPosition);
    await this.ryw.await('deadlines', q.minPosition);
    return { ...incidentView(incident), figures: await this.incidents.figures(id) };
  }

  @ApiOkResponse({ schema: CHILDREN_REGISTERED })
  @Post(':id/children')
  @HttpCode(200)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeating the batch with the same key creates nothing new',
  })
  async children(
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: RegisterChildrenDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    if (key !== undefined && !KEY.test(key))
      throw new ApiError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 printable ASCII characters');
    await this.visible(id, user);
    const { results, position } = await this.registration.register(
      id,
      dto.children,
      key ?? null,
      user,
      this.metadata.of(user, req),
    );
    return {
      incidentId: id,
      created: results.filter((r) => r.status === 'created' && !r.replayed).length,
      replayed: results.filter((r) => r.replayed).length,
      refused: results.filter((r) => r.status === 'refused').length,
      position,
      results,
    };
  }

  private async visible(id: string, user: AuthUser) {
    const incident = await this.incidents.byId(id);
    if (!incident || !this.access.overlaps(user, incident.area_codes))
      throw new ApiError(404, 'INCIDENT_NOT_FOUND', 'no such incident');
    return incident;
  }
}
