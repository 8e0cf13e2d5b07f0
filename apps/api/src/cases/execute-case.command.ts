import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '@sen/case-app';
import type { CaseCommand } from '@sen/case-domain';

/** Any command on an existing case, with the version the client read. */
export class ExecuteCaseCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    readonly command: CaseCommand,
  ) {
    super();
  }
}
