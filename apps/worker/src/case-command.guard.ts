import { Injectable } from '@nestjs/common';
import type { CaseActor, CaseCommandGuard } from '@sen/case-app';
import type { CaseCommand } from '@sen/case-domain';

const TIMERS: ReadonlySet<CaseCommand['type']> = new Set(['MarkReferralOverdue', 'CheckFirstResponse']);

/** The worker writes only as the system, and only the timers' commands. */
@Injectable()
export class WorkerCaseCommandGuard implements CaseCommandGuard {
  check(actor: CaseActor, command: CaseCommand): void {
    if (actor.role !== 'system' || !TIMERS.has(command.type)) {
      throw new Error(`the worker does not send ${command.type} as ${actor.role}`);
    }
  }
}
