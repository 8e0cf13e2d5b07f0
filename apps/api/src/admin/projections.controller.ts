import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PARKED_LIST, PARKED_REPLAY } from './admin.responses';
import type { Logger } from 'pino';
import { ChildKeyStore, PiiCodec } from '@sen/case-app';
import type { Sql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import { AREAS, EVENT_STORE, LOGGER, SQL } from '@sen/platform';
import { PROJECTIONS, ParkedEventNotFoundError, listParked, replayParked } from '@sen/read-models';
import type { AreaDirectory } from '@sen/reference';
import { Roles } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ParkedQueryDto } from './admin.dto';

/** A parked event's id: a positive integer, else a 400 naming the parameter. */
function parkedId(value: string): number {
  const id = Number(value);
  if (!/^[1-9][0-9]{0,15}$/.test(value) || !Number.isSafeInteger(id)) {
    throw new ApiError(400, 'INVALID_ID', 'id must be a positive integer', [
      { field: 'id', problems: ['must be a positive integer'] },
    ]);
  }
  return id;
}

/**
 * Events a projection could not apply (parked; README, "Projections"): the list, and the replay of one case's
 * parked events in a projection once its code is fixed. Ids, types and error codes only: no personal data.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/projections/parked')
@Roles('admin')
export class ProjectionsController {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly pii: PiiCodec,
    private readonly keys: ChildKeyStore,
  ) {}

  @ApiOkResponse({ schema: PARKED_LIST })
  @Get()
  async list(@Query() q: ParkedQueryDto) {
    return { items: await listParked(this.sql, { all: q.all === 'true', limit: q.limit ?? 500 }) };
  }

  /** Re-applies the parked events of this one's case in its projection, in order: 200 with the outcome either way. */
  @ApiOkResponse({ schema: PARKED_REPLAY })
  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id') raw: string) {
    const id = parkedId(raw);
    try {
      const result = await replayParked(
        {
          sql: this.sql,
          store: this.store,
          projections: PROJECTIONS,
          context: { areas: this.areas },
          pii: this.pii,
          keys: this.keys,
        },
        id,
      );
      this.logger.info(
        {
          projection: result.projection,
          caseId: result.caseId,
          events: result.ids.length,
          outcome: result.outcome,
          errorCode: result.error?.code,
        },
        'parked events replayed',
      );
      return result;
    } catch (error) {
      if (error instanceof ParkedEventNotFoundError)
        throw new ApiError(
          404,
          'PARKED_EVENT_NOT_FOUND',
          'no parked event has this id (replayed already, or never parked)',
          { id },
        );
      throw error;
    }
  }
}
