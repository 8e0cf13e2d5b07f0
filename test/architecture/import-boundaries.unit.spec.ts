// Issue 16, point 6: the layers' import rules are enforced by ESLint (`sen/boundaries`, eslint.boundaries.mjs),
// not remembered. ESLint runs here as `npm run lint` runs it, on the repository's own eslint.config.mjs, in a child
// Node process (ESLint loads its configuration with import(), which Jest's CommonJS sandbox does not offer).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Linted {
  file: string;
  messages: { ruleId: string | null; message: string; line: number }[];
}

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
const { texts, trees } = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd(), ruleFilter: ({ ruleId }) => ruleId === 'sen/boundaries' });
const out = [];
for (const { file, code } of texts) out.push(...(await eslint.lintText(code, { filePath: file })));
if (trees.length) out.push(...(await eslint.lintFiles(trees)));
const rel = (p) => p.slice(process.cwd().length + 1);
process.stdout.write(JSON.stringify(out.map((r) => ({
  file: rel(r.filePath),
  messages: r.messages.map(({ ruleId, message, line }) => ({ ruleId, message, line })),
}))));
`;

function eslint(texts: { file: string; code: string }[], trees: string[] = []): Linted[] {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: ROOT,
    input: JSON.stringify({ texts, trees }),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.toString('utf8')) as Linted[];
}

/** Each import, in a file that does not exist, at the place it would be written: what `sen/boundaries` says. */
const CASES: { file: string; code: string; reported: RegExp | null }[] = [
  // The domain imports nothing outside itself.
  { file: 'libs/case-domain/src/x.ts', code: "import { Injectable } from '@nestjs/common';", reported: /the domain/ },
  { file: 'libs/case-domain/src/x.ts', code: "import { createSql } from '@sen/db';", reported: /the domain/ },
  { file: 'libs/case-domain/src/x.ts', code: "import { randomUUID } from 'node:crypto';", reported: /the domain/ },
  {
    file: 'libs/case-domain/src/x.ts',
    code: "export * from '../../read-models/src/projection';",
    reported: /the domain/,
  },
  { file: 'libs/case-domain/src/x.ts', code: "import { CATEGORIES } from './case.types';", reported: null },
  // Libs never import apps, and reach other libs through their entry point.
  {
    file: 'libs/queues/src/x.ts',
    code: "import { ApiModule } from '../../../apps/api/src/api.module';",
    reported: /a lib never imports an app/,
  },
  {
    file: 'libs/read-models/src/cases/x.ts',
    code: "import { createSql } from '../../../db/src/sql';",
    reported: /entry point \(@sen\/db\)/,
  },
  { file: 'libs/read-models/src/x.ts', code: "import { createSql } from '@sen/db/src/sql';", reported: /entry point/ },
  { file: 'libs/read-models/src/x.ts', code: "import { createSql } from '@sen/db';", reported: null },
  // Apps never import each other's internals; another app's root module is its public face.
  {
    file: 'apps/worker/src/x.ts',
    code: "import { CasesModule } from '../../api/src/cases/cases.module';",
    reported: /another app's internals/,
  },
  {
    file: 'apps/cli/src/x.ts',
    code: "const m = import('../../projector/src/projections/x');",
    reported: /another app's internals/,
  },
  { file: 'apps/cli/src/x.ts', code: "import { createApiApp } from '../../api/src/api.app';", reported: null },
  // The web app: its own code, its packages, and the domain's vocabulary through one file.
  {
    file: 'apps/web/src/pages/x.tsx',
    code: "import { decide } from '../../../../libs/case-domain/src/case.decider';",
    reported: /entry point|web app/,
  },
  {
    file: 'apps/web/src/pages/x.tsx',
    code: "import { CATEGORIES } from '@sen/case-domain';",
    reported: /only the domain's vocabulary/,
  },
  {
    file: 'apps/web/src/pages/x.tsx',
    code: "import type { SenConfig } from '@sen/config';",
    reported: /only the domain's vocabulary/,
  },
  {
    file: 'apps/web/src/pages/x.tsx',
    code: "import type { User } from '../../../api/src/auth/user';",
    reported: /web app imports only its own code/,
  },
  { file: 'apps/web/src/pages/x.tsx', code: "import { CATEGORIES } from '../domain/vocabulary';", reported: null },
  { file: 'apps/web/src/domain/vocabulary.ts', code: "export { CATEGORIES } from '@sen/case-domain';", reported: null },
];

describe('Import boundaries between the layers (eslint.boundaries.mjs)', () => {
  let results: Linted[];
  beforeAll(() => {
    results = eslint(
      CASES.map(({ file, code }) => ({ file, code })),
      ['apps', 'libs'],
    );
  }, 300_000);

  it.each(CASES.map((c, i) => [i, c.file, c.code, c.reported] as const))(
    'case %i: %s: %s → %s',
    (i, _file, _code, reported) => {
      const messages = results[i]!.messages.filter((m) => m.ruleId === 'sen/boundaries');
      if (reported === null) expect(messages).toEqual([]);
      else expect(messages).toEqual([expect.objectContaining({ message: expect.stringMatching(reported) })]);
    },
  );

  it('finds no forbidden import in apps/ and libs/ as they are', () => {
    const tree = results.slice(CASES.length);
    expect(tree.length).toBeGreaterThan(300);
    const crossings = tree.flatMap((r) => r.messages.map((m) => `${r.file}:${m.line} ${m.message}`));
    expect(crossings).toEqual([]);
  });
});
