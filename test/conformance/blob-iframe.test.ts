// The chosen corpus again, from an iframe whose document is a blob: URL the page made: the
// page's origin (see page-kinds.ts).
import { CASES } from './cases.ts';
import { PAGE_KINDS } from './page-kinds.ts';
import { browserSuite } from './suite.ts';

browserSuite({ name: PAGE_KINDS['blob-iframe'].corpus, cases: CASES, page: 'blob-iframe' });
