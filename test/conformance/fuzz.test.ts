// The differential fuzzer: a corpus drawn from the grammar (fuzz/grammar.ts) with one seed, held
// against the real browsers like the chosen corpus (suite.ts). CI runs CI_SEED with CI_COUNT cases;
// `npm run fuzz -- --seed N --count M` runs any other draw (CORSKIT_FUZZ_SEED / CORSKIT_FUZZ_COUNT),
// `--http2` over HTTPS and HTTP/2 (CORSKIT_FUZZ_TRANSPORT=http2).
// Each engine's disagreements, with the case and both sides, go to .conformance/fuzz-<seed>-<engine>-disagreements.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { CI_COUNT, CI_SEED, fuzzCases } from './fuzz/corpus.ts';
import { excludedFromFuzz } from './fuzz/exclusions.ts';
import { unrecordableOverHttp2 } from './http2-exclusions.ts';
import type { Transport } from './servers.ts';
import { OBSERVATIONS_DIR } from './store.ts';
import { browserSuite } from './suite.ts';

const seed = readInteger('CORSKIT_FUZZ_SEED', CI_SEED);
const count = readInteger('CORSKIT_FUZZ_COUNT', CI_COUNT);
const transport = readTransport();
const name = `fuzz-${transport === 'http2' ? 'h2-' : ''}${seed}`;
console.log(`fuzz: seed ${seed}, ${count} cases per engine${transport === 'http2' ? ', over HTTP/2' : ''}`);

browserSuite({
  name,
  cases: fuzzCases(seed, count),
  excluded:
    transport === 'http2'
      ? (testCase, engine) => excludedFromFuzz(testCase, engine) ?? unrecordableOverHttp2(testCase)
      : excludedFromFuzz,
  transport,
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

function readTransport(): Transport {
  const text = process.env['CORSKIT_FUZZ_TRANSPORT'] ?? 'http1';
  if (text !== 'http1' && text !== 'http2')
    throw new Error(`CORSKIT_FUZZ_TRANSPORT must be http1 or http2, not ${JSON.stringify(text)}`);
  return text;
}
