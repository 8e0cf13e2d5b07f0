import 'reflect-metadata';
import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';

// Configuration is environment variables, validated at start-up with one clear message per bad variable
// (DESIGN.md section 1). Demo defaults exist so that `npm start` works on a fresh machine; production refuses them.

export const DEMO_JWT_SECRET = 'sen-demo-jwt-secret-not-for-production';
/** 32 bytes, base64. Demo only: production must bring its own key. */
export const DEMO_PII_MASTER_KEY = 'c2VuLWRlbW8tcGlpLW1hc3Rlci1rZXktMzItYnl0ZXM=';

// Anything but the usual spellings of yes and no stays a string, which @IsBoolean then names.
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim().toLowerCase();
  return ['1', 'true', 'yes', 'on'].includes(text) ? true : ['0', 'false', 'no', 'off'].includes(text) ? false : value;
};
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Checks an EventStoreDB/KurrentDB connection string with the client's own parser (the one
 * `EventStoreDBClient.connectionString` uses), so that what starts here is what the client accepts: a comma list of
 * gossip seeds is fine, which `new URL()` refuses. The client (6.x) knows the esdb schemes only; KurrentDB's name
 * the same protocol (the adapter rewrites them the same way). Returns the problem, or null.
 */
export function eventStoreUrlProblem(url: string): string | null {
  const normalised = url.replace(
    /^(kurrentdb|kdb)(\+discover)?:\/\//i,
    (_m, _scheme: string, discover: string | undefined) => `esdb${discover ?? ''}://`,
  );
  let options: ReturnType<typeof parseConnectionString>;
  try {
    options = parseConnectionString(normalised);
  } catch (error) {
    // The parser's message points at the offending part; credentials in it are not echoed.
    return `not an EventStoreDB connection string: ${(error as Error).message.split('\n')[0]?.replace(/\/\/[^@/]*@/, '//***@')}`;
  }
  if (options.hosts.length === 0) return 'names no host';
  // The adapter relies on failed appends throwing (a concurrency error); the client would otherwise resolve them.
  if (options.throwOnAppendFailure === false) {
    return 'throwOnAppendFailure=false is not supported (Sen needs failed appends to throw)';
  }
  return null;
}

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

class Environment {
  @IsIn(['development', 'production', 'test']) @IsOptional() NODE_ENV?: string;
  @IsString() @IsOptional() DATABASE_URL?: string;
  @IsString() @IsOptional() REDIS_URL?: string;
  @IsIn(['postgres', 'esdb']) @IsOptional() EVENT_STORE?: string;
  @IsString() @IsOptional() EVENTSTORE_URL?: string;
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) @IsOptional() PORT?: number;
  @IsString() @IsOptional() JWT_SECRET?: string;
  @Transform(toInt) @IsInt() @Min(60) @Max(7 * 24 * 3600) @IsOptional() JWT_TTL_SECONDS?: number;
  @IsString() @IsOptional() PII_MASTER_KEY?: string;
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000) @IsOptional() PII_MASTER_KEY_VERSION?: number;
  @IsString() @IsOptional() PII_MASTER_KEY_PREVIOUS?: string;
  @Transform(toBool) @IsBoolean() @IsOptional() SEN_DEMO?: boolean;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) @IsOptional() LOG_LEVEL?: string;
  @Transform(toBool) @IsBoolean() @IsOptional() MIGRATE_ON_START?: boolean;
  @Transform(toInt) @IsInt() @Min(1) @Max(200) @IsOptional() DB_POOL_MAX?: number;
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) @IsOptional() DB_STATEMENT_TIMEOUT_MS?: number;
  @Transform(toInt) @IsInt() @Min(1_000) @Max(3_600_000) @IsOptional() DB_IDLE_IN_TRANSACTION_TIMEOUT_MS?: number;
  @IsString() @IsOptional() BODY_LIMIT?: string;
  @IsString() @IsOptional() NOTIFY_WEBHOOK_URL?: string;
  @Matches(/^[a-z0-9_-]{1,40}$/) @IsOptional() QUEUE_PREFIX?: string;
  @Transform(toInt) @IsInt() @Min(1_000) @Max(600_000) @IsOptional() SHUTDOWN_TIMEOUT_MS?: number;
  @Transform(toInt) @IsInt() @Min(1_000) @Max(600_000) @IsOptional() HTTP_REQUEST_TIMEOUT_MS?: number;
  @Transform(toInt) @IsInt() @Min(1) @Max(100) @IsOptional() WORKER_CONCURRENCY?: number;
  @Transform(toInt) @IsInt() @Min(1_000) @Max(600_000) @IsOptional() JOB_LOCK_MS?: number;
  @Transform(toInt) @IsInt() @Min(1_000) @Max(3_600_000) @IsOptional() DEADLINE_SWEEP_MS?: number;
  @IsString() @IsOptional() TRUST_PROXY?: string;
  @IsString() @IsOptional() METRICS_TOKEN?: string;
  @Transform(toBool) @IsBoolean() @IsOptional() DOCS_PUBLIC?: boolean;
  @Transform(toInt) @IsInt() @Min(1_000) @Max(86_400_000) @IsOptional() OUTBOX_REDELIVER_MS?: number;
}

