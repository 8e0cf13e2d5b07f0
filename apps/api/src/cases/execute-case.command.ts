import { Command } from '@nestjs/cqrs';
import type { CaseActor, CaseCommandRequest, CommandResult } from '@sen/case-app';
import type { CaseCommand } from '@sen/case-domain';

/**
 * A write on a case, as the API's routes send it over the command bus; its one handler (ExecuteCaseHandler)
 * hands it to handleCaseCommand. Either one command with the version the client read (If-Match) or 'latest',
 * or a whole request (a batch, derived event ids).
 */
export class ExecuteCaseCommand extends Command<CommandResult> {
  readonly request: CaseCommandRequest;

  constructor(request: CaseCommandRequest);
  constructor(caseId: string, expectedVersion: number | 'latest', command: CaseCommand, actor: CaseActor);
  constructor(
    first: CaseCommandRequest | string,
    expectedVersion?: number | 'latest',
    command?: CaseCommand,
    actor?: CaseActor,
  ) {
    super();
    this.request =
      typeof first === 'string'
        ? { caseId: first, commands: [command!], expectedVersion: expectedVersion!, actor: actor! }
        : first;
  }
}
