// `sen rotate-pii-key` against a real database: keys wrapped by the old master key are re-wrapped by the new one,
// batch by batch and resumably, and personal data encrypted before the rotation still decrypts after it.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  ChildKeyStore,
  MasterKeyMismatchError,
  PiiCodec,
  UnknownMasterKeyVersionError,
  rewrapChildKeys,
} from '@sen/case-app';
import type { CaseEvent } from '@sen/case-domain';
import { type TestDatabase, createTestDatabase } from '@sen/testing';

const ROOT = join(__dirname, '..', '..', '..');
const OLD = randomBytes(32);
const NEW = randomBytes(32);

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

function opened(childId: string, fullName: string): CaseEvent {
  return {
    type: 'CaseOpened',
    data: {
      caseId: randomUUID(),
      childId,
      child: { fullName, sex: 'female', ageYears: 9 },
      summary: `summary of ${fullName}`,
    },
    metadata: { childId, actorId: 'worker1' },
  } as unknown as CaseEvent;
}

const fullName = (data: unknown) => (data as { child: { fullName: string } }).child.fullName;

describe('sen rotate-pii-key', () => {
  let db: TestDatabase;
  const children = Array.from({ length: 25 }, () => randomUUID());
  const encrypted = new Map<string, CaseEvent>();
  const erased = [randomUUID(), randomUUID()];
  const newRing = { current: NEW, version: 2, previous: OLD };

  beforeAll(async () => {
    db = await createTestDatabase('rotate_pii_key');
    // Before the rotation every process holds only the old key (version 1).
    const codec = new PiiCodec(new ChildKeyStore(db.sql, OLD));
    for (const [i, id] of children.entries()) encrypted.set(id, await codec.encrypt(opened(id, `Nguyễn Thị ${i}`)));
    const keys = new ChildKeyStore(db.sql, OLD);
    for (const id of erased) await keys.destroy(id, 'test');
  });

  afterAll(async () => {
    await db?.drop();
  });

  const versions = async () =>
    Object.fromEntries(
      (
        await db.sql<
          { v: number; n: number }[]
        >`select key_version as v, count(*)::int as n from child_keys group by 1 order by 1`
      ).map((r) => [r.v, r.n]),
    );

  it('refuses a previous key that is not the one the child keys were wrapped with, changing nothing', async () => {
    const wrong = { current: NEW, version: 2, previous: randomBytes(32) };
    await expect(rewrapChildKeys(db.sql, wrong, { dryRun: true })).rejects.toBeInstanceOf(MasterKeyMismatchError);
    await expect(rewrapChildKeys(db.sql, wrong)).rejects.toThrow(/not the key they were wrapped with/);
    expect(await versions()).toEqual({ 1: 27 });
  });

  it('checks in a dry run without writing', async () => {
    const r = await rewrapChildKeys(db.sql, newRing, { dryRun: true, batchSize: 7 });
    expect(r).toMatchObject({ rewrapped: 25, erased: 2 });
    expect(await versions()).toEqual({ 1: 27 });
  });

  it('stops after the batch in hand, and processes holding both keys read old and new versions alike', async () => {
    const controller = new AbortController();
    const r = await rewrapChildKeys(db.sql, newRing, {
      batchSize: 10,
      signal: controller.signal,
      onBatch: (done) => done > 0 && controller.abort(),
    });
    expect(r.rewrapped + r.erased).toBe(10);
    expect(r.remaining).toBe(17);
    expect(await versions()).toEqual({ 1: 17, 2: 10 });
    const during = new PiiCodec(new ChildKeyStore(db.sql, newRing));
    for (const [i, id] of children.entries())
      expect(fullName((await during.decrypt(encrypted.get(id)!)).data)).toBe(`Nguyễn Thị ${i}`);
    // A child first seen during the rotation gets a key of the new version.
    const newcomer = randomUUID();
    await during.encrypt(opened(newcomer, 'Trần Văn Mới'));
    const [row] = await db.sql<
      { key_version: number }[]
    >`select key_version from child_keys where child_id = ${newcomer}::uuid`;
    expect(row!.key_version).toBe(2);
    await db.sql`delete from child_keys where child_id = ${newcomer}::uuid`;
  });

  it('carries on where it stopped, and afterwards only the new key is needed', async () => {
    const r = await rewrapChildKeys(db.sql, newRing, { batchSize: 10 });
    expect(r.remaining).toBe(0);
    expect(r.rewrapped + r.erased).toBe(17);
    expect(await versions()).toEqual({ 2: 27 });

    const after = new PiiCodec(new ChildKeyStore(db.sql, { current: NEW, version: 2 }));
    for (const [i, id] of children.entries())
      expect(fullName((await after.decrypt(encrypted.get(id)!)).data)).toBe(`Nguyễn Thị ${i}`);
    // Erased children stay erased.
    expect((await new ChildKeyStore(db.sql, { current: NEW, version: 2 }).keyFor(erased[0]!)).state).toBe('erased');
    // A process still on the old key alone is told plainly what is wrong.
    await expect(new ChildKeyStore(db.sql, OLD).keyFor(children[0]!)).rejects.toBeInstanceOf(
      UnknownMasterKeyVersionError,
    );

    const again = await rewrapChildKeys(db.sql, newRing);
    expect(again).toMatchObject({ rewrapped: 0, erased: 0, remaining: 0 });
  });

  it('runs as `npm run sen -- rotate-pii-key`, and says what to set when the previous key is missing', async () => {
    const env = { DATABASE_URL: db.url, PII_MASTER_KEY: NEW.toString('base64') };
    const missing = await run(['rotate-pii-key', '--no-progress'], env);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('PII_MASTER_KEY_PREVIOUS is not set');

    // Rotate once more, version 2 -> 3, through the built CLI.
    const NEWER = randomBytes(32).toString('base64');
    const ok = await run(['rotate-pii-key', '--no-progress', '--batch-size', '4'], {
      DATABASE_URL: db.url,
      PII_MASTER_KEY: NEWER,
      PII_MASTER_KEY_VERSION: '3',
      PII_MASTER_KEY_PREVIOUS: NEW.toString('base64'),
    });
    expect(ok.output).toContain('child keys re-wrapped to version 3: 25 (and 2 erased); still at version 2: 0');
    expect(ok.code).toBe(0);
    expect(await versions()).toEqual({ 3: 27 });
    const latest = new PiiCodec(new ChildKeyStore(db.sql, { current: Buffer.from(NEWER, 'base64'), version: 3 }));
    expect(fullName((await latest.decrypt(encrypted.get(children[3]!)!)).data)).toBe('Nguyễn Thị 3');

    const badBatch = await run(['rotate-pii-key', '--batch-size', 'lots'], env);
    expect(badBatch.code).toBe(1);
    expect(badBatch.output).toContain('--batch-size must be an integer');
  });
});
