// Runs every test/bench/*.bench.mjs, one fresh Node process each (so one bench's JIT state and
// garbage never skew another's), in name order. Usage: node test/bench/run.mjs [name-filter...]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();

if (benches.length === 0) {
  console.error(`No benchmarks in ${here} match ${filters.join(', ') || '*.bench.mjs'}.`);
  process.exit(1);
}

let failed = 0;
for (const name of benches) {
  console.log(`\n=== ${name}\n`);
  const { status, signal } = spawnSync(process.execPath, ['--expose-gc', join(here, name)], {
    stdio: 'inherit',
  });
  if (status !== 0) {
    failed++;
    console.error(`${name} failed (${signal ?? `exit code ${status}`})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
