import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';
import { IS_PUBLIC, ROLES } from './auth.decorators';
import { Sessions, type TokenClaims } from './sessions';
import type { AuthUser } from './user';

/**
 * Every route needs a valid token unless marked @Public; @Roles narrows it further. The token carries only the
 * user id and the version of their sessions: role, agency and areas are read from the users table (Sessions
 * caches them briefly), so a deactivated user, a changed role or a changed password takes effect within seconds
 * rather than at token expiry.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser; tokenClaims?: TokenClaims }>();
    const header = req.headers.authorization;
    if (!header || !/^Bearer\s+\S+$/i.test(header)) {
      throw new ApiError(401, 'UNAUTHENTICATED', 'sign in first: send Authorization: Bearer <accessToken>');
    }
    const { user, claims } = await this.sessions.authenticate(header.replace(/^Bearer\s+/i, ''));
    req.user = user;
    req.tokenClaims = claims;
    const roles = this.reflector.getAllAndOverride<AuthUser['role'][] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ApiError(403, 'FORBIDDEN', `this action is for ${roles.join(', ')}; you are signed in as ${user.role}`);
    }
    return true;
  }
}
