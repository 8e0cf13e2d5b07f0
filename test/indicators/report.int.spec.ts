// Issue 5: `npm run sen -- report --year Y [--area CODE] [--csv]`, run as the built CLI against a database of
// its own, prints the same indicator table as the API's export. Needs `npm run build` (npm test does it).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { seedAreas, seedIndicators, seedPopulation } from '@sen/reference';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { built } from '../support/processes';
import { storeFixture } from '../support/store-fixture';
import { caseWriter, project } from './indicator-fixture';

const run = promisify(execFile);

describe('sen report', () => {
  let db: TestDatabase;
  const cli = (args: string[]) =>
    run(process.execPath, [built('apps/cli/src/main.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
    });

  beforeAll(async () => {
    db = await createTestDatabase('report_cli');
    await seedAreas(db.sql);
    await seedIndicators(db.sql);
    await seedPopulation(db.sql);
    const fx = await storeFixture(db.sql);
    const w = caseWriter(fx);
    // Two confirmed abuse cases of two children in Xã Tân Thành in 2026, one of them responded to in 2 hours.
    const a = await w.open({ category: 'neglect', areaCode: '29938', reportedAt: '2026-02-01T08:00:00+07:00' });
    await w.assess(a, 'confirmed', '2026-02-01T09:00:00+07:00');
    await w.emergency(a, '2026-02-01T10:00:00+07:00');
    const b = await w.open({ category: 'sexual_abuse', areaCode: '29938', reportedAt: '2026-02-02T08:00:00+07:00' });
    await w.assess(b, 'confirmed', '2026-02-02T09:00:00+07:00');
    await project(fx, db.sql);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('prints the indicator table for a year and an area', async () => {
    const { stdout } = await cli([
      'report',
      '--year',
      '2026',
      '--area',
      '29938',
      '--as-of',
      '2026-06-01T00:00:00+07:00',
    ]);
    expect(stdout).toContain('2026, Xã Tân Thành (29938)');
    // 2 children / 3,630 = 0.055096 %; below the 4 % target.
    expect(stdout).toMatch(/^9 +abused_rate +social_affairs +0\.055096 +percent +below 4 \(2030\) +yes/m);
    // As of 1 June 2026 case b has had no response and its deadline has passed: 1 met, 1 missed → 50 %.
    expect(stdout).toMatch(/^12 +timely_support +social_affairs +50 +percent/m);
    expect(stdout.split('\n').filter((l) => /^\d+ /.test(l))).toHaveLength(35);
  });

  it('prints CSV with --csv', async () => {
    const { stdout } = await cli([
      'report',
      '--year',
      '2026',
      '--area',
      '29938',
      '--csv',
      '--as-of',
      '2026-02-02T09:00:00+07:00',
    ]);
    const lines = stdout.trim().split(/\r\n/);
    expect(lines[0]).toMatch(/^number,goal,target_key,/);
    expect(lines).toHaveLength(36);
    expect(lines.find((l) => l.startsWith('9,'))).toContain(',0.055096,2,3630,');
    // As of 09:00 on 2 February, case b is still within its 12 hours: 1 met, 0 missed → 100 %.
    expect(lines.find((l) => l.startsWith('12,'))).toContain(',100,1,1,');
  });

  it('refuses an unknown area with a message naming the option', async () => {
    await expect(cli(['report', '--year', '2026', '--area', 'nowhere'])).rejects.toMatchObject({
      stderr: expect.stringContaining('--area nowhere is not an area code'),
    });
  });
});
