import { type BrowserEngine, visit } from '../support/browsers.ts';
import { combine } from './observation.ts';
import { startServers, type Transport } from './servers.ts';
import type { Observation, TestCase } from './types.ts';

export type EngineRun =
  | { ok: true; version: string; durationMs: number; observations: Observation[] }
  | { ok: false; reason: string };

/** Page settings: quick cases in flight at once, and the per-fetch timeout. */
const PAGE_SETTINGS = { concurrency: 6, timeoutMs: 8000 };
/** Time for the browser to start, plus time per case; the cache cases' delays come on top. */
const RUN_BUDGET_MS = 30_000;
const PER_CASE_MS = 150;

/**
 * Runs every case in the real browser: serves the runner page, opens it in the engine, waits for
 * the page to post its results (or for the browser to die, or the time budget to run out), then
 * ends the browser's whole process tree.
 */
export async function runEngine(
  engine: BrowserEngine,
  cases: TestCase[],
  options: { opaqueOrigin?: boolean; transport?: Transport } = {},
): Promise<EngineRun> {
  const started = Date.now();
  const servers = await startServers(cases, { ...PAGE_SETTINGS, ...options });
  try {
    const budgetMs = RUN_BUDGET_MS + PER_CASE_MS * cases.length + Math.max(0, ...cases.map(totalDelayMs));
    const trust = servers.trustedCa ? { trustedCa: servers.trustedCa } : {};
    const visited = await visit(engine, servers.pageUrl, servers.report, budgetMs, trust);
    if (!visited.ok) return visited;
    const report = visited.value;
    if ('error' in report) return { ok: false, reason: `${engine}: the page failed: ${report.error}` };
    const symbols = {
      origins: servers.origins,
      run: servers.run,
      browserDefaults: { ...servers.browserDefaults, 'user-agent': report.userAgent },
    };
    const observations = report.observations.map((client) =>
      combine(client, servers.journal.arrivals(client.caseId, client.step), symbols),
    );
    return { ok: true, version: visited.version, durationMs: Date.now() - started, observations };
  } finally {
    await servers.close();
  }
}

function totalDelayMs(testCase: TestCase): number {
  return testCase.steps.reduce((sum, step) => sum + step.delayMs, 0);
}
