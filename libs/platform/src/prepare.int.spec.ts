// Issue 20, point 9 and issue 15, point 13: production refuses to start while demo users (whose password is public) are active, and
// refuses too when it cannot find out (it used to read a failed query as "none").
import { loadConfig } from '@sen/config';
import { seedAreas, seedDemoUsers } from '@sen/reference';
import { type TestDatabase, createTestDatabase } from '@sen/testing';
import { createLogger } from './logger';
import { prepareDatabase } from './prepare';

describe('prepareDatabase in production', () => {
  let db: TestDatabase;
  const logger = createLogger('silent', 'test');
  const production = () =>
    loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      MIGRATE_ON_START: 'false',
      JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      PII_MASTER_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i)).toString('base64'),
    });

  beforeAll(async () => {
    db = await createTestDatabase('prepare_production');
    await seedAreas(db.sql);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('starts with no demo user', async () => {
    await expect(prepareDatabase(production(), logger)).resolves.toBeUndefined();
  });

  it('refuses while an active demo user exists, and starts once they are deactivated', async () => {
    const users = await seedDemoUsers(db.sql);
    await expect(prepareDatabase(production(), logger)).rejects.toThrow(
      `refusing to start in production: ${users.length} demo users exist`,
    );
    await db.sql`update users set active = false where demo`;
    await expect(prepareDatabase(production(), logger)).resolves.toBeUndefined();
  });

  it('refuses when it cannot check for demo users (fails closed)', async () => {
    await db.sql`alter table users rename to users_elsewhere`;
    try {
      await expect(prepareDatabase(production(), logger)).rejects.toThrow(
        'refusing to start in production: could not check for demo users',
      );
    } finally {
      await db.sql`alter table users_elsewhere rename to users`;
    }
  });
});
