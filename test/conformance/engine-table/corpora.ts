// The corpora the engine table may cite (`<corpus>:<id>`; a bare id is in `conformance`), each with
// its cases: a row can only cite a case its corpus has.
import { CASES, MAX_AGE_CAP_CASES } from '../cases.ts';
import { PAGE_KINDS } from '../page-kinds.ts';
import type { TestCase } from '../types.ts';

export const CORPORA: Record<string, TestCase[]> = {
  /**
   * The chosen corpus from each page kind (page-kinds.ts): `conformance` from the page itself,
   * `opaque-origin` from a sandboxed iframe, `data-iframe`, `data-worker` and the others.
   */
  ...Object.fromEntries(Object.values(PAGE_KINDS).map(({ corpus }) => [corpus, CASES])),
  /** The chosen corpus over HTTPS and HTTP/2 (http2.test.ts). */
  http2: CASES,
  /** The max-age caps on a clock the test moves (max-age-caps.test.ts). */
  'max-age-caps': MAX_AGE_CAP_CASES,
};

/** Case ids per corpus, as `checkRows` takes them. */
export function corpusCaseIds(): Map<string, Set<string>> {
  return new Map(
    Object.entries(CORPORA).map(([name, cases]) => [name, new Set(cases.map((testCase) => testCase.id))]),
  );
}
