// classify on hostile header lists: its work must grow linearly with the number of headers (a
// page, or a fuzzer, can set tens of thousands). Measured by counting, never by the clock: every
// call to an Array method that scans its array (includes, indexOf, find, filter, ...) adds the
// array's length, so a lookup in a growing list per header, the quadratic pattern, shows as n²/2.
// (A hand-written nested loop would not be counted; the model has none over the header list.)

import { classify, ENGINES, type Engine } from '@corskit/core';
import { describe, expect, test } from 'vitest';
import { API, PAGE } from './helpers';

const SCANNING = [
  'includes',
  'indexOf',
  'lastIndexOf',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
] as const;
const VISITING = ['filter', 'some', 'every', 'map', 'flatMap', 'forEach', 'reduce'] as const;

/** The elements Array methods scanned while `run` ran. */
function elementsScanned(run: () => void): number {
  let scanned = 0;
  const proto = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const name of [...SCANNING, ...VISITING]) {
    const original = proto[name]!;
    originals.set(name, original);
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      scanned += this.length;
      return original.apply(this, args);
    };
  }
  try {
    run();
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
  return scanned;
}

type Pairs = Array<[string, string]>;
const shapes: Array<[string, (n: number) => Pairs]> = [
  ['distinct unsafe names', (n) => Array.from({ length: n }, (_, i): [string, string] => [`x-h${i}`, 'v'])],
  ['one unsafe name repeated', (n) => Array.from({ length: n }, (_, i): [string, string] => ['x-h', `${i}`])],
  [
    'distinct forbidden names',
    (n) => Array.from({ length: n }, (_, i): [string, string] => [`sec-h${i}`, 'v']),
  ],
  [
    'safelisted values over the budget',
    (n) =>
      Array.from({ length: n }, (_, i): [string, string] => [i % 2 ? 'accept' : 'content-language', 'a']),
  ],
];

describe('classify scans each header a bounded number of times', () => {
  const cases = ENGINES.flatMap((engine) => shapes.map(([label, make]) => [engine, label, make] as const));
  test.each(cases)('%s, %s', (engine: Engine, _label, make) => {
    for (const n of [1_000, 10_000]) {
      const headers = make(n);
      const modes: RequestMode[] = ['cors', 'no-cors'];
      for (const mode of modes) {
        const scanned = elementsScanned(() => {
          classify(`${API}/x`, { headers, mode }, { origin: PAGE, engine });
        });
        // Linear work is a few passes per header; the quadratic version scanned n/2 per header.
        expect(scanned / n, `${n} headers, mode ${mode}`).toBeLessThan(20);
      }
    }
  });

  test('the counter sees a quadratic scan (so the bound above can fail)', () => {
    const names = Array.from({ length: 1_000 }, (_, i) => `x-h${i}`);
    const seen: string[] = [];
    const scanned = elementsScanned(() => {
      for (const name of names) if (!seen.includes(name)) seen.push(name);
    });
    expect(scanned / names.length).toBeGreaterThan(400);
  });
});
