// Koa middleware. Answers preflights without calling `next`; for every other request it sets the
// headers after `next` resolves (so the policy has the last word over the routes' own headers and
// Vary) through Koa's response API, and when `next` throws it puts them on the error's `headers`,
// which Koa's error handler keeps after it clears every other header. `koa` is needed for its
// types only.
/**
 * `@corskit/server/koa`: {@link corsMiddleware} for Koa apps.
 *
 * @packageDocumentation
 */
import { format } from 'node:util';
import type { Response as KoaResponse, Middleware } from 'koa';
import { actualCorsHeaders, type HeaderPairs } from '../answers.js';
import { answerBeforeHandler } from '../request-path.js';
import { nodeRequestReader } from '../request-reader.js';
import {
  type HeaderWriter,
  headerText,
  removeEarlierCorsHeaders,
  writeCorsHeaders,
} from '../response-headers.js';
import { type PolicySource, pathOfTarget, selectorFor } from '../routes.js';

export type { PolicySource } from '../routes.js';

/**
 * `app.use(corsMiddleware(policy))`: answers preflights itself (use it before the router and
 * authentication), and gives every other response, errors thrown downstream included, the
 * policy's CORS headers and `Vary: Origin`. An OPTIONS without Access-Control-Request-Method
 * reaches your routes.
 */
export function corsMiddleware(source: PolicySource): Middleware {
  const { single, byPath } = selectorFor(source);
  return async function corskitCors(ctx, next) {
    // originalUrl: prefixes name the path the client asked for, also under a mounted sub-app.
    const policy = single ?? byPath(pathOfTarget(ctx.originalUrl));
    if (policy === null) return next();
    // The decision every adapter shares; this middleware only carries it out, through ctx.
    const early = answerBeforeHandler(policy, ctx.req, nodeRequestReader);
    if (early !== null) {
      // The body first: an explicit null (Koa would answer a bare status with its text) makes the
      // status 204, and a text sets a type; then the real status and the answer's own headers.
      ctx.body = early.body;
      ctx.status = early.status;
      removeEarlierCorsHeaders(ctx.response, early.headers, koaHeaders);
      ctx.set(early.headers);
      return;
    }
    const cors = actualCorsHeaders(policy, ctx.req.headers.origin ?? null);
    const vary = policy.actualVary;
    try {
      await next();
    } catch (error) {
      // For error handlers upstream that answer from ctx, and for Koa's own, which keeps only these.
      writeCorsHeaders(ctx.response, cors, vary, koaHeaders);
      throw withCorsHeaders(error, cors, vary);
    }
    writeCorsHeaders(ctx.response, cors, vary, koaHeaders);
  };
}

const koaHeaders: HeaderWriter<KoaResponse> = {
  // Koa's get() answers '' for an absent header; the ServerResponse underneath says undefined.
  get: (response, name) => headerText(response.res.getHeader(name)),
  set: (response, name, value) => response.set(name, value),
  remove: (response, name) => response.remove(name),
};

/** An error's `headers` object, whose names may be in any case. */
const errorHeaders: HeaderWriter<Record<string, unknown>> = {
  get(record, name) {
    for (const key of Object.keys(record)) if (key.toLowerCase() === name) return headerText(record[key]);
    return null;
  },
  set(record, name, value) {
    errorHeaders.remove(record, name);
    record[name] = value;
  },
  remove(record, name) {
    for (const key of Object.keys(record)) if (key.toLowerCase() === name) delete record[key];
  },
};

/**
 * The error with the decided headers in its `headers` (a copy: the original may be shared or
 * frozen). A thrown non-object becomes the Error Koa would make of it, so it can carry them too.
 */
function withCorsHeaders(error: unknown, cors: HeaderPairs | null, vary: readonly string[] | null): unknown {
  const target =
    typeof error === 'object' && error !== null ? error : new Error(format('non-error thrown: %j', error));
  const own = (target as { headers?: unknown }).headers;
  const headers: Record<string, unknown> = typeof own === 'object' && own !== null ? { ...own } : {};
  writeCorsHeaders(headers, cors, vary, errorHeaders);
  try {
    (target as { headers?: unknown }).headers = headers;
  } catch {
    // A frozen error keeps its headers; Koa's handler then answers without CORS, as it always did.
  }
  return target;
}
