import type { Agency, Role } from '@sen/case-domain';

/** The signed-in user as every handler sees it. */
export interface AuthUser {
  userId: string;
  username: string;
  displayName: string;
  role: Exclude<Role, 'system'>;
  agency: Agency | null;
  unitCode: string | null;
  areaCodes: string[];
}
