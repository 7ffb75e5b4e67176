// The differential fuzzer: a corpus drawn from the grammar (fuzz/grammar.ts) with one seed, held
// against the real browsers like the chosen corpus (suite.ts). CI runs CI_SEED with CI_COUNT cases;
// `npm run fuzz -- --seed N --count M` runs any other draw (CORSKIT_FUZZ_SEED / CORSKIT_FUZZ_COUNT).
// Each engine's disagreements, with the case and both sides, go to .conformance/fuzz-<seed>-<engine>-disagreements.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { CI_COUNT, CI_SEED, fuzzCases } from './fuzz/corpus.ts';
import { excludedFromFuzz } from './fuzz/exclusions.ts';
import { OBSERVATIONS_DIR } from './store.ts';
import { browserSuite } from './suite.ts';

const seed = readInteger('CORSKIT_FUZZ_SEED', CI_SEED);
const count = readInteger('CORSKIT_FUZZ_COUNT', CI_COUNT);
const name = `fuzz-${seed}`;
console.log(`fuzz: seed ${seed}, ${count} cases per engine`);

browserSuite({
  name,
  cases: fuzzCases(seed, count),
  excluded: excludedFromFuzz,
  onDisagreements: async (engine, disagreements) => {
    await mkdir(OBSERVATIONS_DIR, { recursive: true });
    const file = `${OBSERVATIONS_DIR}${name}-${engine}-disagreements.json`;
    await writeFile(file, `${JSON.stringify(disagreements, null, 2)}\n`);
  },
});

function readInteger(variable: string, fallback: number): number {
  const text = process.env[variable];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text))
    throw new Error(`${variable} must be a non-negative integer, not ${JSON.stringify(text)}`);
  return Number(text);
}
