import { it } from 'vitest';
import { runEngine } from './browsers.ts';
import { CASES } from './cases.ts';
import { runModelCase } from './model.ts';
import { comparable } from './observation.ts';
import { differences, formatTable } from './table.ts';
import type { EngineName, Observation } from './types.ts';

it('probe', async () => {
  const from = CASES.findIndex((c) => c.id === process.env['PROBE_FROM']);
  const only = (process.env['PROBE_ENGINES'] ?? 'chromium,firefox,webkit').split(',') as EngineName[];
  const cases = CASES.slice(from);
  const recorded: Array<[EngineName, Observation[]]> = [];
  for (const engine of only) {
    const run = await runEngine(engine, cases);
    if (!run.ok) {
      console.log(engine, run.reason);
      continue;
    }
    recorded.push([engine, run.observations]);
    for (const c of cases) {
      const b = run.observations.filter((o) => o.caseId === c.id);
      const m = await runModelCase(engine, c);
      b.forEach((o, i) => {
        for (const l of differences([
          ['browser', o],
          ['model', m[i]!],
        ]))
          console.log(`MODEL ${engine} ${c.id}#${i}: ${l}`);
      });
    }
  }
  console.log(formatTable(recorded));
}, 600_000);
