import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '@sen/platform';

/**
 * Paths that belong to the API and the operators' tools, never to the web app: they keep their JSON 404s. A
 * missing /assets/ file is a 404 too, so that a stale index.html never receives HTML for a script.
 */
export const NOT_WEB_PATHS = ['/api', '/docs', '/docs-json', '/docs-yaml', '/health', '/metrics', '/admin', '/assets'];

export function isWebPath(path: string): boolean {
  return !NOT_WEB_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Where `vite build` put the web app: `apps/web/dist` under the project root, found by walking up from this file
 * (it runs from `apps/api/src/web` under jest and from `dist/apps/api/src/web` once built). SEN_WEB_DIST overrides.
 */
export function findWebDist(from: string = __dirname): string | null {
  const given = process.env.SEN_WEB_DIST;
  if (given) return existsSync(join(given, 'index.html')) ? given : null;
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

const WEB_ROOT = Symbol('WEB_ROOT');

function cacheHeaders(res: Response, path: string) {
  // Vite names every asset by its content hash: cache it for good. index.html must be revalidated, so that a
  // new release reaches users at their next visit.
  res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Mounts the web app on the HTTP server once every API route is registered (Nest registers routes before it
 * calls onModuleInit, and its 404 handler after): the built files, then index.html for any other GET outside
 * the API's paths (the SPA fallback), so that a deep link such as /cases/<id> opens the app, which routes in the
 * browser. Done here rather than with @nestjs/serve-static, whose loader is chosen when its provider is built:
 * under Test.createTestingModule that is before the HTTP adapter exists, and it then serves nothing.
 */
@Injectable()
class WebAppMount implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(WEB_ROOT) private readonly root: string | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    if (!this.root) {
      this.logger.warn('the web app is not built (apps/web/dist is missing): run `npm run build` to serve it at /');
      return;
    }
    const adapter = this.host.httpAdapter;
    if (!adapter || adapter.getType() !== 'express') return;
    const app = adapter.getInstance<express.Express>();
    const index = join(this.root, 'index.html');
    app.use(express.static(this.root, { index: false, setHeaders: cacheHeaders, fallthrough: true }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !isWebPath(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, (err) => (err ? next(err) : undefined));
    });
  }
}

/** Serves the web app (apps/web, built by `npm run build`) at `/`. */
@Module({})
export class WebModule {
  static register(root: string | null = findWebDist()): DynamicModule {
    return { module: WebModule, providers: [{ provide: WEB_ROOT, useValue: root }, WebAppMount] };
  }
}
