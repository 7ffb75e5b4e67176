// The one decision every adapter makes before its handler runs: answer a preflight, or let the
// request through. Adapters differ only in how they read a request (a RequestReader) and how they
// write the answer, so the rules live here once.
import { answerPreflight } from './answers.js';
import { ORIGIN, REQUEST_HEADERS, REQUEST_METHOD, REQUEST_PRIVATE_NETWORK } from './constants.js';
import type { CompiledPolicy } from './policy.js';
import type { RequestReader } from './request-reader.js';

/** An answer that ends the request before the handler runs. Header names are lowercase. */
export interface EarlyAnswer {
  kind: 'preflight' | 'cross-origin';
  status: 204 | 403;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * The answer to give instead of calling the handler, or null to call it (and then add the CORS
 * headers to its response). Reads only what it needs: a GET costs a method comparison.
 */
export function answerBeforeHandler<R>(
  policy: CompiledPolicy,
  request: R,
  read: RequestReader<R>,
): EarlyAnswer | null {
  if (read.method(request) !== 'OPTIONS') return null;
  const origin = read.header(request, ORIGIN);
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
