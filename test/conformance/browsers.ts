import { type BrowserEngine, visit } from '../support/browsers.ts';
import { createBrowserClock } from '../support/clock.ts';
import { combine } from './observation.ts';
import type { PageKind } from './page-kinds.ts';
import { startServers, type Transport } from './servers.ts';
import type { Observation, TestCase } from './types.ts';

export type EngineRun =
  | { ok: true; version: string; durationMs: number; observations: Observation[] }
  | { ok: false; reason: string };

export interface EngineRunOptions {
  /** Where the runner runs (default `origin`: the page itself); see RunSettings.page. */
  page?: PageKind;
  /**
   * Run the browser on a clock the test moves (test/support/clock.ts): each step's delay is one jump, so
   * cache lifetimes of hours take seconds. Fails the run when the clock cannot be built (no C compiler).
   */
  virtualClock?: boolean;
  /** HTTP/1.1 (the default) or HTTPS with HTTP/2 only; see RunSettings.transport. */
  transport?: Transport;
}

/** Real time allowed per clock jump (a jump itself is instant; this is room for a loaded machine). */
const CLOCK_JUMP_MS = 2000;

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
  options: EngineRunOptions = {},
): Promise<EngineRun> {
  const started = Date.now();
  const clock = options.virtualClock ? await createBrowserClock() : undefined;
  if (clock && 'error' in clock) return { ok: false, reason: `${engine}: no virtual clock: ${clock.error}` };
  const servers = await startServers(
    cases,
    { ...PAGE_SETTINGS, page: options.page, transport: options.transport },
    { advanceClock: clock?.advance },
  );
  try {
    // On a virtual clock every delay costs one clock jump, not its length.
    const waits = clock
      ? CLOCK_JUMP_MS * cases.flatMap((c) => c.steps).filter((step) => step.delayMs > 0).length
      : Math.max(0, ...cases.map(totalDelayMs));
    const budgetMs = RUN_BUDGET_MS + PER_CASE_MS * cases.length + waits;
    const visited = await visit(engine, servers.pageUrl, servers.report, budgetMs, {
      env: clock?.env,
      ...(servers.trustedCa ? { trustedCa: servers.trustedCa } : {}),
    });
    if (!visited.ok) return visited;
    const report = visited.value;
    if ('error' in report) return { ok: false, reason: `${engine}: the page failed: ${report.error}` };
    const symbols = {
      origins: servers.origins,
      top: servers.topOrigin,
      run: servers.run,
      browserDefaults: { ...servers.browserDefaults, 'user-agent': report.userAgent },
    };
    const observations = report.observations.map((client) =>
      combine(client, servers.journal.arrivals(client.caseId, client.step), symbols),
    );
    return { ok: true, version: visited.version, durationMs: Date.now() - started, observations };
  } finally {
    await servers.close();
    await clock?.close();
  }
}

function totalDelayMs(testCase: TestCase): number {
  return testCase.steps.reduce((sum, step) => sum + step.delayMs, 0);
}
