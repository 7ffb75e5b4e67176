// The engine-differences table in packages/core/README.md says only what the recordings show: it is
// what `pnpm run docs:engines` generates from engine-table/rows.ts, every row cites cases that exist,
// and on those cases the recorded engines split exactly as the row claims. No browser runs here; the
// conformance suite checks that the recordings (engine-table/recorded.json) are what the browsers do.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CASES } from './cases.ts';
import { corpusCaseIds } from './engine-table/corpora.ts';
import { readRecordings } from './engine-table/recordings.ts';
import { ROWS } from './engine-table/rows.ts';
import {
  checkRows,
  citedCases,
  type EngineTableRow,
  normalizeSplit,
  renderTable,
  TABLE_END,
  TABLE_START,
  withTable,
} from './engine-table/table.ts';

const README = new URL('../../packages/core/README.md', import.meta.url);
const corpora = corpusCaseIds();

describe('the engine table in packages/core/README.md', () => {
  it('is the one pnpm run docs:engines generates', async () => {
    const readme = await readFile(README, 'utf8');
    expect(readme, 'run `pnpm run docs:engines`').toBe(withTable(readme, renderTable(ROWS)));
    expect(readme).toContain(TABLE_START);
    expect(readme).toContain(TABLE_END);
  });

  it('claims, row by row, only what the recordings show', async () => {
    expect(checkRows(ROWS, corpora, await readRecordings())).toEqual([]);
  });

  it('keeps recordings of the cited cases only, in every engine', async () => {
    const recordings = await readRecordings();
    const cited = citedCases(ROWS);
    expect(Object.keys(recordings).sort()).toEqual([...cited.keys()].sort());
    for (const [corpus, ids] of cited) {
      expect(Object.keys(recordings[corpus]!).sort()).toEqual([...ids].sort());
    }
  });
});

describe('the READMEs', () => {
  it.each(['../../README.md', '../../packages/core/README.md'])(
    '%s gives the chosen corpus its size',
    async (path) => {
      const text = await readFile(new URL(path, import.meta.url), 'utf8');
      const counts = [...text.matchAll(/(\d+) chosen cases/g)].map((match) => Number(match[1]));
      expect(counts.length).toBeGreaterThan(0);
      expect(counts).toEqual(counts.map(() => CASES.length));
      const http2 = [...text.matchAll(/Of the (\d+) cases, (\d+) are/g)].map((match) => Number(match[1]));
      expect(http2).toEqual(http2.map(() => CASES.length));
    },
  );
});

describe('checkRows', () => {
  const row = ROWS.find((candidate) => candidate.cases.includes('header-user-agent'))!;
  const check = async (changed: Partial<EngineTableRow>) =>
    checkRows([{ ...row, ...changed }], corpora, await readRecordings());

  it('accepts the row as written', async () => {
    expect(await check({})).toEqual([]);
  });

  it('refuses a split the recordings do not show', async () => {
    expect(
      (await check({ split: 'chromium firefox webkit', firefox: row.chromium, webkit: row.chromium })).join(),
    ).toMatch(/the recordings split "chromium \| firefox webkit"/);
  });

  it('refuses cells that disagree with the split', async () => {
    expect((await check({ webkit: 'something else' })).join()).toMatch(/its cells split the engines/);
  });

  it('refuses a case that does not exist or was not recorded', async () => {
    expect((await check({ cases: ['no-such-case'] })).join()).toMatch(/no such case in corpus "conformance"/);
    expect((await check({ cases: ['method-get'] })).join()).toMatch(/not recorded in every engine/);
    expect((await check({ cases: ['elsewhere:method-get'] })).join()).toMatch(/no corpus "elsewhere"/);
  });

  it('compares splits regardless of order', () => {
    expect(normalizeSplit('webkit chromium | firefox')).toBe(normalizeSplit('firefox | chromium webkit'));
  });
});
