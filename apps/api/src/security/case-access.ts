import { Inject, Injectable } from '@nestjs/common';
import type { CaseActor } from '@sen/case-app';
import type { CaseState, ExistingCase } from '@sen/case-domain';
import { AREAS } from '@sen/platform';
import type { AreaDirectory } from '@sen/reference';
import { ApiError } from '../common/api-error';
import type { AuthUser } from '../auth/user';

/**
 * Who may see which case (DESIGN.md section 6): a social worker the cases of their communes, a supervisor
 * those of their area and everything under it. Agency officers see only what a referral needs (their inbox),
 * analysts only aggregates, admins no case at all. A case out of scope answers 404, so its existence does
 * not leak.
 */
@Injectable()
export class CaseAccess {
  constructor(@Inject(AREAS) private readonly areas: AreaDirectory) {}

  /** The areas whose cases the user may read (empty: none). */
  scope(user: AuthUser | CaseActor): string[] {
    return user.role === 'social_worker' || user.role === 'supervisor' ? user.areaCodes : [];
  }

  canSeeArea(user: AuthUser | CaseActor, areaCode: string): boolean {
    const scope = this.scope(user);
    if (scope.length === 0) return false;
    return this.areas.scopePath(areaCode).some((a) => scope.includes(a));
  }

  /** Does any of these areas overlap the user's (one inside the other)? For incidents, which cover areas. */
  overlaps(user: AuthUser | CaseActor, areaCodes: string[]): boolean {
    const scope = this.scope(user);
    return areaCodes.some((a) =>
      scope.some((u) => this.areas.scopePath(a).includes(u) || this.areas.scopePath(u).includes(a)),
    );
  }

  /** Throws 404 unless the case exists and is within the user's scope. */
  assertCanSee(user: AuthUser | CaseActor, state: CaseState): asserts state is ExistingCase {
    this.assertCanSeeCaseIn(user, state.status === 'none' ? null : state.areaCode);
  }

  /** The same rule for a case known by its area (null: no such case). */
  assertCanSeeCaseIn(user: AuthUser | CaseActor, areaCode: string | null): void {
    if (areaCode === null || !this.canSeeArea(user, areaCode)) {
      throw new ApiError(404, 'CASE_NOT_FOUND', 'no such case');
    }
  }

  /** Cases are opened only in the areas one serves (an unknown area is the handler's 422, not a 403). */
  assertCanOpenIn(user: AuthUser | CaseActor, areaCode: string): void {
    if (this.areas.get(areaCode) && !this.canSeeArea(user, areaCode)) {
      throw new ApiError(
        403,
        'AREA_OUT_OF_SCOPE',
        `you may open cases only in your own areas (${user.areaCodes.join(', ')})`,
        [{ field: 'location.areaCode', problems: ['outside your areas'] }],
      );
    }
  }
}
