// Issue 20, point 3: the stall metrics of the PostgreSQL event store, read as production reads them: by a role that
// owns the database but is no superuser, while a transaction of another role (and then a prepared transaction)
// holds the global order back. Runs on a private cluster: prepared transactions need max_prepared_transactions > 0.
import postgres from 'postgres';
import { type Sql, createSql, migrate } from '@sen/db';
import { PostgresEventStore } from '@sen/event-store';
import { PrivateCluster } from '../support/postgres-cluster';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function settle<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await sleep(100);
  }
}

describe('stall metrics of the PostgreSQL event store, read by a non-superuser role', () => {
  let cluster: PrivateCluster;
  let admin: postgres.Sql;
  let holder: postgres.Sql; // another role's sessions: the superuser's
  let sen: Sql;
  let store: PostgresEventStore;
  const ev = (n: number) => [{ type: 'Held', data: { n }, metadata: {} }];

  beforeAll(async () => {
    cluster = await PrivateCluster.create({ max_prepared_transactions: '5' });
    admin = postgres(cluster.url('postgres'), { max: 1, onnotice: () => undefined });
    // Production's shape: an owner role that may create roles, no superuser (deploy/OPERATIONS.md).
    await admin`create role sen login createrole`;
    await admin`create database sen owner sen`;
    sen = createSql(`postgres://sen@127.0.0.1:${cluster.port}/sen`, { max: 4 });
    await migrate(sen);
    store = new PostgresEventStore(sen);
    holder = postgres(cluster.url('sen'), { max: 2, onnotice: () => undefined });
  });
  afterAll(async () => {
    await holder?.end({ timeout: 5 });
    await sen?.end({ timeout: 5 });
    await admin?.end({ timeout: 5 });
    cluster?.drop();
  });

  it('the migrations grant the owner role pg_read_all_stats when it may grant it', async () => {
    const [row] = await sen<{ member: boolean; superuser: boolean }[]>`
      select pg_has_role(current_user, 'pg_read_all_stats', 'member') as member,
             (select rolsuper from pg_roles where rolname = current_user) as superuser`;
    expect(row).toEqual({ member: true, superuser: false });
  });

  it('a role that may not grant it still migrates, warned with the GRANT to run; after that GRANT it is a member', async () => {
    await admin`create role sen_plain login`;
    await admin`create database sen_plain owner sen_plain`;
    const warnings: string[] = [];
    const plain = createSql(`postgres://sen_plain@127.0.0.1:${cluster.port}/sen_plain`, {
      max: 2,
      onnotice: (n) => warnings.push(`${n.message} ${n.hint ?? ''}`),
    });
    try {
      await migrate(plain);
      expect(warnings.join('\n')).toContain('GRANT pg_read_all_stats TO sen_plain;');
      await admin`grant pg_read_all_stats to sen_plain`; // what the warning and the ops guide say
      const [row] = await plain<
        { member: boolean }[]
      >`select pg_has_role(current_user, 'pg_read_all_stats', 'member') as member`;
      expect(row!.member).toBe(true);
    } finally {
      await plain.end({ timeout: 5 });
    }
  });

  it("sees another role's open transaction: its age and the events held back behind it", async () => {
    const conn = await holder.reserve();
    try {
      await conn.unsafe('begin');
      await conn`select pg_current_xact_id()`;
      for (let n = 0; n < 3; n++) await store.appendToStream('held-open', ev(n), { expectedRevision: 'any' });
      await sleep(1500);
      expect(await store.oldestTransactionSeconds()).toBeGreaterThanOrEqual(1);
      expect(await store.heldBackEvents()).toBe(3);
    } finally {
      await conn.unsafe('commit');
      conn.release();
    }
    expect(
      await settle(
        () => store.heldBackEvents(),
        (n) => n === 0,
      ),
    ).toBe(0);
    expect(
      await settle(
        () => store.oldestTransactionSeconds(),
        (s) => s < 1,
      ),
    ).toBeLessThan(1);
  });

  it('sees a prepared transaction: its age and the events held back behind it', async () => {
    await holder.begin(async (tx) => {
      await tx`select pg_current_xact_id()`;
      await tx.prepare('sen_stall_test');
    });
    try {
      for (let n = 0; n < 3; n++) await store.appendToStream('held-prepared', ev(n), { expectedRevision: 'any' });
      await sleep(1500);
      // No session holds it: pg_stat_activity shows nothing; only pg_prepared_xacts knows.
      expect(await store.oldestTransactionSeconds()).toBeGreaterThanOrEqual(1);
      expect(await store.heldBackEvents()).toBe(3);
    } finally {
      await holder.unsafe("commit prepared 'sen_stall_test'"); // from its own database
    }
    expect(
      await settle(
        () => store.heldBackEvents(),
        (n) => n === 0,
      ),
    ).toBe(0);
    expect(
      await settle(
        () => store.oldestTransactionSeconds(),
        (s) => s < 1,
      ),
    ).toBeLessThan(1);
  });
});
