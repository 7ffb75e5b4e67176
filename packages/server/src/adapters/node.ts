// Node's http module, and Express / Connect middleware. Reads and writes Node's own header objects
// (no Request or Response is built), so the per-request cost is a few header reads and writes.
/**
 * `@corskit/server/node`: a {@link corsMiddleware} for Express and Connect,
 * {@link withCorsListener} for `node:http` servers, and {@link fetchListener} to serve a Fetch
 * handler (serveApi's) on `node:http`.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { actualCorsHeaders, type HeaderPairs } from '../answers.js';
import { ALLOW_ORIGIN, PREFLIGHT_CORS_HEADERS, VARY } from '../constants.js';
import type { CompiledPolicy } from '../policy.js';
import { answerBeforeHandler } from '../request-path.js';
import { nodeRequestReader } from '../request-reader.js';
import { type PolicySource, pathOfTarget, selectorFor } from '../routes.js';
import { mergeVary } from '../vary.js';

export type { PolicySource } from '../routes.js';
export { fetchListener } from './node-fetch.js';

/** Connect / Express `next`. */
export type NextFunction = (error?: unknown) => void;
/** Express / Connect middleware, as {@link corsMiddleware} returns it. */
export type CorsMiddleware = (request: IncomingMessage, response: ServerResponse, next: NextFunction) => void;
/** A `http.createServer` request listener. */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * Express / Connect middleware: answers preflights itself (put it before routing and
 * authentication), refuses cross-origin writes when `crossOriginProtection` is on (403, `next`
 * not called), and gives every other response the policy's CORS headers and `Vary: Origin`.
 */
export function corsMiddleware(source: PolicySource): CorsMiddleware {
  const select = nodeSelector(source);
  return (request, response, next) => {
    const policy = select(request);
    if (policy === null || !handleCors(policy, request, response)) next();
  };
}

/** Wraps a `http.createServer` listener: `http.createServer(withCorsListener(policy, listener))`. */
export function withCorsListener(source: PolicySource, listener: NodeListener): NodeListener {
  if (typeof listener !== 'function')
    throw new TypeError('withCorsListener(policy, listener): listener must be a function.');
  const select = nodeSelector(source);
  return (request, response) => {
    const policy = select(request);
    if (policy === null || !handleCors(policy, request, response)) return listener(request, response);
    return undefined;
  };
}

function nodeSelector(source: PolicySource): (request: IncomingMessage) => CompiledPolicy | null {
  const { single, byPath } = selectorFor(source);
  if (single !== null) return () => single;
  return (request) => byPath(pathOfTarget(request.url ?? '/'));
}

/**
 * Answers a preflight or refuses a cross-origin write (returns true: the response is finished), or
 * arranges the actual response's headers.
 */
function handleCors(policy: CompiledPolicy, request: IncomingMessage, response: ServerResponse): boolean {
  const early = answerBeforeHandler(policy, request, nodeRequestReader);
  if (early !== null) {
    // A 403 may have a body, so Node would stream it chunked without a length; give it one.
    if (early.status !== 204 && early.body === null) early.headers['content-length'] = '0';
    // Headers given to writeHead replace set ones of the same name; remove the other CORS ones
    // an earlier middleware set, so a refused preflight or write keeps no Allow-Origin.
    for (const name of PREFLIGHT_CORS_HEADERS) {
      if (!(name in early.headers) && response.hasHeader(name)) response.removeHeader(name);
    }
    response.writeHead(early.status, early.headers);
    response.end(early.body ?? undefined);
    return true;
  }
  applyOnWriteHead(response, actualCorsHeaders(policy, request.headers.origin ?? null), policy.actualVary);
  return false;
}

type WriteHead = (
  this: ServerResponse,
  statusCode: number,
  reason?: unknown,
  headers?: unknown,
) => ServerResponse;

