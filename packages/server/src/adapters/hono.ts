// Hono middleware. Uses only the Request and Response on Hono's context, so it runs wherever Hono
// runs (Node, Bun, Deno, Workers); `hono` is needed for its types only.
/**
 * `@corskit/server/hono`: {@link corsMiddleware} for Hono apps.
 *
 * @packageDocumentation
 */
import type { MiddlewareHandler } from 'hono';
import { ORIGIN } from '../constants.js';
import { addCorsHeaders, responseOf, restoreEarlyAnswer } from '../fetch.js';
import { answerBeforeHandler } from '../request-path.js';
import { fetchRequestReader } from '../request-reader.js';
import { type PolicySource, pathOfUrl, selectorFor } from '../routes.js';

export type { PolicySource } from '../routes.js';

/**
 * `app.use(corsMiddleware(policy))`: answers preflights itself (register it before routes and
 * authentication), refuses cross-origin writes when `crossOriginProtection` is on, and gives
 * every other response the policy's CORS headers and `Vary: Origin`. Unlike a middleware that treats every OPTIONS as a preflight, an OPTIONS without
 * Access-Control-Request-Method reaches your routes.
 */
export function corsMiddleware(source: PolicySource): MiddlewareHandler {
  const { single, byPath } = selectorFor(source);
  return async (c, next) => {
    const request = c.req.raw;
    const policy = single ?? byPath(pathOfUrl(request.url));
    if (policy === null) return next();
    const early = answerBeforeHandler(policy, request, fetchRequestReader);
    if (early !== null) {
      // When an earlier middleware already made c.res, Hono's setter copies its headers onto a new
      // Response: undo that for ours. Otherwise c.res is our answer as built, with nothing to undo.
      const answer = responseOf(early);
      c.res = answer;
      if (c.res !== answer) restoreEarlyAnswer(c.res.headers, answer.headers);
      return c.res;
    }
    await next();
    const response = addCorsHeaders(policy, request.headers.get(ORIGIN), c.res);
    if (response !== c.res) {
      // Hono's setter copies the old response's headers onto a new one; clear it first so the
      // rebuilt response keeps exactly the headers addCorsHeaders gave it.
      c.res = undefined;
      c.res = response;
    }
  };
}
