// Chromium's Local Network Access, measured: a page whose address Chromium is told is public
// (`--ip-address-space-overrides`, Chromium's switch for testing) calls the API on loopback. The
// same calls from a page overridden as `local` are the control: they must go through, so a refusal
// is the address space's doing and not the harness's.
// CORSKIT_SKIP_ENGINES=chromium skips it visibly, like the other real-browser suites.
import { describe, expect, it } from 'vitest';
import { visit } from '../support/browsers.ts';
import { ALLOW_ANY_PREFLIGHT, answer, single } from './case-builders.ts';
import type { PageReport } from './servers.ts';
import { startServers } from './servers.ts';
import type { Arrival, ClientObservation, TestCase } from './types.ts';

const RECORD = ['access-control-request-private-network', 'access-control-request-local-network'];
const ALLOW_PRIVATE_NETWORK = answer(204, [
  ...ALLOW_ANY_PREFLIGHT.headers,
  ['Access-Control-Allow-Private-Network', 'true'],
]);
const CASES: TestCase[] = [
  single('lna-get', 'local-network', 'a simple GET', {}, { record: RECORD }),
  single(
    'lna-put',
    'local-network',
    'a preflighted PUT',
    { method: 'PUT', headers: [['X-A', '1']] },
    { record: RECORD },
  ),
  single(
    'lna-put-allow-private-network',
    'local-network',
    'a preflighted PUT whose preflight answer allows private network access',
    { method: 'PUT', headers: [['X-A', '1']] },
    { preflight: ALLOW_PRIVATE_NETWORK, record: RECORD },
  ),
  single('lna-no-cors', 'local-network', 'a no-cors GET', { mode: 'no-cors' }, { record: RECORD }),
];

interface SpaceRun {
  observations: ClientObservation[];
  arrivals: Arrival[];
}

async function runFromSpace(space: 'public' | 'local'): Promise<SpaceRun> {
  const servers = await startServers(CASES, { concurrency: 2, timeoutMs: 8000 });
  try {
    const port = new URL(servers.pageUrl).port;
    const override = `--ip-address-space-overrides=127.0.0.1:${port}=${space},[::1]:${port}=${space}`;
    const visited = await visit<PageReport>('chromium', servers.pageUrl, servers.report, 90_000, {
      chromiumArgs: [override],
    });
    if (!visited.ok) throw new Error(visited.reason);
    if ('error' in visited.value) throw new Error(visited.value.error);
    return {
      observations: visited.value.observations,
      arrivals: CASES.flatMap((testCase) => servers.journal.arrivals(testCase.id, 0)),
    };
  } finally {
    await servers.close();
  }
}

const skipped = (process.env['CORSKIT_SKIP_ENGINES'] ?? '').toLowerCase().includes('chromium');

describe.skipIf(skipped)('Chromium Local Network Access (public page, loopback API)', () => {
  it('refuses every call from a public page without sending anything, preflight included', async () => {
    const run = await runFromSpace('public');
    expect(run.observations.map((o) => [o.caseId, o.outcome, o.isTypeError])).toEqual(
      CASES.map((testCase) => [testCase.id, 'rejected', true]),
    );
    expect(run.arrivals).toEqual([]);
  }, 150_000);

  it('lets the same calls through from a local page, with no private-network headers', async () => {
    const run = await runFromSpace('local');
    expect(run.observations.map((o) => [o.caseId, o.outcome])).toEqual(
      CASES.map((testCase) => [testCase.id, 'resolved']),
    );
    for (const arrival of run.arrivals) expect(Object.values(arrival.headers)).toEqual([null, null]);
  }, 150_000);
});
