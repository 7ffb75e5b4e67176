// Real-browser conformance: every case runs once in each engine (headless, against loopback
// servers), and `createCorsFetch` with that engine must predict every observation.
// CORSKIT_SKIP_ENGINES=webkit,firefox skips engines visibly; an engine that cannot start fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineRun, runEngine } from './browsers.ts';
import { CASES } from './cases.ts';
import { runModelCase } from './model.ts';
import { comparable } from './observation.ts';
import { saveEngineRun } from './store.ts';
import { ENGINE_NAMES, type EngineName } from './types.ts';

const ENGINE_RUN_TIMEOUT_MS = 180_000;

const skippedEngines = new Set(
  (process.env['CORSKIT_SKIP_ENGINES'] ?? '')
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean),
);

/** `156.0.8078.79` -> `156.0`: enough to tell builds apart in a summary line. */
const shortVersion = (version: string) => version.split('.').slice(0, 2).join('.');

const summary = new Map<EngineName, string>();

for (const engine of ENGINE_NAMES) {
  if (skippedEngines.has(engine)) {
    describe(`${engine} conformance`, () => {
      it.skip(`${engine}: not run because CORSKIT_SKIP_ENGINES lists it`, () => {});
    });
    summary.set(engine, `${engine}: skipped (CORSKIT_SKIP_ENGINES)`);
    continue;
  }

  describe(`${engine} conformance`, () => {
    let run: EngineRun = { ok: false, reason: 'the browser run did not happen' };
    let agreeing = 0;

    beforeAll(async () => {
      run = await runEngine(engine, CASES);
      await saveEngineRun(engine, run);
    }, ENGINE_RUN_TIMEOUT_MS);

    afterAll(() => {
      summary.set(
        engine,
        run.ok
          ? `${engine} ${shortVersion(run.version)}: ${agreeing}/${CASES.length} cases agree`
          : `${engine}: could not run`,
      );
    });

    it(`${engine} runs every case`, () => {
      if (!run.ok) throw new Error(`${engine} could not run: ${run.reason}`);
      expect(new Set(run.observations.map((o) => o.caseId)).size).toBe(CASES.length);
    });

    for (const testCase of CASES) {
      it(`${testCase.id}: ${testCase.title}`, async (context) => {
        // Without a browser run there is nothing to compare; the test above fails and says why.
        const current = run;
        if (!current.ok) return context.skip(`${engine} could not run`);
        const browser = current.observations.filter((o) => o.caseId === testCase.id).map(comparable);
        const model = (await runModelCase(engine, testCase)).map(comparable);
        expect(model, `createCorsFetch (engine '${engine}') vs the real ${engine}`).toEqual(browser);
        agreeing++;
      });
    }
  });
}

afterAll(() => {
  console.log([...summary.values()].join('\n'));
});
