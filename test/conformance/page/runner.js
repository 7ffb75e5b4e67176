// The page runner: fetches the run's setup from the page server, runs every case against the API
// origin and posts what it saw back. It runs in a document or a worker (see page-kinds.ts); its
// own URL names the page server, since a data: or blob: document has no base URL to resolve against.
// Single-request cases run first, a few at a time. The multi-step (preflight-cache) cases run after
// them, all at once, so their deliberate waits overlap instead of adding up, and so that the flood
// of single-request preflights cannot evict their entries (Firefox keeps only 100 of them).
// On a virtual clock (the browser on test/support/clock.ts), the server moves the clock for each delay
// instead, and the multi-step cases run one at a time so that one case's jump is not another's.
import { runCase, runPool } from './client.js';

const pageServer = (path) => new URL(path, import.meta.url);

const post = (path, data) =>
  fetch(pageServer(path), {
    method: 'POST',
    // text/plain: a CORS-safelisted type, so that a runner with an opaque origin needs no preflight.
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(data),
  });

/** Asks the server to move this browser's clock, and checks that both of its clocks moved. */
async function advanceClock(ms) {
  const [monotonic, wall] = [performance.now(), Date.now()];
  await post('/clock', { ms });
  const moved = { monotonic: performance.now() - monotonic, wall: Date.now() - wall };
  if (moved.monotonic < ms || moved.wall < ms)
    throw new Error(`the browser clock did not move by ${ms} ms: ${JSON.stringify(moved)}`);
}

async function main() {
  const setup = await (await fetch(pageServer('/setup.json'))).json();
  const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const env = {
    fetch: (url, init) => fetch(url, init),
    origins: setup.origins,
    run: setup.run,
    timeoutMs: setup.timeoutMs,
    sleep: setup.virtualClock ? advanceClock : realSleep,
    mark: async (caseId, step) => {
      await post('/mark', { caseId, step });
    },
  };
  const isSequence = (testCase) => testCase.steps.length > 1;
  const singles = setup.cases.filter((testCase) => !isSequence(testCase));
  const sequences = setup.cases.filter(isSequence);
  const run = (testCase) => runCase(testCase, env);
  const singleResults = await runPool(singles, setup.concurrency, run);
  const sequenceResults = await runPool(sequences, setup.virtualClock ? 1 : sequences.length, run);
  await post('/results', {
    userAgent: navigator.userAgent,
    observations: [...singleResults, ...sequenceResults].flat(),
  });
}

main().catch((error) => post('/results', { error: String(error?.stack ?? error) }));
