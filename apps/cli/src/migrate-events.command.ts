import { Presets, SingleBar } from 'cli-progress';
import { type Sql, createSql, ensureDatabase, migrate } from '@sen/db';
import {
  type CopyResult,
  EsdbEventStore,
  type EventStore,
  PostgresCopyProgress,
  PostgresEventStore,
  copyEventStore,
  countSourceEvents,
  redactConnectionString,
} from '@sen/event-store';

export type StoreKind = 'postgres' | 'esdb';
export const STORE_KINDS: readonly StoreKind[] = ['postgres', 'esdb'];

export interface StoreSpec {
  kind: StoreKind;
  url: string;
}

/** A store's name for progress rows and messages: kind and address, never credentials. */
export function storeLabel(spec: StoreSpec): string {
  if (spec.kind === 'esdb') return `esdb:${redactConnectionString(spec.url).replace(/^[a-z+]+:\/\/(\*\*\*@)?/i, '')}`;
  const u = new URL(spec.url);
  return `postgres:${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/** Checks the command line before anything connects; each problem is one clear line. */
export function parseStoreSpecs(
  options: { from?: string; to?: string; fromUrl?: string; toUrl?: string },
  env: { databaseUrl: string; eventStoreUrl: string | null },
): { from: StoreSpec; to: StoreSpec } {
  const problems: string[] = [];
  const kind = (flag: string, value: string | undefined): StoreKind | null => {
    if (!value) return (problems.push(`--${flag} is required (postgres or esdb)`), null);
    if (!STORE_KINDS.includes(value as StoreKind))
      return (problems.push(`--${flag} must be postgres or esdb (got ${JSON.stringify(value)})`), null);
    return value as StoreKind;
  };
  const url = (flag: string, k: StoreKind | null, given: string | undefined): string => {
    const value = given ?? (k === 'esdb' ? (env.eventStoreUrl ?? '') : env.databaseUrl);
    if (!k) return value;
    if (!value) problems.push(`--${flag} (or EVENTSTORE_URL) is required for an esdb store`);
    else if (k === 'postgres' && !/^postgres(ql)?:\/\//.test(value))
      problems.push(`--${flag} must be a postgres:// URL for a postgres store`);
    else if (k === 'esdb' && !/^(esdb|kurrentdb|kdb)(\+discover)?:\/\//.test(value))
      problems.push(`--${flag} must be an esdb:// URL for an esdb store`);
    return value;
  };
  const fromKind = kind('from', options.from);
  const toKind = kind('to', options.to);
  const from = { kind: fromKind!, url: url('from-url', fromKind, options.fromUrl) };
  const to = { kind: toKind!, url: url('to-url', toKind, options.toUrl) };
  if (problems.length === 0 && storeLabel(from) === storeLabel(to)) {
    problems.push(
      `source and target are the same store (${storeLabel(from)}); give --to-url (or --from-url) for the other one`,
    );
  }
  if (problems.length > 0) throw new Error(`migrate-events:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { from, to };
}

interface Opened {
  store: EventStore;
  close(): Promise<void>;
}

async function open(spec: StoreSpec, role: 'source' | 'target'): Promise<Opened> {
  if (spec.kind === 'esdb') {
    const store = EsdbEventStore.fromConnectionString(spec.url);
    await store.ping().catch((error: Error) => {
      throw new Error(`cannot reach the ${role} EventStoreDB at ${storeLabel(spec)}: ${error.message}`);
    });
    return { store, close: () => store.close() };
  }
  // A target database may be new: create it and apply the migrations (events, streams, sen_append).
  if (role === 'target') await ensureDatabase(spec.url);
  const sql = createSql(spec.url, { max: 4, applicationName: `sen-migrate-events-${role}` });
  if (role === 'target') await migrate(sql);
  return { store: new PostgresEventStore(sql), close: () => sql.end({ timeout: 5 }) };
}

export interface MigrateEventsOptions {
  from: StoreSpec;
  to: StoreSpec;
  /** Sen's PostgreSQL, where the progress is saved (DATABASE_URL). */
  progressSql: Sql;
  restart?: boolean;
  batchSize?: number;
  progressBar?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** `sen migrate-events --from <store> --to <store>`: copies every stream, resumably, with a progress bar. */
export async function migrateEvents(o: MigrateEventsOptions): Promise<CopyResult> {
  const log = o.log ?? (() => undefined);
  const source = await open(o.from, 'source');
  let target: Opened | null = null;
  const bar = o.progressBar
    ? new SingleBar(
        {
          format: 'migrate-events [{bar}] {percentage}% | {value}/{total} events | {copied} copied | {eta}s left',
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : null;
  try {
    target = await open(o.to, 'target');
    const progress = new PostgresCopyProgress(o.progressSql, storeLabel(o.from), storeLabel(o.to));
    const total = await countSourceEvents(source.store);
    log(
      `copying ${total} events from ${progress.source} to ${progress.target}${o.restart ? ' (checking every stream again)' : ''}`,
    );
    bar?.start(total, 0, { copied: 0 });
    const result = await copyEventStore({
      source: source.store,
      target: target.store,
      progress,
      ...(o.batchSize ? { batchSize: o.batchSize } : {}),
      ...(o.restart ? { restart: true } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      onStream: ({ examined, copied }) => bar?.update(Math.min(examined, total), { copied }),
    });
    bar?.stop();
    return result;
  } finally {
    bar?.stop();
    await target?.close().catch(() => undefined);
    await source.close().catch(() => undefined);
  }
}
