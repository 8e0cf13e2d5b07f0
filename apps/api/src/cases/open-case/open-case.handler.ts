import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { CaseCommandHandler, CaseRepository, VersionMismatchError } from '@sen/case-app';
import { type OpenCase, RuleViolationError, localDate } from '@sen/case-domain';
import type { SenConfig } from '@sen/config';
import { AREAS, SEN_CONFIG } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import { ApiError } from '../../common/api-error';
import { requestDigest } from '../../common/request-digest';
import { toInstant } from '../../common/validators';
import { OpenCaseCommand, type OpenCaseResult } from './open-case.command';

/** Namespace of case ids derived from (user, Idempotency-Key). */
const IDEMPOTENT_CASE_NS = '0b5c7f5e-6f0a-4a8e-9d1e-5e2a1c3d7b90';

/**
 * Opens a case. With an Idempotency-Key the case id is derived from the user and the key, so a retry lands on
 * the same stream: the event store refuses the second CaseOpened, and the retry is answered with the case
 * the first one created. The key and a keyed digest of the request are kept in the event's metadata, which
 * makes the event itself the idempotency record (nothing else to lose in a crash).
 */
@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand> {
  constructor(
    private readonly handler: CaseCommandHandler,
    private readonly repository: CaseRepository,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    @Inject(SEN_CONFIG) private readonly config: SenConfig,
  ) {}

  async execute({ dto, metadata, idempotencyKey, actor }: OpenCaseCommand): Promise<OpenCaseResult> {
    const area = this.areas.get(dto.location.areaCode);
    if (!area || area.level !== 'commune') {
      throw new RuleViolationError('UNKNOWN_AREA', `${dto.location.areaCode} is not a commune of Đồng Tháp`, {
        field: 'location.areaCode',
      });
    }
    // Each area tree holds for its dates (the communes before 1 July 2025, those after): a case is filed under a
    // commune that existed on the day it was reported, in Đồng Tháp's local date.
    const reportDay = localDate(toInstant(dto.reportedAt), 420);
    if (area.validFrom > reportDay || (area.validTo !== null && area.validTo < reportDay)) {
      throw new RuleViolationError(
        'AREA_NOT_IN_FORCE',
        `${dto.location.areaCode} was not a commune on ${reportDay} (it is one from ${area.validFrom}${area.validTo ? ` to ${area.validTo}` : ''})`,
        { field: 'location.areaCode', reportDay, validFrom: area.validFrom, validTo: area.validTo },
      );
    }
    const digest = requestDigest(this.config.piiMasterKey, dto);
    const caseId = idempotencyKey ? uuidv5(`${metadata.actorId}:${idempotencyKey}`, IDEMPOTENT_CASE_NS) : randomUUID();
    const childId = dto.childId ?? randomUUID();
    const command: OpenCase = {
      type: 'OpenCase',
      data: {
        caseId,
        childId,
        child: { ...dto.child },
        category: dto.category,
        summary: dto.summary,
        location: { areaCode: dto.location.areaCode },
        reportedAt: toInstant(dto.reportedAt),
        source: dto.source,
        ...(dto.reporter ? { reporter: { ...dto.reporter } } : {}),
        ...(dto.incidentId ? { incidentId: dto.incidentId } : {}),
      },
      metadata: { ...metadata, ...(idempotencyKey ? { idempotencyKey, requestDigest: digest } : {}) },
    };
    try {
      const result = await this.handler.execute(caseId, command, 0, actor);
      return { caseId, childId, version: result.version, position: result.position, replayed: false };
    } catch (error) {
      if (
        !idempotencyKey ||
        !(error instanceof VersionMismatchError || (error as { code?: string }).code === 'CASE_ALREADY_EXISTS')
      )
        throw error;
      return this.replay(caseId, idempotencyKey, digest);
    }
  }

  private async replay(caseId: string, key: string, digest: string): Promise<OpenCaseResult> {
    const loaded = await this.repository.load(caseId);
    const opened = loaded.events[0];
    if (!opened || opened.event.type !== 'CaseOpened' || opened.event.metadata.idempotencyKey !== key) {
      throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'this Idempotency-Key is in use; retry later');
    }
    if (opened.event.metadata.requestDigest !== digest) {
      throw new ApiError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was already used for a different request',
      );
    }
    return { caseId, childId: opened.event.data.childId, version: 1, position: opened.position, replayed: true };
  }
}
