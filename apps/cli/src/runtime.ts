import type { Logger } from 'pino';
import { ChildKeyStore, PiiCodec, masterKeyRing } from '@sen/case-app';
import type { SenConfig } from '@sen/config';
import { type Sql, createSql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import { createEventStore, createLogger } from '@sen/platform';
import { AreaDirectory } from '@sen/reference';

/** What a CLI command needs, without Nest: connections, the event store, areas, the PII codec. */
export interface CliRuntime {
  config: SenConfig;
  sql: Sql;
  store: EventStore;
  areas: AreaDirectory;
  keys: ChildKeyStore;
  pii: PiiCodec;
  logger: Logger;
  close(): Promise<void>;
}

export async function cliRuntime(config: SenConfig, options: { poolMax?: number } = {}): Promise<CliRuntime> {
  const sql = createSql(config.databaseUrl, { max: options.poolMax ?? 10, applicationName: 'sen-cli' });
  const store: EventStore = createEventStore(config, sql);
  const keys = new ChildKeyStore(sql, masterKeyRing(config));
  return {
    config,
    sql,
    store,
    areas: await AreaDirectory.load(sql),
    keys,
    pii: new PiiCodec(keys),
    logger: createLogger(process.env.LOG_LEVEL ?? 'warn', 'sen-cli'),
    async close() {
      await store.close();
      await sql.end({ timeout: 5 });
    },
  };
}