/** Express's names for address ranges, accepted in TRUST_PROXY as Express accepts them. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY, in Express's `trust proxy` terms: unset, empty, `false` or `none` trusts no proxy (the socket's
 * address is the client's); a number is how many proxies (hops) stand in front; otherwise a comma-separated
 * list of addresses, CIDR ranges or Express's names (loopback, linklocal, uniquelocal).
 */
export function parseTrustProxy(raw: string | undefined): { value: false | number | string[]; problem?: string } {
  const text = (raw ?? '').trim();
  if (text === '' || ['false', 'none', '0'].includes(text.toLowerCase())) return { value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10
      ? { value: hops }
      : { value: false, problem: `TRUST_PROXY: a hop count must be 0 to 10 (got ${text})` };
  }
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.includes(entry)) return false;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0 || rest.length > 0) return true;
    if (prefix === undefined) return false;
    if (!/^\d+$/.test(prefix)) return true;
    return Number(prefix) > (family === 4 ? 32 : 128);
  });
  if (bad.length > 0 || entries.length === 0) {
    return {
      value: false,
      problem: `TRUST_PROXY: must be a hop count, or addresses/CIDR ranges separated by commas (bad: ${JSON.stringify(bad.join(', ') || text)})`,
    };
  }
  return { value: entries };
}

/** A key no production may use: the demo key, however encoded, all zeros, or one byte repeated. */
function weakKey(key: Buffer): boolean {
  const demo = Buffer.from(DEMO_PII_MASTER_KEY, 'base64');
  return key.equals(demo) || key.every((b) => b === key[0]);
}

