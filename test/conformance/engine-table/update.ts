// pnpm run docs:engines: refreshes recorded.json from the last conformance run's .conformance/ files
// (the chosen corpus, the opaque-origin run and the HTTP/2 run, every engine) and writes the engine table into
// packages/core/README.md between its markers. Fails, writing nothing, when a row does not hold.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CASES } from '../cases.ts';
import { OBSERVATIONS_DIR } from '../store.ts';
import { ENGINE_NAMES, type EngineName, type Observation } from '../types.ts';
import { pickCases, RECORDINGS_FILE, writeRecordings } from './recordings.ts';
import { ROWS } from './rows.ts';
import { checkRows, citedCases, type Recordings, renderTable, withTable } from './table.ts';

const README = fileURLToPath(new URL('../../../packages/core/README.md', import.meta.url));

const recordings: Recordings = {};
for (const [corpus, ids] of citedCases(ROWS)) {
  const byCase: Recordings[string] = {};
  for (const engine of ENGINE_NAMES) {
    const file = `${OBSERVATIONS_DIR}${corpus === 'conformance' ? '' : `${corpus}-`}${engine}.json`;
    const run = JSON.parse(await readFile(file, 'utf8')) as { ok: boolean; observations?: Observation[] };
    if (!run.ok || !run.observations) throw new Error(`${file} holds no successful run`);
    for (const [id, steps] of Object.entries(pickCases(run.observations, ids))) {
      byCase[id] ??= {} as Record<EngineName, Observation[]>;
      byCase[id][engine] = steps;
    }
  }
  recordings[corpus] = Object.fromEntries(Object.entries(byCase).sort(([a], [b]) => a.localeCompare(b)));
}

const problems = checkRows(ROWS, new Set(CASES.map((testCase) => testCase.id)), recordings);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
await writeRecordings(recordings);
// Written as the formatter would, so that `pnpm run lint` passes on a fresh recording.
execFileSync('biome', ['format', '--write', RECORDINGS_FILE], { stdio: 'ignore' });
await writeFile(README, withTable(await readFile(README, 'utf8'), renderTable(ROWS)));
console.log(
  `engine table: ${ROWS.length} rows from ${[...citedCases(ROWS).values()].reduce((n, s) => n + s.size, 0)} recorded cases`,
);
