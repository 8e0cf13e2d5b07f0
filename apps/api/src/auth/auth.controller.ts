import { Body, Controller, Get, HttpCode, Inject, Injectable, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { SenConfig } from '@sen/config';
import { SEN_CONFIG } from '@sen/platform';
import { ADMIN_COOKIE } from '../admin/queue-dashboard';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PUBLIC_USER, SIGNED_IN } from './auth.responses';
import { verify } from '@node-rs/argon2';
import { ApiError } from '../common/api-error';
import { CurrentUser, Public } from './auth.decorators';
import { LoginThrottle } from './login-throttle';
import { LoginDto } from './login.dto';
import { Sessions } from './sessions';
import type { AuthUser } from './user';
import { UsersRepository } from './users.repository';

/** A hash of a random password (argon2id, the parameters of every user's hash), so that an unknown user costs as much time as a wrong password. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$LpL4qJlw42yH7qkE9s+UmQ$uqzJBtf2D8ESvnwu6LtakUgIAeXR0HZziLjje7+IZBQ';

function throttled(until: Date): never {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  throw new ApiError(429, 'LOGIN_THROTTLED', `too many failed sign-ins: try again in ${seconds} s`, undefined, {
    'Retry-After': String(seconds),
  });
}

/** Requests per client address, counted on the address Express resolved under TRUST_PROXY (req.ip), nothing else. */
@Injectable()
export class ClientAddressThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    return Promise.resolve(
      String((req as unknown as Request).ip ?? (req as unknown as Request).socket?.remoteAddress ?? 'unknown'),
    );
  }

  /** The same answer as the failure throttle's, so that a client sees one kind of 429 at sign-in. */
  protected override throwThrottlingException(_context: unknown, detail: ThrottlerLimitDetail): Promise<void> {
    throttled(new Date(Date.now() + Math.max(1, detail.timeToBlockExpire || detail.timeToExpire) * 1000));
  }
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: Sessions,
    private readonly throttle: LoginThrottle,
    @Inject(SEN_CONFIG) private readonly config: SenConfig,
  ) {}

  /**
   * A known and an unknown username take the same path: the same throttle, an argon2 verification (against a
   * dummy hash when there is no such user), the same statements, the same 401 or 429 with the same code.
   */
  @Public()
  @UseGuards(ClientAddressThrottlerGuard)
  @Throttle({ login: { limit: 20, ttl: 60_000 } })
  @ApiOkResponse({ schema: SIGNED_IN })
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const attempt = { username: dto.username, address: req.ip ?? req.socket.remoteAddress ?? 'unknown' };
    const waiting = await this.throttle.lockedUntil(attempt);
    if (waiting) {
      this.throttle.recordThrottled(attempt);
      throttled(waiting);
    }
    const user = await this.users.byUsername(dto.username);
    const ok = await verify(user?.passwordHash ?? DUMMY_HASH, dto.password).catch(() => false);
    if (!user || !user.active || !ok) {
      // The admins' counter is not awaited: writing a known user's row would make a known username measurably
      // slower to refuse than an unknown one.
      void this.users.recordFailure(dto.username).catch(() => undefined);
      const lockedUntil = await this.throttle.recordFailure(attempt);
      if (lockedUntil && lockedUntil > new Date()) throttled(lockedUntil);
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    await this.users.recordSuccess(user.userId);
    await this.throttle.recordSuccess(attempt);
    const accessToken = await this.sessions.sign(user);
    if (user.role === 'admin') {
      // For the queue dashboard only: the cookie goes to /admin paths, never to the API.
      res.cookie(ADMIN_COOKIE, accessToken, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/admin',
        secure: this.config.env === 'production',
      });
    }
    return { accessToken, user: publicUser(user) };
  }

  /**
   * Signs out everywhere: the user's token version goes up, so every token they hold (this device's and any
   * other's) is refused from now on by this replica, and by the others within USER_CACHE_MS.
   */
  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.revokeAll(user.userId);
    res.clearCookie(ADMIN_COOKIE, { path: '/admin' });
  }

  @ApiBearerAuth()
  @ApiOkResponse({ schema: PUBLIC_USER })
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
