import { Body, Controller, Get, HttpCode, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import type { SenConfig } from '@sen/config';
import { SEN_CONFIG } from '@sen/platform';
import { ADMIN_COOKIE } from '../admin/queue-dashboard';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { verify } from '@node-rs/argon2';
import { ApiError } from '../common/api-error';
import { CurrentUser, Public } from './auth.decorators';
import { LoginDto } from './login.dto';
import type { AuthUser } from './user';
import { UsersRepository } from './users.repository';

/** A hash of a random password, so that an unknown user costs as much time as a wrong password. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$LpL4qJlw42yH7qkE9s+UmQ$uqzJBtf2D8ESvnwu6LtakUgIAeXR0HZziLjje7+IZBQ';

function throttled(until: Date): never {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  throw new ApiError(429, 'LOGIN_THROTTLED', `too many failed sign-ins: try again in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    @Inject(SEN_CONFIG) private readonly config: SenConfig,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: { limit: 20, ttl: 60_000 } })
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response) {
    const user = await this.users.byUsername(dto.username);
    if (user?.lockedUntil && user.lockedUntil > new Date()) throttled(user.lockedUntil);
    const ok = await verify(user?.passwordHash ?? DUMMY_HASH, dto.password).catch(() => false);
    if (!user || !user.active || !ok) {
      if (user && !ok) {
        const lockedUntil = await this.users.recordFailure(user.userId);
        if (lockedUntil && lockedUntil > new Date()) throttled(lockedUntil);
      }
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    await this.users.recordSuccess(user.userId);
    const accessToken = await this.jwt.signAsync({ sub: user.userId });
    if (user.role === 'admin') {
      // For the queue dashboard only: the cookie goes to /admin paths, never to the API.
      res.cookie(ADMIN_COOKIE, accessToken, { httpOnly: true, sameSite: 'strict', path: '/admin', secure: this.config.env === 'production' });
    }
    return { accessToken, user: publicUser(user) };
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return publicUser(user);
  }
}

export function publicUser(u: AuthUser) {
  return {
    userId: u.userId,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    agency: u.agency,
    unitCode: u.unitCode,
    areaCodes: u.areaCodes,
  };
}
