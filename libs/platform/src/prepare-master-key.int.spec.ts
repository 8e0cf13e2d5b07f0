// A process refuses to start with a master key that cannot unwrap the child keys already stored (an upgrade that
// replaced the Secret, the key of another installation), naming the problem; with the right key it starts.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ChildKeyStore, StoredKeysMismatchError } from '@sen/case-app';
import { loadConfig } from '@sen/config';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { prepareDatabase } from './prepare';

const key = (n: number) => Buffer.alloc(32, n).toString('base64');
const logger = pino({ level: 'silent' });

describe('prepareDatabase: the master key against the stored child keys', () => {
  let db: TestDatabase;
  const start = (env: Record<string, string>) =>
    prepareDatabase(loadConfig({ DATABASE_URL: db.url, MIGRATE_ON_START: 'false', SEN_DEMO: '0', ...env }), logger);

  beforeAll(async () => {
    db = await createTestDatabase('master_key_check');
  });
  afterAll(() => db.drop());

  it('starts with any key while no child key is stored (a new installation)', async () => {
    await expect(start({ PII_MASTER_KEY: key(1) })).resolves.toBeUndefined();
    await expect(start({ PII_MASTER_KEY: key(2) })).resolves.toBeUndefined();
  });

  describe('once children have keys wrapped with key 1', () => {
    beforeAll(async () => {
      await new ChildKeyStore(db.sql, Buffer.from(key(1), 'base64')).ensureKeys([randomUUID(), randomUUID()]);
    });

    it('refuses another key, naming the variable and what to do', async () => {
      const error = await start({ PII_MASTER_KEY: key(2) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoredKeysMismatchError);
      expect((error as Error).message).toMatch(
        /^PII_MASTER_KEY \(version 1\) cannot unwrap the child keys stored with version 1/,
      );
      expect((error as Error).message).toMatch(/secret store or the offline escrow/);
    });

    it('starts with the right key', async () => {
      await expect(start({ PII_MASTER_KEY: key(1) })).resolves.toBeUndefined();
    });

    it('refuses a wrong previous key during a rotation, and a version that holds no stored key', async () => {
      const rotation = await start({
        PII_MASTER_KEY: key(3),
        PII_MASTER_KEY_VERSION: '2',
        PII_MASTER_KEY_PREVIOUS: key(4),
      }).catch((e: unknown) => e);
      expect((rotation as Error).message).toMatch(/^PII_MASTER_KEY_PREVIOUS \(version 1\) cannot unwrap/);
      await expect(
        start({ PII_MASTER_KEY: key(3), PII_MASTER_KEY_VERSION: '2', PII_MASTER_KEY_PREVIOUS: key(1) }),
      ).resolves.toBeUndefined();
      const wrongVersion = await start({ PII_MASTER_KEY: key(1), PII_MASTER_KEY_VERSION: '5' }).catch(
        (e: unknown) => e,
      );
      expect((wrongVersion as Error).message).toMatch(
        /stored with master key version 1, but this process holds version\(s\) 5/,
      );
    });
  });
});
