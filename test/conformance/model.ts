import { createCorsFetch } from '@corskit/core';
import { createJournal } from './journal.ts';
import { combine } from './observation.ts';
import { runCase } from './page/client.js';
import { PAGE_KINDS, type PageKind } from './page-kinds.ts';
import { caseHandler } from './respond.ts';
import type { Transport } from './servers.ts';
import type { EngineName, Observation, Origins, TestCase } from './types.ts';

/**
 * Stand-in origins: observations write origins symbolically, so they need not match a browser run's
 * ports. The scheme does matter: the model decides by it (e.g. Chromium's stream uploads need https).
 */
const modelOrigins = (scheme: 'http' | 'https'): Origins => ({
  page: `${scheme}://localhost:41001`,
  api: `${scheme}://localhost:41002`,
  third: `${scheme}://localhost:41003`,
});
const MODEL_RUN = 'model';
const FETCH_TIMEOUT_MS = 8000;

/**
 * What `createCorsFetch` predicts for one case in `engine`: the same request specs, built and observed
 * by the same client code as in the page, against the same `respond` server logic, called directly.
 * A fake clock advances by each step's delay, so preflight-cache timing costs no real time.
 */
export async function runModelCase(
  engine: EngineName,
  testCase: TestCase,
  options: { page?: PageKind; transport?: Transport } = {},
): Promise<Observation[]> {
  const served = modelOrigins(options.transport === 'http2' ? 'https' : 'http');
  const { opaque, creator } = PAGE_KINDS[options.page ?? 'origin'];
  const origins = opaque ? { ...served, page: 'null' } : served;
  const top = served.page;
  const worker = creator && { creatorOrigin: creator === 'top' ? top : 'null' };
  const journal = createJournal();
  const serve = {
    api: caseHandler([testCase], { server: 'api', origins: origins, run: MODEL_RUN, journal }),
    third: caseHandler([testCase], { server: 'third', origins: origins, run: MODEL_RUN, journal }),
  };
  const network = async (request: Request) =>
    new URL(request.url).origin === origins.third ? serve.third(request) : serve.api(request);

  let clock = Date.UTC(2025, 0, 1);
  const corsFetch = createCorsFetch({
    origin: origins.page,
    engine,
    fetch: network,
    now: () => clock,
    ...(worker && { worker }),
  });
  const seen = await runCase(testCase, {
    fetch: corsFetch,
    origins: origins,
    run: MODEL_RUN,
    timeoutMs: FETCH_TIMEOUT_MS,
    sleep: async (ms) => {
      clock += ms;
    },
    mark: (caseId, step) => journal.mark(caseId, step),
  });
  const symbols = { origins: origins, top, run: MODEL_RUN };
  return seen.map((client) => combine(client, journal.arrivals(client.caseId, client.step), symbols));
}