export interface SenConfig {
  env: 'development' | 'production' | 'test';
  databaseUrl: string;
  redisUrl: string;
  eventStore: 'postgres' | 'esdb';
  eventStoreUrl: string | null;
  port: number;
  jwtSecret: string;
  jwtTtlSeconds: number;
  piiMasterKey: Buffer;
  /** Version of PII_MASTER_KEY; child keys record the version that wrapped them (child_keys.key_version). */
  piiMasterKeyVersion: number;
  /** The master key before the current one (version - 1), during a rotation only: unwraps, never wraps. */
  piiPreviousMasterKey: Buffer | null;
  demo: boolean;
  logLevel: string;
  migrateOnStart: boolean;
  dbPoolMax: number;
  dbStatementTimeoutMs: number;
  /** PostgreSQL ends a session idle this long inside a transaction: readers of the global order wait below it. */
  dbIdleInTransactionTimeoutMs: number;
  bodyLimit: string;
  notifyWebhookUrl: string | null;
  /** Prefix of every BullMQ key (tests give each run its own). */
  queuePrefix: string;
  workerConcurrency: number;
  /** How long a worker holds a job before another may take it as stalled (a killed worker's jobs come back after this). */
  jobLockMs: number;
  /** How often the worker looks for deadlines that passed without their timer firing. */
  deadlineSweepMs: number;
  /** How long after a referral's delivery job was sent, with no delivery recorded, the relay sends it again. */
  outboxRedeliverMs: number;
  /** How long a stop signal may take before the process gives up waiting and exits 1. */
  shutdownTimeoutMs: number;
  /** The longest an HTTP request may take to arrive and be answered. */
  httpRequestTimeoutMs: number;
  /** Express's `trust proxy`: false (no proxy, the default), a hop count, or trusted addresses/CIDR ranges. */
  trustProxy: false | number | string[];
  /** When set, /metrics needs `Authorization: Bearer <token>`; in production without it /metrics is not served. */
  metricsToken: string | null;
  /** /docs and /docs-json are served outside production always, in production only when DOCS_PUBLIC is true. */
  docsPublic: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): SenConfig {
  const env = plainToInstance(Environment, { ...source }, { enableImplicitConversion: false });
  const problems = validateSync(env, { whitelist: false, forbidUnknownValues: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (message) => `${error.property}: ${message} (got ${JSON.stringify(error.value)})`,
    ),
  );

  const nodeEnv = (env.NODE_ENV ?? 'development') as SenConfig['env'];
  const production = nodeEnv === 'production';
  const demo = env.SEN_DEMO ?? !production;
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sen';
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!isUrl(databaseUrl, ['postgres:', 'postgresql:']))
    problems.push(`DATABASE_URL: must be a postgres:// URL (got ${JSON.stringify(databaseUrl)})`);
  if (!isUrl(redisUrl, ['redis:', 'rediss:']))
    problems.push(`REDIS_URL: must be a redis:// URL (got ${JSON.stringify(redisUrl)})`);
  const eventStore = (env.EVENT_STORE ?? 'postgres') as SenConfig['eventStore'];
  const eventStoreUrl = env.EVENTSTORE_URL ?? null;
  if (eventStore === 'esdb' && !eventStoreUrl) problems.push('EVENTSTORE_URL: required when EVENT_STORE=esdb');
  // Checked only where it is used: a ConfigMap may carry the esdb address while the store is PostgreSQL.
  const eventStoreUrlIssue = eventStore === 'esdb' && eventStoreUrl ? eventStoreUrlProblem(eventStoreUrl) : null;
  if (eventStoreUrlIssue) problems.push(`EVENTSTORE_URL: ${eventStoreUrlIssue}`);

  // Secrets are compared as they will be used: the JWT secret trimmed, the master key as decoded bytes, so that a
  // padded or re-encoded demo secret is refused like the original.
  const jwtSecret = env.JWT_SECRET?.trim() || (production ? '' : DEMO_JWT_SECRET);
  if (production && (!jwtSecret || jwtSecret === DEMO_JWT_SECRET)) {
    problems.push('JWT_SECRET: production needs a secret of its own (the demo default is refused)');
  } else if (production && jwtSecret.length < 32) {
    problems.push('JWT_SECRET: must be at least 32 characters in production');
  }

  const rawKey = env.PII_MASTER_KEY?.trim() || (production ? '' : DEMO_PII_MASTER_KEY);
  let piiMasterKey = Buffer.alloc(0);
  if (production && !rawKey) {
    problems.push('PII_MASTER_KEY: production needs a key of its own (the demo default is refused)');
  } else {
    piiMasterKey = Buffer.from(rawKey, 'base64');
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(rawKey) || piiMasterKey.length !== 32) {
      problems.push('PII_MASTER_KEY: must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    } else if (production && weakKey(piiMasterKey)) {
      problems.push(
        'PII_MASTER_KEY: production needs a key of its own (the demo default, all-zero and one-byte keys are refused)',
      );
    }
  }
  const piiMasterKeyVersion = env.PII_MASTER_KEY_VERSION ?? 1;
  let piiPreviousMasterKey: Buffer | null = null;
  if (env.PII_MASTER_KEY_PREVIOUS) {
    piiPreviousMasterKey = Buffer.from(env.PII_MASTER_KEY_PREVIOUS, 'base64');
    if (piiPreviousMasterKey.length !== 32) problems.push('PII_MASTER_KEY_PREVIOUS: must be 32 bytes, base64-encoded');
    else if (piiPreviousMasterKey.equals(piiMasterKey))
      problems.push('PII_MASTER_KEY_PREVIOUS: must differ from PII_MASTER_KEY');
    if (piiMasterKeyVersion < 2)
      problems.push(
        'PII_MASTER_KEY_VERSION: must be 2 or more when PII_MASTER_KEY_PREVIOUS is set (the previous key is version - 1)',
      );
  }
  if (production && demo)
    problems.push('SEN_DEMO: demo users are refused in production (unset SEN_DEMO or set it to 0)');

  const webhook = env.NOTIFY_WEBHOOK_URL ?? null;
  if (webhook && !isUrl(webhook, ['http:', 'https:'])) problems.push(`NOTIFY_WEBHOOK_URL: must be an http(s) URL`);

  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (trustProxy.problem) problems.push(trustProxy.problem);
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN: must be at least 16 characters');

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: nodeEnv,
    databaseUrl,
    redisUrl,
    eventStore,
    eventStoreUrl,
    port: env.PORT ?? 3000,
    jwtSecret,
    jwtTtlSeconds: env.JWT_TTL_SECONDS ?? 8 * 3600,
    piiMasterKey,
    piiMasterKeyVersion,
    piiPreviousMasterKey,
    demo,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    migrateOnStart: env.MIGRATE_ON_START ?? true,
    dbPoolMax: env.DB_POOL_MAX ?? 10,
    dbStatementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS ?? 15_000,
    dbIdleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 60_000,
    bodyLimit: env.BODY_LIMIT ?? '2mb',
    notifyWebhookUrl: webhook,
    queuePrefix: env.QUEUE_PREFIX ?? 'sen',
    workerConcurrency: env.WORKER_CONCURRENCY ?? 8,
    jobLockMs: env.JOB_LOCK_MS ?? 30_000,
    deadlineSweepMs: env.DEADLINE_SWEEP_MS ?? 30_000,
    outboxRedeliverMs: env.OUTBOX_REDELIVER_MS ?? 120_000,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS ?? 25_000,
    httpRequestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS ?? 60_000,
    trustProxy: trustProxy.value,
    metricsToken,
    docsPublic: env.DOCS_PUBLIC ?? !production,
  };
}
