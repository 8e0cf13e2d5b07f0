import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '@sen/case-app';
import type { CaseCommand } from '@sen/case-domain';
import type { AuthUser } from '../auth/user';

/** Any command on an existing case, with the version the client read. */
export class ExecuteCaseCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    readonly command: CaseCommand,
    /** Who asked: their scope is checked against the case before the decider runs. */
    readonly actor: AuthUser,
  ) {
    super();
  }
}
