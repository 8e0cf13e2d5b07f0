// The Dockerfile read as the build runs it: instructions in order, per stage. No Docker engine here, so the
// order of its steps and its patch check (run as a shell script against a patched and an unpatched postgres.js)
// are what can be proven on this machine (README, "What was verified where").
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './validators';

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions of each stage, continuation lines joined, comments dropped. */
function stages(text: string): Instruction[][] {
  const joined = text.replace(/\\\n/g, ' ').split('\n');
  const out: Instruction[][] = [];
  for (const line of joined) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    if (keyword.toUpperCase() === 'FROM') out.push([]);
    out[out.length - 1]!.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') });
  }
  return out;
}

const dockerfile = () => readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const PATCH_MARK = 'porsager/postgres#1208';

describe('Dockerfile', () => {
  const [build, runtime] = stages(dockerfile());

  it('copies patches/ into the build stage before npm ci runs patch-package', () => {
    const npmCi = build!.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    const patches = build!.findIndex(
      (i) => i.keyword === 'COPY' && (/^patches\b/.test(i.args) || /^\. \./.test(i.args)),
    );
    expect(npmCi).toBeGreaterThan(-1);
    expect(patches).toBeGreaterThan(-1);
    expect(patches).toBeLessThan(npmCi);
  });

  it('makes a patch that does not apply fail npm ci (patch-package --error-on-fail in postinstall)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.postinstall).toMatch(/^patch-package\b.*--error-on-fail/);
  });

  describe('the check that the patch is in the image', () => {
    const check = () => {
      const run = build!.find((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args))!.args;
      // The step's commands after `npm ci`: what the build runs once node_modules exists.
      return run.split('&&').slice(1).join('&&').trim();
    };
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'sen-dockerfile-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const tree = (patched: boolean) => {
      for (const sub of ['cjs/src', 'src']) {
        const target = join(dir, 'node_modules', 'postgres', sub);
        mkdirSync(target, { recursive: true });
        copyFileSync(join(ROOT, 'node_modules', 'postgres', sub, 'connection.js'), join(target, 'connection.js'));
        if (!patched) {
          const text = readFileSync(join(target, 'connection.js'), 'utf8');
          writeFileSync(
            join(target, 'connection.js'),
            text
              .split('\n')
              .filter((l) => !l.includes(PATCH_MARK))
              .join('\n'),
          );
        }
      }
    };
    const runs = () => {
      try {
        execFileSync('sh', ['-c', check()], { cwd: dir, stdio: 'pipe' });
        return true;
      } catch {
        return false;
      }
    };

    it('greps for a line that the patch in patches/ really adds', () => {
      const patchFiles = readdirSync(join(ROOT, 'patches')).filter((f) => f.startsWith('postgres+'));
      expect(patchFiles).toHaveLength(1);
      const added = readFileSync(join(ROOT, 'patches', patchFiles[0]!), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('+') && l.includes(PATCH_MARK));
      expect(added.length).toBeGreaterThan(0);
      expect(check()).toContain(PATCH_MARK);
    });

    it('passes on the patched postgres.js and fails the build on an unpatched one', () => {
      tree(true);
      expect(runs()).toBe(true);
      rmSync(join(dir, 'node_modules'), { recursive: true });
      tree(false);
      expect(runs()).toBe(false);
    });
  });

  it('builds and runs on an exact, supported Node.js release (22.x.y, not a floating tag, not Node 20)', () => {
    for (const stage of [build!, runtime!]) {
      const from = stage[0]!.args.split(' ')[0]!;
      expect(from).toMatch(/^node:22\.\d+\.\d+-bookworm-slim$/);
    }
  });
});
