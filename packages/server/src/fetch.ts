// The Fetch-API side: Request in, Response out. withCors is the heart; the Hono and msw adapters
// reuse answerPreflightRequest and addCorsHeaders.

import { actualCorsHeaders, answerPreflight } from './answers.js';
import {
  ALLOW_ORIGIN,
  ORIGIN,
  PREFLIGHT_CORS_HEADERS,
  REQUEST_HEADERS,
  REQUEST_METHOD,
  REQUEST_PRIVATE_NETWORK,
  VARY,
} from './constants.js';
import type { CompiledPolicy } from './policy.js';
import { type PolicySource, pathOfUrl, selectorFor } from './routes.js';
import type { FetchHandler } from './types.js';
import { mergeVary } from './vary.js';

/**
 * Serves `handler` behind the policy: answers preflights itself (before any routing or
 * authentication in the handler), and adds the CORS headers and `Vary: Origin` to every other
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
  const origin = request.headers.get(ORIGIN);
  if (origin !== null && request.method === 'OPTIONS') {
    const preflight = answerPreflightRequest(policy, request, origin);
    if (preflight !== null) return preflight;
  }
  return addCorsHeaders(policy, origin, await handler(request));
}

/** The answer to `request` if it is a preflight (OPTIONS with Origin and A-C-Request-Method), else null. */
export function answerPreflightRequest(
  policy: CompiledPolicy,
  request: Request,
  origin: string,
): Response | null {
  const headers = request.headers;
  const method = headers.get(REQUEST_METHOD);
  if (method === null) return null;
  const answer = answerPreflight(
    policy,
    origin,
    method,
    headers.get(REQUEST_HEADERS),
    headers.get(REQUEST_PRIVATE_NETWORK),
  );
  return new Response(null, { status: answer.status, headers: answer.headers });
}

/**
 * Makes `merged` (a preflight answer onto which a framework copied headers set before it) carry
 * exactly the answer's CORS headers: ones set earlier are replaced or removed, Vary is joined.
 */
export function restorePreflightAnswer(merged: Headers, answer: Headers): void {
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
