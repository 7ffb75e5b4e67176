// The chosen corpus again, from a module worker the page started from a blob: URL: the page's
// origin (see page-kinds.ts).
import { CASES } from './cases.ts';
import { PAGE_KINDS } from './page-kinds.ts';
import { browserSuite } from './suite.ts';

browserSuite({ name: PAGE_KINDS['blob-worker'].corpus, cases: CASES, page: 'blob-worker' });
