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
}

export type StoredUser = AuthUser & { passwordHash: string; active: boolean };

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
});

@Injectable()
export class UsersRepository {
  constructor(@Inject(SQL) private readonly sql: Sql) {}

  async byUsername(username: string): Promise<StoredUser | null> {
    const [row] = await this.sql<UserRow[]>`select * from users where username = ${username}`;
    return row ? toUser(row) : null;
  }

  async byId(userId: string): Promise<StoredUser | null> {
    const [row] = await this.sql<UserRow[]>`select * from users where user_id = ${userId}::uuid`;
    return row ? toUser(row) : null;
  }
}
