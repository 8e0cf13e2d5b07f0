import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseCommandExecutor, type CommandResult } from '@sen/case-app';
import { type CaseState, RuleViolationError } from '@sen/case-domain';
import { CaseAccess } from '../../security/case-access';
import { AREAS } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import { ExecuteCaseCommand } from '../execute-case.command';
import { UsersRepository } from '../../auth/users.repository';

/**
 * Thin adapter around the decider: checks what only the outside world knows (areas, users), then runs the one
 * command path (read, fold, decide, append with the version read).
 */
@CommandHandler(ExecuteCaseCommand)
export class CaseActionHandler implements ICommandHandler<ExecuteCaseCommand> {
  constructor(
    private readonly executor: CaseCommandExecutor,
    private readonly users: UsersRepository,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly access: CaseAccess,
  ) {}

  async execute({ caseId, expectedVersion, command, actor }: ExecuteCaseCommand): Promise<CommandResult> {
    // Agency officers reach a case only through a referral to their agency (checked by the referrals controller).
    const inScope = (state: CaseState) => {
      if (actor.role !== 'agency_officer') this.access.assertCanSee(actor, state);
    };
    switch (command.type) {
      case 'TransferCase': {
        const { toAreaCode, toAssigneeId } = command.data;
        return this.executor.execute(caseId, command, expectedVersion, async (state) => {
          inScope(state);
          const area = this.areas.get(toAreaCode);
          if (!area || area.level !== 'commune' || area.validTo !== null) {
            throw new RuleViolationError('UNKNOWN_AREA', `${toAreaCode} is not a commune of the current area tree`, {
              field: 'toAreaCode',
            });
          }
          if (toAssigneeId) await this.assertWorker(toAssigneeId, 'toAssigneeId', toAreaCode);
        });
      }
      case 'AssignCase': {
        const { assigneeId } = command.data;
        return this.executor.execute(caseId, command, expectedVersion, async (state) => {
          inScope(state);
          if (state.status !== 'none') await this.assertWorker(assigneeId, 'assigneeId', state.file.areaCode);
        });
      }
      case 'EscalateCase': {
        const toLevel = command.data.toLevel;
        return this.executor.execute(caseId, command, expectedVersion, (state) => {
          inScope(state);
          if (state.status === 'none') return;
          // After 1 July 2025 there is no district level: a commune's case goes straight to the province.
          const levels = this.areas.levelsAbove(state.file.areaCode);
          if (levels.length > 0 && !levels.includes(toLevel) && toLevel !== state.file.level) {
            throw new RuleViolationError(
              'LEVEL_NOT_IN_HIERARCHY',
              `the area ${state.file.areaCode} has no ${toLevel} level above it (levels: ${levels.join(', ')})`,
              { field: 'toLevel' },
            );
          }
        });
      }
      default:
        break;
    }
    return this.executor.execute(caseId, command, expectedVersion, inScope);
  }

  /**
   * A case is assigned only to someone who may work on it: an active social worker or supervisor whose areas
   * hold the case's commune (for a transfer, the commune it goes to). Anyone else could not even open it.
   */
  private async assertWorker(userId: string, field: string, areaCode: string) {
    const user = await this.users.byId(userId);
    if (!user || !user.active || (user.role !== 'social_worker' && user.role !== 'supervisor')) {
      throw new RuleViolationError('UNKNOWN_ASSIGNEE', `${field} must name an active social worker or supervisor`, {
        field,
      });
    }
    if (!this.access.canSeeArea(user, areaCode)) {
      throw new RuleViolationError('ASSIGNEE_OUT_OF_AREA', `${field} must name someone who works in ${areaCode}`, {
        field,
        areaCode,
      });
    }
  }
}
