import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (where package.json and seeds/ live), from source or from dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${__dirname}`);
    dir = parent;
  }
}
