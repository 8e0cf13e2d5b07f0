import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import { IS_PUBLIC, ROLES } from './auth.decorators';
import type { AuthUser } from './user';
import { UsersRepository } from './users.repository';

interface TokenClaims {
  sub: string;
}

/**
 * Every route needs a valid token unless marked @Public; @Roles narrows it further. The token carries only the
 * user id: role, agency and areas are read from the users table (cached briefly), so a deactivated user or a
 * changed role takes effect within seconds rather than at token expiry.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly cache = new Map<string, { user: AuthUser | null; until: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = req.headers.authorization;
    if (!header || !/^Bearer\s+\S+$/i.test(header)) {
      throw new ApiError(401, 'UNAUTHENTICATED', 'sign in first: send Authorization: Bearer <accessToken>');
    }
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(header.replace(/^Bearer\s+/i, ''), { algorithms: ['HS256'] });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new ApiError(401, expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', expired ? 'the token has expired; sign in again' : 'the token is not valid');
    }
    const user = typeof claims.sub === 'string' ? await this.user(claims.sub) : null;
    if (!user) throw new ApiError(401, 'INVALID_TOKEN', 'the token does not name an active user');
    req.user = user;
    const roles = this.reflector.getAllAndOverride<AuthUser['role'][] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ApiError(403, 'FORBIDDEN', `this action is for ${roles.join(', ')}; you are signed in as ${user.role}`);
    }
    return true;
  }

  private async user(userId: string): Promise<AuthUser | null> {
    const hit = this.cache.get(userId);
    if (hit && hit.until > Date.now()) return hit.user;
    if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
    const stored = await this.users.byId(userId);
    const user: AuthUser | null =
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
        : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(userId, { user, until: Date.now() + 5_000 });
    return user;
  }
}
