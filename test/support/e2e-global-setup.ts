import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** A clean folder for this run's e2e logs. */
export default function setup() {
  rmSync(join(__dirname, '..', '..', 'test-output', 'e2e-logs'), { recursive: true, force: true });
}
