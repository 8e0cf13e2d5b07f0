import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import type { AuthUser } from './user';

interface UserRow {
  user_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: AuthUser['role'];
  agency: AuthUser['agency'];
  unit_code: string | null;
  area_codes: string[];
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
  token_version: number;
}

export type StoredUser = AuthUser & {
  passwordHash: string;
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  tokenVersion: number;
};

const toUser = (r: UserRow): StoredUser => ({
  userId: r.user_id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  agency: r.agency,
  unitCode: r.unit_code,
  areaCodes: r.area_codes,
  passwordHash: r.password_hash,
  active: r.active,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  tokenVersion: r.token_version,
});

@Injectable()
export class UsersRepository {
  constructor(@Inject(SQL) private readonly sql: Sql) {}

  async byUsername(username: string): Promise<StoredUser | null> {
    const [row] = await this.sql<UserRow[]>`select * from users where username = ${username}`;
    return row ? toUser(row) : null;
  }

  /**
   * Counts a failed sign-in for the admins' list of users (failed_logins). It locks nothing: throttling is per
   * client address (LoginThrottle), so that nobody elsewhere can lock a worker out. The same statement runs for
   * an unknown username (and changes no row), so both cost the same.
   */
  async recordFailure(username: string): Promise<void> {
    await this.sql`update users set failed_logins = failed_logins + 1 where username = ${username}`;
  }

  async recordSuccess(userId: string): Promise<void> {
    await this
      .sql`update users set failed_logins = 0, locked_until = null where user_id = ${userId}::uuid and (failed_logins > 0 or locked_until is not null)`;
  }

  async byId(userId: string): Promise<StoredUser | null> {
    const [row] = await this.sql<UserRow[]>`select * from users where user_id = ${userId}::uuid`;
    return row ? toUser(row) : null;
  }
}
