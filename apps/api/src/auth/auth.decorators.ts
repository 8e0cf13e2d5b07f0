import { type ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { AuthUser } from './user';

export const IS_PUBLIC = 'sen:public'; // shared with @sen/platform's PUBLIC_ROUTE
export const ROLES = 'sen:roles';

/** No sign-in needed (login, health, metrics, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the route. */
export const Roles = (...roles: AuthUser['role'][]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
