import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Metadata } from '@sen/case-domain';
import type { AuthUser } from '../auth/user';
import { Clock } from '@sen/platform';
import { contextOf } from '../common/request-context';

/** Who, why and when, for a command sent over HTTP. */
@Injectable()
export class CommandMetadata {
  constructor(private readonly clock: Clock) {}

  of(user: AuthUser, req: Request): Metadata {
    const ctx = contextOf(req);
    return {
      actorId: user.userId,
      actorRole: user.role,
      correlationId: ctx.correlationId,
      causationId: ctx.requestId,
      occurredAt: this.clock.now().toISOString(),
    };
  }
}
