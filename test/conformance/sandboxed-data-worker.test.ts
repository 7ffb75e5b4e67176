// The chosen corpus again, from a data: worker that a sandboxed iframe started: the worker and
// its creator are both opaque (see page-kinds.ts).
import { CASES } from './cases.ts';
import { PAGE_KINDS } from './page-kinds.ts';
import { browserSuite } from './suite.ts';

browserSuite({
  name: PAGE_KINDS['sandboxed-data-worker'].corpus,
  cases: CASES,
  page: 'sandboxed-data-worker',
});
