// Issue 15, point 13: production's demo-user check runs on every start and fails closed.
import { loadConfig } from '@sen/config';
import { seedDemoUsers } from '@sen/reference';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { createLogger } from './logger';
import { prepareDatabase } from './prepare';

const production = (url: string) =>
  loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    JWT_SECRET: 'p'.repeat(40),
    PII_MASTER_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i)).toString('base64'),
    MIGRATE_ON_START: 'false',
  });
const logger = createLogger('silent', 'sen-test');

describe('prepareDatabase in production', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('prepare');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('starts when no demo user is active', async () => {
    await expect(prepareDatabase(production(db.url), logger)).resolves.toBeUndefined();
  });

  it('refuses to start while a demo user is active', async () => {
    await seedDemoUsers(db.sql);
    await expect(prepareDatabase(production(db.url), logger)).rejects.toThrow(/demo users exist/);
  });

  it('refuses to start when the demo users cannot be counted (fails closed)', async () => {
    await seedDemoUsers(db.sql);
    await db.sql`alter table users rename to users_elsewhere`;
    await expect(prepareDatabase(production(db.url), logger)).rejects.toThrow(/could not check for demo users/);
  });
});
