import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';

/** Set when a stop signal arrives: readiness answers 503 so that load balancers stop sending work. */
export const lifecycle = { shuttingDown: false };

/**
 * SIGTERM or SIGINT: stop taking new connections, let in-flight requests and jobs finish, stop the projector
 * and the queue workers, close the connections, and exit 0 — or exit 1 if that takes longer than `timeoutMs`.
 * (Nest closes the HTTP server, which waits for in-flight requests, before its shutdown hooks close the
 * queue workers, which wait for active jobs, and then the database pool.)
 */
export function enableGracefulShutdown(app: INestApplication, logger: Logger, timeoutMs: number): void {
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      lifecycle.shuttingDown = true;
      logger.info({ signal, timeoutMs }, 'shutting down: finishing in-flight requests and jobs');
      setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown took too long; exiting');
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
