import type { AuthUser } from '../auth/user';

/**
 * The areas whose cases a user may see: a social worker their communes, a supervisor their area and all under
 * it. Every read model query filters by this (the security issue widens the checks to every endpoint).
 */
export function caseScope(user: AuthUser): string[] {
  if (user.role === 'social_worker' || user.role === 'supervisor') return user.areaCodes;
  return [];
}
