import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandHandler, type CommandResult } from '@sen/case-app';
import { ExecuteCaseCommand } from './execute-case.command';

/**
 * The bus's one handler for writes on a case (every route's but the opening's, whose own handler ends in the
 * same path): it hands them to handleCaseCommand, whose guard (ApiCaseCommandGuard) holds every scope rule.
 * CONVENTIONS.md says why the routes go through the bus.
 */
@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseHandler implements ICommandHandler<ExecuteCaseCommand> {
  constructor(private readonly handler: CaseCommandHandler) {}

  execute({ request }: ExecuteCaseCommand): Promise<CommandResult> {
    return this.handler.handle(request);
  }
}
