// The chosen corpus again, from an iframe whose document is a data: URL: an opaque origin, so
// every request carries `Origin: null` (see page-kinds.ts).
import { CASES } from './cases.ts';
import { PAGE_KINDS } from './page-kinds.ts';
import { browserSuite } from './suite.ts';

browserSuite({ name: PAGE_KINDS['data-iframe'].corpus, cases: CASES, page: 'data-iframe' });