/**
 * Writes the CORS headers when the handler writes its head, not now: by then the handler has set
 * its own Vary (which we extend, never replace) and cannot overwrite ours, and an
 * Access-Control-Allow-Origin it set for a refused origin is removed. Every way of sending a
 * response (end, write, flushHeaders) goes through writeHead.
 */
function applyOnWriteHead(
  response: ServerResponse,
  cors: HeaderPairs | null,
  vary: readonly string[] | null,
): void {
  const writeHead = response.writeHead as WriteHead;
  let applied = false;
  // writeHead(status[, reason][, headers]); Node treats missing and undefined arguments alike.
  response.writeHead = function writeHeadWithCors(
    this: ServerResponse,
    statusCode: number,
    reason?: unknown,
    headers?: unknown,
  ) {
    if (!applied) {
      applied = true;
      if (typeof reason === 'object' && reason !== null) {
        headers = reason;
        reason = undefined;
      }
      if (typeof headers !== 'object' || headers === null) {
        writeCorsHeaders(this, cors, vary);
      } else if (Array.isArray(headers)) {
        // A flat [name, value, ...] list, which may repeat a name on purpose: take it in first.
        absorbHeaderList(this, headers);
        headers = undefined;
        writeCorsHeaders(this, cors, vary);
      } else {
        // Headers passed to writeHead override set ones, so ours go into (a copy of) that object.
        headers = withCorsHeaders(this, headers as OutgoingHttpHeaders, cors, vary);
        if (cors === null && this.hasHeader(ALLOW_ORIGIN)) this.removeHeader(ALLOW_ORIGIN);
      }
    }
    return writeHead.call(this, statusCode, reason, headers);
  } as ServerResponse['writeHead'];
}

function absorbHeaderList(response: ServerResponse, headers: unknown[]): void {
  for (let i = 0; i < headers.length; i += 2) response.removeHeader(String(headers[i]));
  for (let i = 0; i < headers.length; i += 2) {
    response.appendHeader(String(headers[i]), headers[i + 1] as string | string[]);
  }
}

/**
 * A copy of a writeHead headers object with the CORS headers in it: the handler's own
 * Allow-Origin dropped (the policy alone decides), the others the policy sets replaced, Vary merged.
 */
function withCorsHeaders(
  response: ServerResponse,
  headers: OutgoingHttpHeaders,
  cors: HeaderPairs | null,
  vary: readonly string[] | null,
): Record<string, OutgoingHttpHeader | undefined> {
  const merged: Record<string, OutgoingHttpHeader | undefined> = {};
  let ownVary: OutgoingHttpHeader | undefined;
  for (const name in headers) {
    const first = name.charCodeAt(0) | 0x20; // Only names starting with a or v can collide.
    if (first === 0x61 || first === 0x76) {
      const lower = name.toLowerCase();
      if (lower === VARY) {
        ownVary = headers[name];
        continue;
      }
      if (lower === ALLOW_ORIGIN || cors?.some(([ours]) => ours === lower)) continue;
    }
    merged[name] = headers[name];
  }
  if (cors !== null) for (const [name, value] of cors) merged[name] = value;
  const existing = ownVary ?? response.getHeader(VARY);
  const mergedVary = vary === null ? null : mergeVary(headerText(existing), vary);
  if (mergedVary !== null) merged[VARY] = mergedVary;
  else if (ownVary !== undefined) merged[VARY] = ownVary;
  return merged;
}

function headerText(value: OutgoingHttpHeader | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value?.toString();
}

function writeCorsHeaders(
  response: ServerResponse,
  cors: HeaderPairs | null,
  vary: readonly string[] | null,
): void {
  if (cors !== null) for (const [name, value] of cors) response.setHeader(name, value);
  else if (response.hasHeader(ALLOW_ORIGIN)) response.removeHeader(ALLOW_ORIGIN);
  if (vary !== null) {
    const merged = mergeVary(headerText(response.getHeader(VARY)), vary);
    if (merged !== null) response.setHeader(VARY, merged);
  }
}
