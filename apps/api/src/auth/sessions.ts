import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import { ApiError } from '../common/api-error';
import type { AuthUser } from './user';
import { UsersRepository } from './users.repository';

/** What a Sen token says: the user, the version of their sessions it belongs to, and when it ends. */
export interface TokenClaims {
  sub: string;
  /** The user's token_version when the token was signed. */
  tv: number;
  exp: number;
}

/** How long a user row is reused between reads: a change made through another replica takes effect within it. */
export const USER_CACHE_MS = 5_000;

type Cached = { user: AuthUser | null; tokenVersion: number; until: number };

/**
 * Who a token names, and whether it still may. A token is refused when it has no expiry, when its version is
 * older than its user's (a password change, a deactivation or reactivation, a sign-out raise the version), or
 * when its user is inactive. The user row is cached for USER_CACHE_MS; a change made in this process forgets
 * the cached row at once, one made by another API replica is seen at the latest USER_CACHE_MS later.
 */
@Injectable()
export class Sessions {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    @Inject(SQL) private readonly sql: Sql,
  ) {}

  async sign(user: { userId: string; tokenVersion: number }): Promise<string> {
    return this.jwt.signAsync({ sub: user.userId, tv: user.tokenVersion });
  }

  /** The active user a token names, or an ApiError 401 saying why not. */
  async authenticate(token: string): Promise<{ user: AuthUser; claims: TokenClaims }> {
    let claims: Partial<TokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<TokenClaims> & object>(token, { algorithms: ['HS256'] });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new ApiError(
        401,
        expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN',
        expired ? 'the token has expired; sign in again' : 'the token is not valid',
      );
    }
    // A token that never expires is not one Sen signs: whoever made it has the key, or found a way around it.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.tv !== 'number') {
      throw new ApiError(401, 'INVALID_TOKEN', 'the token is not valid');
    }
    const entry = await this.entry(claims.sub);
    if (!entry.user) throw new ApiError(401, 'INVALID_TOKEN', 'the token does not name an active user');
    if (claims.tv !== entry.tokenVersion)
      throw new ApiError(
        401,
        'TOKEN_REVOKED',
        'this session has ended (signed out, or the password changed); sign in again',
      );
    return { user: entry.user, claims: claims as TokenClaims };
  }

  /** Ends every session of the user (every device): tokens signed before now are refused. */
  async revokeAll(userId: string): Promise<void> {
    await this
      .sql`update users set token_version = token_version + 1, updated_at = now() where user_id = ${userId}::uuid`;
    this.forget(userId);
  }

  /** Drops the cached row, so that the next request of this user reads the users table again. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  private async entry(userId: string): Promise<Cached> {
    const hit = this.cache.get(userId);
    if (hit && hit.until > Date.now()) return hit;
    if (!/^[0-9a-f-]{36}$/i.test(userId)) return { user: null, tokenVersion: -1, until: 0 };
    const stored = await this.users.byId(userId);
    const entry: Cached = {
      user:
        stored && stored.active
          ? {
              userId: stored.userId,
              username: stored.username,
              displayName: stored.displayName,
              role: stored.role,
              agency: stored.agency,
              unitCode: stored.unitCode,
              areaCodes: stored.areaCodes,
            }
          : null,
      tokenVersion: stored?.tokenVersion ?? -1,
      until: Date.now() + USER_CACHE_MS,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(userId, entry);
    return entry;
  }
}
