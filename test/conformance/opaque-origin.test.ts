// The chosen corpus again, from an opaque origin: the runner in a sandboxed iframe, so every
// request carries `Origin: null` and the model runs with `origin: 'null'` (see suite.ts).
import { CASES } from './cases.ts';
import { PAGE_KINDS } from './page-kinds.ts';
import { browserSuite } from './suite.ts';

browserSuite({ name: PAGE_KINDS['sandboxed-iframe'].corpus, cases: CASES, page: 'sandboxed-iframe' });
