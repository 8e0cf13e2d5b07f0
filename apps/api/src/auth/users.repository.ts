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
}

export type StoredUser = AuthUser & { passwordHash: string; active: boolean; failedLogins: number; lockedUntil: Date | null };

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
});

/** After this many failures in a row an account waits 1, 2, 4 … up to 60 minutes before the next try. */
export const FREE_FAILURES = 5;

@Injectable()
export class UsersRepository {
  constructor(@Inject(SQL) private readonly sql: Sql) {}

  async byUsername(username: string): Promise<StoredUser | null> {
    const [row] = await this.sql<UserRow[]>`select * from users where username = ${username}`;
    return row ? toUser(row) : null;
  }

  /** Counts a failed sign-in; returns until when the account now waits (null: not yet). */
  async recordFailure(userId: string): Promise<Date | null> {
    const [row] = await this.sql<{ locked_until: Date | null }[]>`
      update users set failed_logins = failed_logins + 1,
             locked_until = case when failed_logins + 1 >= ${FREE_FAILURES}
               then now() + make_interval(mins => least(60, power(2, failed_logins + 1 - ${FREE_FAILURES})::int))
               else locked_until end
       where user_id = ${userId}::uuid
       returning locked_until`;
    return row?.locked_until ?? null;
  }

  async recordSuccess(userId: string): Promise<void> {
    await this.sql`update users set failed_logins = 0, locked_until = null where user_id = ${userId}::uuid and (failed_logins > 0 or locked_until is not null)`;
  }

  async byId(userId: string): Promise<StoredUser | null> {
    const [row] = await this.sql<UserRow[]>`select * from users where user_id = ${userId}::uuid`;
    return row ? toUser(row) : null;
  }
}
