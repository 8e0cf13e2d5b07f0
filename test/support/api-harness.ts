import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Logger } from 'pino';
import { loadConfig, type SenConfig } from '@sen/config';
import type { DeadlinePolicy } from '@sen/case-domain';
import { Clock, DECIDE_CONTEXT, createLogger, createRegistry, PinoNestLogger } from '@sen/platform';
import {
  loadCalendar,
  loadDeadlinePolicy,
  seedAreas,
  seedDemoUsers,
  seedIndicators,
  seedPopulation,
} from '@sen/reference';
import { createTestDatabase, dropQueueKeys, type TestDatabase } from '@sen/testing';
import { apiRootModule, type AppOptions } from '../../apps/api/src/api.app';
import { configureApiApp } from '../../apps/api/src/configure-app';

/** Kept here for the tests that import it from the harness; it lives in @sen/testing, shared with bench/. */
export { dropQueueKeys };

/** Where e2e harnesses leave their captured logs (test/support/check-e2e-logs.ts reads them). */
export const E2E_LOG_DIR = join(__dirname, '..', '..', 'test-output', 'e2e-logs');

/** A clock the test moves by hand. */
export class TestClock extends Clock {
  constructor(private t: number) {
    super();
  }
  now() {
    return new Date(this.t);
  }
  set(iso: string) {
    this.t = Date.parse(iso);
  }
  advance(ms: number) {
    this.t += ms;
  }
}

/** Every log line the app wrote, to search for personal data that must not be there. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  text() {
    return this.lines.join('\n');
  }
}

export interface ApiHarness {
  app: INestApplication;
  db: TestDatabase;
  config: SenConfig;
  clock: TestClock;
  logs: LogCapture;
  logger: Logger;
  http: () => ReturnType<typeof request>;
  token(username: string): Promise<string>;
  queuePrefix: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The TestClock's start; with `realClock` the system clock is kept instead. */
  start?: string;
  realClock?: boolean;
  with?: AppOptions['with'];
  env?: Record<string, string>;
  /** Deadline policy for this test (short deadlines make timers fire within the test). */
  policy?: Partial<DeadlinePolicy>;
}

export async function startApiHarness(label: string, options: HarnessOptions = {}): Promise<ApiHarness> {
  const db = await createTestDatabase(label);
  await seedAreas(db.sql);
  await seedIndicators(db.sql);
  await seedPopulation(db.sql);
  await seedDemoUsers(db.sql);
  const queuePrefix = `test_${db.url.split('/').pop()}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: queuePrefix,
    ...options.env,
  });
  const logs = new LogCapture();
  const logger = createLogger('info', 'sen-test', logs);
  const clock = new TestClock(Date.parse(options.start ?? '2026-11-20T01:00:00Z'));
  let builder = Test.createTestingModule({
    imports: [apiRootModule({ config, logger, registry: createRegistry('test'), with: options.with })],
  });
  if (!options.realClock) builder = builder.overrideProvider(Clock).useValue(clock);
  if (options.policy) {
    const policy = { ...loadDeadlinePolicy(), ...options.policy };
    builder = builder.overrideProvider(DECIDE_CONTEXT).useValue({ policy, calendar: loadCalendar() });
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: new PinoNestLogger(logger), bodyParser: false });
  configureApiApp(app, config, logger);
  await app.init();
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  return {
    app,
    db,
    config,
    clock,
    logs,
    logger,
    http,
    async token(username: string) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await http().post('/api/v1/auth/login').send({ username, password: 'sen-demo-2030' }).expect(200);
      tokens.set(username, res.body.accessToken);
      return res.body.accessToken as string;
    },
    queuePrefix,
    async close() {
      await app.close();
      await db.drop();
      await dropQueueKeys(queuePrefix);
      // Kept for the e2e project's teardown, which searches every log line for the children's names.
      mkdirSync(E2E_LOG_DIR, { recursive: true });
      writeFileSync(join(E2E_LOG_DIR, `${label}-${process.pid}-${Date.now()}.log`), logs.text());
    },
  };
}
