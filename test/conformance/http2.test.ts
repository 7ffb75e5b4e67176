// The chosen corpus again over HTTPS and HTTP/2: page, API and third origin on https://localhost,
// speaking HTTP/2 only, with a certificate from a CA made for the run that each engine's profile
// trusts (see servers.ts and test/support/trust.ts). The model runs with https origins.
import { CASES } from './cases.ts';
import { unrecordableOverHttp2 } from './http2-exclusions.ts';
import { browserSuite } from './suite.ts';

browserSuite({ name: 'http2', cases: CASES, transport: 'http2', excluded: unrecordableOverHttp2 });
