import { Command } from '@nestjs/cqrs';
import type { CaseActor } from '@sen/case-app';
import type { Metadata } from '@sen/case-domain';
import type { OpenCaseDto } from './open-case.dto';

export interface OpenCaseResult {
  caseId: string;
  childId: string;
  version: number;
  position: number | null;
  /** True when this answers a retry of an open that had already succeeded. */
  replayed: boolean;
}

export class OpenCaseCommand extends Command<OpenCaseResult> {
  constructor(
    readonly dto: OpenCaseDto,
    readonly metadata: Metadata,
    readonly idempotencyKey: string | null,
    /** Who opens it: the guard checks the area against their scope. */
    readonly actor: CaseActor,
  ) {
    super();
  }
}
