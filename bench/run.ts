// `npm run bench [-- name...]`: runs every benchmark of bench/ (or those named) one after the other, each in
// its own Node.js process so that one's heap and connections do not weigh on the next.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// The order matters only for reading: cheap, self-contained benchmarks first, the 1,000,000-case ones last.
const ORDER = ['append', 'http', 'surge', 'projection', 'scale'];
const dir = __dirname;
const found = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.replace(/\.bench\.js$/, ''));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !found.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; there are: ${found.join(', ')}`);
  process.exit(2);
}
const names = (wanted.length > 0 ? wanted : found).sort(
  (a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99),
);
let failed = 0;
for (const name of names) {
  console.log(`\n=== bench: ${name} ===`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, `${name}.bench.js`)], {
    stdio: 'inherit',
    env: process.env,
  });
  console.log(
    `=== ${name}: ${r.status === 0 ? 'done' : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(0)} s ===`,
  );
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
