// "Get, decode and split": how Access-Control-Allow-Methods / -Allow-Headers / -Expose-Headers
// values become lists. Commas inside quoted strings do not split; items are trimmed of spaces and tabs.
import { splitHeaderList } from '@corskit/core';
import { describe, expect, test } from 'vitest';

describe('splitHeaderList', () => {
  test.each([
    ['PUT', ['PUT']],
    ['GET, PUT ,DELETE', ['GET', 'PUT', 'DELETE']],
    ['\tx-a\t,  x-b ', ['x-a', 'x-b']],
    ['a,,b', ['a', '', 'b']],
    ['', ['']],
    ['a, "b,c", d', ['a', '"b,c"', 'd']],
    ['"a\\",b", c', ['"a\\",b"', 'c']],
    ['"unterminated, x', ['"unterminated, x']],
  ])('%j -> %j', (value, items) => {
    expect(splitHeaderList(value)).toEqual(items);
  });

  test('a value of 100,000 commas splits into 100,001 empty items', () => {
    expect(splitHeaderList(','.repeat(100_000))).toHaveLength(100_001);
  });
});
