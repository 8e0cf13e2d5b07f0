import { Body, Controller, Delete, HttpCode, Inject, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ERASED } from './admin.responses';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { ChildKeyStore } from '@sen/case-app';
import type { Sql } from '@sen/db';
import { type EventStore } from '@sen/event-store';
import { EVENT_STORE, LOGGER, SQL } from '@sen/platform';
import { PROJECTIONS, casesOfChild, projectionsBehind, waitForPosition } from '@sen/read-models';
import { Roles, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/user';
import { ApiError } from '../common/api-error';
import { uuidParam } from '../common/params';
import { CommandMetadata } from '../cases/command-metadata';
import { ExecuteCaseCommand } from '../cases/execute-case.command';
import { ErasureDto } from './admin.dto';
import { TracingService } from '../incidents/tracing.service';

/** Longer than the key caches of other processes (ChildKeyStore's TTL): after it, no process can decrypt. */
const CACHE_DRAIN_MS = 1_500;
/** How long the erasure waits for the read models to be blank before answering 503 (a retry finishes it). */
const READ_MODELS_WAIT_MS = 10_000;

/**
 * Crypto-shredding (DESIGN.md section 6): the child's data key is destroyed, so the personal data in every
 * event of the child reads as erased; then each of the child's cases gets PersonalDataErased, which blanks
 * the read models. The events still count in the indicators. It answers 200 only once every projection has
 * passed the erasure's own events, so that no read model still holds the child's data; if the projector is
 * behind for longer than READ_MODELS_WAIT_MS it answers 503 PROJECTION_BEHIND, and a retry (idempotent: the
 * key is already gone and an erased case appends nothing) waits again.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('children')
@Roles('admin')
export class ErasureController {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly keys: ChildKeyStore,
    private readonly bus: CommandBus,
    private readonly metadata: CommandMetadata,
    private readonly tracing: TracingService,
  ) {}

  @ApiOkResponse({ schema: ERASED })
  @Delete(':childId/personal-data')
  @HttpCode(200)
  async erase(
    @Param('childId', uuidParam('childId')) childId: string,
    @Body() dto: ErasureDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ) {
    const known = await this.keys.record(childId);
    if (!known) throw new ApiError(404, 'CHILD_NOT_FOUND', 'no personal data is held for this child');
    await this.keys.destroy(childId, dto.reason);
    await new Promise((r) => setTimeout(r, CACHE_DRAIN_MS));
    // Every case of the child the projection knows of: wait until it has seen everything written so far.
    const head = await this.store.headPosition();
    if (head >= 0 && !(await waitForPosition(this.sql, this.store, 'cases', head, 10_000))) {
      throw new ApiError(
        503,
        'PROJECTION_BEHIND',
        'the key is destroyed; the case list is catching up, retry to finish the erasure',
        { childId },
        { 'Retry-After': '5' },
      );
    }
    const cases = await casesOfChild(this.sql, childId);
    const positions: number[] = [];
    for (const { case_id } of cases) {
      const result = await this.bus.execute(
        new ExecuteCaseCommand(
          case_id,
          'latest',
          { type: 'ErasePersonalData', data: { reason: dto.reason }, metadata: this.metadata.of(user, req) },
          user,
        ),
      );
      if (result.position !== null) positions.push(result.position);
    }
    await this.tracing.eraseFor(childId);
    this.logger.info({ childId, cases: cases.length }, 'personal data erased');
    // The erasure's own position: its PersonalDataErased events (or, on a retry, the cases' last events, which
    // come after them). Every projection the projector runs must pass it before the read models are blank.
    const position = positions.length ? Math.max(...positions) : null;
    if (position !== null) {
      const behind = await projectionsBehind(
        this.sql,
        this.store,
        PROJECTIONS.map((p) => p.name),
        position,
        READ_MODELS_WAIT_MS,
      );
      if (behind.length > 0) {
        throw new ApiError(
          503,
          'PROJECTION_BEHIND',
          `the key is destroyed and the erasure recorded at position ${position}; the read models (${behind.join(', ')}) are catching up, retry to confirm`,
          { childId, position, projections: behind },
          { 'Retry-After': '5' },
        );
      }
    }
    return {
      childId,
      erasedAt: (known.erasedAt ?? new Date()).toISOString(),
      cases: cases.map((c) => c.case_id),
      position,
    };
  }
}
