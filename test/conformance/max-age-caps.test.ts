// The Access-Control-Max-Age caps, timed for real: each engine runs on a clock the test moves
// forward by each step's delay (test/support/clock.ts), so a preflight answer cached for "a day" is
// checked a day later in a few seconds of real time.
import { MAX_AGE_CAP_CASES } from './cases.ts';
import { browserSuite } from './suite.ts';

browserSuite({ name: 'max-age-caps', cases: MAX_AGE_CAP_CASES, virtualClock: true });
