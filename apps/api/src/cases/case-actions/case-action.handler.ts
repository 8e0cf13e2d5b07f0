import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandHandler, type CommandResult } from '@sen/case-app';
import { ExecuteCaseCommand } from '../execute-case.command';

/**
 * The bus's one handler for commands on a case: it hands them to the one command path (handleCaseCommand,
 * with the API's guard, ApiCaseCommandGuard, holding every scope rule). See CONVENTIONS.md on why the routes
 * go through the bus.
 */
@CommandHandler(ExecuteCaseCommand)
export class CaseActionHandler implements ICommandHandler<ExecuteCaseCommand> {
  constructor(private readonly handler: CaseCommandHandler) {}

  execute({ request }: ExecuteCaseCommand): Promise<CommandResult> {
    return this.handler.handle(request);
  }
}
