import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type Redis from 'ioredis';
import type { SenConfig } from '@sen/config';
import { REDIS, SEN_CONFIG } from '@sen/platform';
import { ALL_QUEUES } from '@sen/queues';
import { Sessions } from '../auth/sessions';
import { ApiError } from '../common/api-error';

export const ADMIN_COOKIE = 'sen_admin_token';
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

function tokenOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (header && /^Bearer\s+\S+$/i.test(header)) return header.replace(/^Bearer\s+/i, '');
  const cookie = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${ADMIN_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(ADMIN_COOKIE.length + 1)) : null;
}

/**
 * The queue dashboard (bull-board) at /admin/queues, for admins only. Browsers reach it with the cookie that
 * login sets for the /admin path (HttpOnly, SameSite=Strict); API routes never receive that cookie.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const config = app.get<SenConfig>(SEN_CONFIG);
  const redis = app.get<Redis>(REDIS);
  const sessions = app.get(Sessions);
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map(
      (name) => new BullMQAdapter(new Queue(name, { connection: redis, prefix: config.queuePrefix })),
    ),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Sen queues' } },
  });
  const adminOnly = async (req: Request, res: Response, next: NextFunction) => {
    const deny = (status: number, code: string, message: string) =>
      res.status(status).json({ statusCode: status, code, message });
    const token = tokenOf(req);
    if (!token) return deny(401, 'UNAUTHENTICATED', 'sign in as an admin first');
    try {
      // The same checks as every API route: expiry, token version (signed out, password changed), active user.
      const { user } = await sessions.authenticate(token);
      if (user.role !== 'admin') return deny(403, 'FORBIDDEN', 'the queue dashboard is for admins');
      return next();
    } catch (e) {
      if (e instanceof ApiError) {
        const body = e.getResponse() as { code: string; message: string };
        return deny(e.getStatus(), body.code, body.message);
      }
      return next(e);
    }
  };
  app.use(QUEUE_DASHBOARD_PATH, adminOnly, adapter.getRouter());
}
