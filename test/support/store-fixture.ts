import { CaseCommandHandler, CaseRepository, ChildKeyStore, PiiCodec, UNGUARDED } from '@sen/case-app';
import type { DeadlinePolicy, DecideContext } from '@sen/case-domain';
import { loadConfig } from '@sen/config';
import type { Sql } from '@sen/db';
import { PostgresEventStore } from '@sen/event-store';
import { AreaDirectory, loadCalendar, loadDeadlinePolicy } from '@sen/reference';

/**
 * The command path and projection inputs wired by hand on a test database (no Nest). `policy` shortens
 * deadlines (the due instants are computed here and carried by the events, so Sen's processes honour them).
 */
export async function storeFixture(sql: Sql, policy: Partial<DeadlinePolicy> = {}) {
  const config = loadConfig({ NODE_ENV: 'test' });
  const store = new PostgresEventStore(sql);
  const keys = new ChildKeyStore(sql, config.piiMasterKey);
  const pii = new PiiCodec(keys);
  const repository = new CaseRepository(store, pii);
  const context: DecideContext = { policy: { ...loadDeadlinePolicy(), ...policy }, calendar: loadCalendar() };
  const executor = new CaseCommandHandler(repository, context, UNGUARDED);
  const areas = await AreaDirectory.load(sql);
  return { config, store, keys, pii, repository, executor, areas };
}
