// The Fetch-API side: Request in, Response out. withCors is the heart; the Hono and msw adapters
// reuse answerBeforeHandler (with fetchRequestReader), responseOf and addCorsHeaders.

import { actualCorsHeaders } from './answers.js';
import { ALLOW_ORIGIN, ORIGIN, PREFLIGHT_CORS_HEADERS, VARY } from './constants.js';
import type { CompiledPolicy } from './policy.js';
import { answerBeforeHandler, type EarlyAnswer } from './request-path.js';
import { fetchRequestReader } from './request-reader.js';
import { type PolicySource, pathOfUrl, selectorFor } from './routes.js';
import type { FetchHandler } from './types.js';
import { mergeVary } from './vary.js';

/**
 * Serves `handler` behind the policy: answers preflights itself (before any routing or
 * authentication in the handler), refuses cross-origin writes when `crossOriginProtection` is on
 * (403, handler not called), and adds the CORS headers and `Vary: Origin` to every other
 * response. Takes one policy, or policies per path from routePolicies().
 */
export function withCors(
  source: PolicySource,
  handler: FetchHandler,
): (request: Request) => Promise<Response> {
  const selector = selectorFor(source);
  if (typeof handler !== 'function')
    throw new TypeError('withCors(policy, handler): handler must be a function.');
  const { single, byPath } = selector;
  if (single !== null) return (request) => serve(single, request, handler);
  return async (request) => {
    const policy = byPath(pathOfUrl(request.url));
    return policy === null ? handler(request) : serve(policy, request, handler);
  };
}

async function serve(policy: CompiledPolicy, request: Request, handler: FetchHandler): Promise<Response> {
  const early = answerBeforeHandler(policy, request, fetchRequestReader);
  if (early !== null) return responseOf(early);
  return addCorsHeaders(policy, request.headers.get(ORIGIN), await handler(request));
}

/** An answer that ends the request before the handler as a Response. */
export function responseOf(answer: EarlyAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * Makes `merged` (a preflight answer or cross-origin refusal onto which a framework copied headers
 * set before it) carry exactly the answer's CORS headers: ones set earlier are replaced or removed,
 * Vary is joined.
 */
export function restoreEarlyAnswer(merged: Headers, answer: Headers): void {
  for (const name of PREFLIGHT_CORS_HEADERS) {
    const ours = answer.get(name);
    if (ours !== null) merged.set(name, ours);
    else if (merged.has(name)) merged.delete(name);
  }
  const vary = answer.get(VARY);
  const joined = vary === null ? null : mergeVary(merged.get(VARY), vary.split(', '));
  if (joined !== null) merged.set(VARY, joined);
}

/**
 * Adds the policy's headers for `origin` to a handler's response, merging `Vary: Origin` into the
 * handler's own Vary. For a refused or absent origin, removes any Access-Control-Allow-Origin the
 * handler set itself: the policy alone decides who may read. Rebuilds the response when its headers
 * are immutable (a fetch() result, Response.redirect()).
 */
export function addCorsHeaders(policy: CompiledPolicy, origin: string | null, response: Response): Response {
  // Response.error() (status 0) is a network error: no headers to add, and it cannot be rebuilt.
  if (response.status === 0) return response;
  const cors = actualCorsHeaders(policy, origin);
  try {
    writeCorsHeaders(response.headers, cors, policy.actualVary);
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const copy = new Response(response.body, response);
  writeCorsHeaders(copy.headers, cors, policy.actualVary);
  return copy;
}

function writeCorsHeaders(
  headers: Headers,
  cors: ReadonlyArray<readonly [string, string]> | null,
  vary: readonly string[] | null,
): void {
  if (cors !== null) for (const [name, value] of cors) headers.set(name, value);
  else if (headers.has(ALLOW_ORIGIN)) headers.delete(ALLOW_ORIGIN);
  if (vary !== null) {
    const merged = mergeVary(headers.get(VARY), vary);
    if (merged !== null) headers.set(VARY, merged);
  }
}
