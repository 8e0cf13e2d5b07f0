import { Inject, Injectable } from '@nestjs/common';
import type { CaseActor, CaseCommandGuard } from '@sen/case-app';
import { type CaseCommand, type CaseState, RuleViolationError } from '@sen/case-domain';
import { AREAS } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import { UsersRepository } from '../auth/users.repository';
import { ApiError } from '../common/api-error';
import { CaseAccess } from '../security/case-access';

/** What an agency officer may do: act on a referral to their agency. */
const REFERRAL_ACTIONS: ReadonlySet<CaseCommand['type']> = new Set([
  'AcknowledgeReferral',
  'AcceptReferral',
  'DeclineReferral',
  'CompleteReferral',
]);
const TIMERS: ReadonlySet<CaseCommand['type']> = new Set(['MarkReferralOverdue', 'CheckFirstResponse']);

/**
 * The API's guard on the one command path (handleCaseCommand): every scope rule of DESIGN.md section 6 for
 * writes, and every check that needs the world outside the stream (the area tree, the users). The route's
 * @Roles says who may call it at all; this says on which case.
 */
@Injectable()
export class ApiCaseCommandGuard implements CaseCommandGuard {
  constructor(
    private readonly users: UsersRepository,
    @Inject(AREAS) private readonly areas: AreaDirectory,
    private readonly access: CaseAccess,
  ) {}

  async check(actor: CaseActor, command: CaseCommand, state: CaseState): Promise<void> {
    switch (actor.role) {
      case 'social_worker':
      case 'supervisor':
        return this.worker(actor, command, state);
      case 'agency_officer':
        return this.officer(actor, command, state);
      case 'admin':
        // Administrators see no case; they only erase a child's personal data, on every case of the child.
        if (command.type === 'ErasePersonalData') return;
        break;
      case 'system':
        if (TIMERS.has(command.type)) return;
        break;
      default:
        break;
    }
    throw new ApiError(404, 'CASE_NOT_FOUND', 'no such case');
  }

  private async worker(actor: CaseActor, command: CaseCommand, state: CaseState): Promise<void> {
    if (command.type === 'OpenCase') {
      this.access.assertCanOpenIn(actor, command.data.location.areaCode);
      return;
    }
    this.access.assertCanSee(actor, state);
    switch (command.type) {
      case 'TransferCase': {
        const { toAreaCode, toAssigneeId } = command.data;
        const area = this.areas.get(toAreaCode);
        if (!area || area.level !== 'commune' || area.validTo !== null) {
          throw new RuleViolationError('UNKNOWN_AREA', `${toAreaCode} is not a commune of the current area tree`, {
            field: 'toAreaCode',
          });
        }
        if (toAssigneeId) await this.assertWorker(toAssigneeId, 'toAssigneeId', toAreaCode);
        return;
      }
      case 'AssignCase':
        return this.assertWorker(command.data.assigneeId, 'assigneeId', state.areaCode);
      case 'EscalateCase': {
        const toLevel = command.data.toLevel;
        // After 1 July 2025 there is no district level: a commune's case goes straight to the province.
        const levels = this.areas.levelsAbove(state.areaCode);
        if (levels.length > 0 && !levels.includes(toLevel) && toLevel !== state.level) {
          throw new RuleViolationError(
            'LEVEL_NOT_IN_HIERARCHY',
            `the area ${state.areaCode} has no ${toLevel} level above it (levels: ${levels.join(', ')})`,
            { field: 'toLevel' },
          );
        }
        return;
      }
      default:
        return;
    }
  }

  /**
   * The inbox's rule, referral by referral: the officer's agency, their unit (or none), and their areas (an
   * officer of a commune sees nothing of another commune's children). Anything else is 404, so it does not leak.
   */
  private officer(actor: CaseActor, command: CaseCommand, state: CaseState): void {
    if (REFERRAL_ACTIONS.has(command.type) && state.status !== 'none') {
      const referralId = (command.data as { referralId: string }).referralId;
      const referral = state.referrals.find((r) => r.referralId === referralId);
      const mine =
        referral !== undefined &&
        referral.toAgency === actor.agency &&
        (!actor.unitCode || !referral.unitCode || referral.unitCode === actor.unitCode) &&
        this.areas.scopePath(state.areaCode).some((a) => actor.areaCodes.includes(a));
      if (mine) return;
    }
    throw new ApiError(404, 'REFERRAL_NOT_FOUND', 'no such referral in your inbox');
  }

  /**
   * A case is assigned only to someone who may work on it: an active social worker or supervisor whose areas
   * hold the case's commune (for a transfer, the commune it goes to). Anyone else could not even open it.
   */
  private async assertWorker(userId: string, field: string, areaCode: string): Promise<void> {
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
