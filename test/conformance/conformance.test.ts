// Real-browser conformance on the chosen corpus (cases.ts): see suite.ts.
import { CASES } from './cases.ts';
import { browserSuite } from './suite.ts';

browserSuite({ name: 'conformance', cases: CASES });
