// One way to hold a corpus against the real browsers: every case runs once in each engine (headless,
// against loopback servers), and `createCorsFetch` with that engine must predict every observation.
// The chosen corpus (conformance.test.ts) and the fuzz corpus (fuzz.test.ts) both run through it.
// CORSKIT_SKIP_ENGINES=webkit,firefox skips engines visibly; an engine that cannot start fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineRun, runEngine } from './browsers.ts';
import { pickCases, readRecordings, recordedFor } from './engine-table/recordings.ts';
import { runModelCase } from './model.ts';
import { comparable } from './observation.ts';
import type { PageKind } from './page-kinds.ts';
import type { Transport } from './servers.ts';
import { saveEngineRun } from './store.ts';
import { ENGINE_NAMES, type EngineName, type Observation, type TestCase } from './types.ts';

const ENGINE_RUN_TIMEOUT_MS = 240_000;

export interface SuiteOptions {
  /** Names the run in test titles and the summary, and the files under .conformance/. */
  name: string;
  cases: TestCase[];
  /** Cases not compared, each with the reason (a measured nondeterminism); they show as skipped. */
  excluded?: (testCase: TestCase, engine: EngineName) => string | null;
  /** Where the runner runs (default `origin`: the page itself); see page-kinds.ts. */
  page?: PageKind;
  /** Run the browsers on a clock the test moves, so delays of hours cost seconds; see runEngine. */
  virtualClock?: boolean;
  /** How the servers speak (see servers.ts); the model's origins get the matching scheme. */
  transport?: Transport;
  /** Called once per engine with every case where the model and the browser disagree. */
  onDisagreements?: (engine: EngineName, disagreements: Disagreement[]) => Promise<void> | void;
}

export interface Disagreement {
  testCase: TestCase;
  browser: Array<Omit<Observation, 'message'>>;
  model: Array<Omit<Observation, 'message'>>;
  messages: Array<string | null>;
}

const skippedEngines = new Set(
  (process.env['CORSKIT_SKIP_ENGINES'] ?? '')
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean),
);

/** `156.0.8078.79` -> `156.0`: enough to tell builds apart in a summary line. */
const shortVersion = (version: string) => version.split('.').slice(0, 2).join('.');

/** Declares the tests: one per engine that it ran, and one per case and engine. */
export function browserSuite({
  name,
  cases,
  excluded,
  page,
  virtualClock,
  transport,
  onDisagreements,
}: SuiteOptions): void {
  const summary = new Map<EngineName, string>();

  for (const engine of ENGINE_NAMES) {
    if (skippedEngines.has(engine)) {
      describe(`${engine} ${name}`, () => {
        it.skip(`${engine}: not run because CORSKIT_SKIP_ENGINES lists it`, () => {});
      });
      summary.set(engine, `${engine}: skipped (CORSKIT_SKIP_ENGINES)`);
      continue;
    }

    describe(`${engine} ${name}`, () => {
      let run: EngineRun = { ok: false, reason: 'the browser run did not happen' };
      let agreeing = 0;
      let compared = 0;
      const disagreements: Disagreement[] = [];

      beforeAll(async () => {
        run = await runEngine(engine, cases, { page, virtualClock, transport });
        await saveEngineRun(engine, run, name);
      }, ENGINE_RUN_TIMEOUT_MS);

      afterAll(async () => {
        const skipped = cases.length - compared;
        summary.set(
          engine,
          run.ok
            ? `${engine} ${shortVersion(run.version)}: ${agreeing}/${compared} cases agree${skipped ? ` (${skipped} excluded)` : ''}`
            : `${engine}: could not run`,
        );
        if (run.ok) await onDisagreements?.(engine, disagreements);
      });

      it(`${engine} runs every case`, () => {
        if (!run.ok) throw new Error(`${engine} could not run: ${run.reason}`);
        expect(new Set(run.observations.map((o) => o.caseId)).size).toBe(cases.length);
      });

      // The engine table in packages/core/README.md is built from recordings committed beside it
      // (engine-table/recorded.json); they must be what this engine did in this run.
      it(`${engine}: the engine table's recordings are this run's`, async (context) => {
        const recordings = await readRecordings();
        const recorded = recordedFor(recordings, name, engine);
        if (!Object.keys(recorded).length) return context.skip(`the engine table cites no ${name} case`);
        if (!run.ok) throw new Error(`${engine} could not run: ${run.reason}`);
        expect(
          pickCases(run.observations, Object.keys(recorded)),
          'engine-table/recorded.json is stale: run `pnpm run docs:engines` after this run and review the diff',
        ).toEqual(recorded);
      });

      for (const testCase of cases) {
        const reason = excluded?.(testCase, engine) ?? null;
        if (reason !== null) {
          it.skip(`${testCase.id}: ${testCase.title} (excluded: ${reason})`, () => {});
          continue;
        }
        it(`${testCase.id}: ${testCase.title}`, async (context) => {
          // Without a browser run there is nothing to compare; the test above fails and says why.
          const current = run;
          if (!current.ok) return context.skip(`${engine} could not run`);
          compared++;
          const observed = current.observations.filter((o) => o.caseId === testCase.id);
          const browser = observed.map(comparable);
          const model = (await runModelCase(engine, testCase, { page, transport })).map(comparable);
          try {
            expect(model, `createCorsFetch (engine '${engine}') vs the real ${engine}`).toEqual(browser);
          } catch (error) {
            disagreements.push({ testCase, browser, model, messages: observed.map((o) => o.message) });
            throw error;
          }
          agreeing++;
        });
      }
    });
  }

  afterAll(() => {
    console.log([`${name}:`, ...summary.values()].join('\n  '));
  });
}
