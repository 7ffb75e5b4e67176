// The one decision every adapter makes before its handler runs: answer a preflight, refuse a
// cross-origin write, or let the request through. Adapters differ only in how they read a request
// (a RequestReader) and how they write the answer, so the rules live here once.
import { answerPreflight } from './answers.js';
import {
  CORS_DEBUG_HEADER,
  ORIGIN,
  REQUEST_HEADERS,
  REQUEST_METHOD,
  REQUEST_PRIVATE_NETWORK,
} from './constants.js';
import { reportRefusal } from './debug.js';
import type { CompiledPolicy } from './policy.js';
import { refuseCrossOrigin } from './protection.js';
import type { RequestReader } from './request-reader.js';

/** An answer that ends the request before the handler runs. Header names are lowercase. */
export interface EarlyAnswer {
  kind: 'preflight' | 'cross-origin';
  status: 204 | 403;
  headers: Record<string, string>;
  body: string | null;
}

const REFUSED_BODY = 'Cross-origin request refused.\n';

/**
 * The answer to give instead of calling the handler, or null to call it (and then add the CORS
 * headers to its response). Reads only what it needs: a GET costs a method comparison.
 */
export function answerBeforeHandler<R>(
  policy: CompiledPolicy,
  request: R,
  read: RequestReader<R>,
): EarlyAnswer | null {
  const method = read.method(request);
  if (method === 'GET' || method === 'HEAD') return null;
  const origin = read.header(request, ORIGIN);
  if (method === 'OPTIONS') {
    const requested = origin === null ? null : read.header(request, REQUEST_METHOD);
    if (origin === null || requested === null) return null;
    const answer = answerPreflight(
      policy,
      origin,
      requested,
      read.header(request, REQUEST_HEADERS),
      read.header(request, REQUEST_PRIVATE_NETWORK),
    );
    return { kind: 'preflight', status: answer.status, headers: answer.headers, body: null };
  }
  const protection = policy.protection;
  if (protection === null) return null;
  const reason = refuseCrossOrigin(protection, policy.allows, method, nonEmpty(origin), request, read);
  if (reason === null) return null;
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(REFUSED_BODY.length),
  };
  if (policy.debug !== null) {
    headers[CORS_DEBUG_HEADER] = reportRefusal(policy.debug, 'cross-origin', origin ?? '(none)', reason);
  }
  return { kind: 'cross-origin', status: 403, headers, body: REFUSED_BODY };
}

const nonEmpty = (value: string | null) => (value === '' ? null : value);
