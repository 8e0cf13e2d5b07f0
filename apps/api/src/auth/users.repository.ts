import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import type { AuthUser } from './user';

/** A row of the users table (libs/db/migrations: 00002_reference, 00006_security, 00015_sign_in_sessions). */
export interface UserRow {
  user_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: AuthUser['role'];
  agency: AuthUser['agency'];
  unit_code: string | null;
  area_codes: string[];
  active: boolean;
  demo: boolean;
  failed_logins: number;
  locked_until: Date | null;
  password_changed_at: Date | null;
  token_version: number;
  created_at: Date;
  updated_at: Date;
}

/** A user an admin creates (the password already hashed). */
export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: AuthUser['role'];
  agency: string | null;
  unitCode: string | null;
  areaCodes: string[];
}

/** What an admin changes of a user: every field written; a new password also unlocks and ends the demo. */
export interface UserChange {
  displayName: string;
  role: AuthUser['role'];
  agency: string | null;
  areaCodes: string[];
  active: boolean;
  /** A new password, a deactivation or a reactivation ends every session (token_version moves on). */
  endSessions: boolean;
  passwordHash: string | null;
}

export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`the username ${username} is taken`);
  }
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

  /** Every user, by username (the admins' list). */
  async all(): Promise<UserRow[]> {
    return this.sql<UserRow[]>`select * from users order by username`;
  }

  /** The user's row as stored, or null. */
  async row(userId: string): Promise<UserRow | null> {
    const [row] = await this.sql<UserRow[]>`select * from users where user_id = ${userId}::uuid`;
    return row ?? null;
  }

  /** Creates a user; a username already used throws UsernameTakenError. */
  async create(u: NewUser): Promise<UserRow> {
    try {
      const [row] = await this.sql<UserRow[]>`
        insert into users (user_id, username, display_name, password_hash, role, agency, unit_code, area_codes, password_changed_at)
        values (${randomUUID()}::uuid, ${u.username}, ${u.displayName}, ${u.passwordHash}, ${u.role}, ${u.agency},
                ${u.unitCode}, ${u.areaCodes}::text[], now())
        returning *`;
      return row!;
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new UsernameTakenError(u.username);
      throw e;
    }
  }

  /** Writes an admin's change of a user; null when there is no such user. */
  async update(userId: string, c: UserChange): Promise<UserRow | null> {
    const [row] = await this.sql<UserRow[]>`
      update users set
        display_name = ${c.displayName},
        role = ${c.role},
        agency = ${c.agency},
        area_codes = ${c.areaCodes}::text[],
        active = ${c.active},
        ${c.endSessions ? this.sql`token_version = token_version + 1,` : this.sql``}
        ${c.passwordHash ? this.sql`password_hash = ${c.passwordHash}, password_changed_at = now(), failed_logins = 0, locked_until = null, demo = false,` : this.sql``}
        updated_at = now()
      where user_id = ${userId}::uuid
      returning *`;
    return row ?? null;
  }
}
