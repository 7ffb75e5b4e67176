// The page runner: fetches the run's setup from its own origin, runs every case against the API
// origin and posts what it saw back.
// Single-request cases run first, a few at a time. The multi-step (preflight-cache) cases run after
// them, all at once, so their deliberate waits overlap instead of adding up, and so that the flood
// of single-request preflights cannot evict their entries (Firefox keeps only 100 of them).
import { runCase, runPool } from './client.js';

const post = (path, data) =>
  fetch(path, {
    method: 'POST',
    // text/plain: a CORS-safelisted type, so that a runner in an opaque-origin frame needs no preflight.
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(data),
  });

async function main() {
  const setup = await (await fetch('/setup.json')).json();
  const env = {
    fetch: (url, init) => fetch(url, init),
    origins: setup.origins,
    run: setup.run,
    timeoutMs: setup.timeoutMs,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    mark: async (caseId, step) => {
      await post('/mark', { caseId, step });
    },
  };
  const isSequence = (testCase) => testCase.steps.length > 1;
  const singles = setup.cases.filter((testCase) => !isSequence(testCase));
  const sequences = setup.cases.filter(isSequence);
  const run = (testCase) => runCase(testCase, env);
  const singleResults = await runPool(singles, setup.concurrency, run);
  const sequenceResults = await runPool(sequences, sequences.length, run);
  await post('/results', {
    userAgent: navigator.userAgent,
    observations: [...singleResults, ...sequenceResults].flat(),
  });
}

main().catch((error) => post('/results', { error: String(error?.stack ?? error) }));
