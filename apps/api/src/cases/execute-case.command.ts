import { Command } from '@nestjs/cqrs';
import type { CaseActor, CaseCommandRequest, CommandResult } from '@sen/case-app';
import type { CaseCommand } from '@sen/case-domain';

/** Any command on an existing case, with the version the client read; the bus hands it to handleCaseCommand. */
export class ExecuteCaseCommand extends Command<CommandResult> {
  readonly request: CaseCommandRequest;

  constructor(caseId: string, expectedVersion: number, command: CaseCommand, actor: CaseActor) {
    super();
    this.request = { caseId, commands: [command], expectedVersion, actor };
  }
}
