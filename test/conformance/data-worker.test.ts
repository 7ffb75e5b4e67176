// The chosen corpus again, from a module worker the page started from a data: URL: an opaque
// origin, its creator's is not (see page-kinds.ts).
import { CASES } from './cases.ts';
import { PAGE_KINDS } from './page-kinds.ts';
import { browserSuite } from './suite.ts';

browserSuite({ name: PAGE_KINDS['data-worker'].corpus, cases: CASES, page: 'data-worker' });
