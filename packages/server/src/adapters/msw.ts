// msw: makes mocked endpoints speak CORS exactly as the real server behind the same policy does.
// msw alone answers no preflight and adds no CORS header, and in the browser its Service Worker
// never even sees preflights; tests that must catch CORS mistakes pair this wrapper with
// @corskit/core's createCorsFetch (or a real browser).
/**
 * `@corskit/server/msw`: {@link withCorsHandlers} makes msw handlers answer preflights and send
 * CORS headers by a policy; {@link mockApi} makes msw handlers from a contract. Call them through
 * `createCorsFetch` from @corskit/core to enforce CORS.
 *
 * @packageDocumentation
 */
import type { Api, RouteFacts, RouteName } from '@corskit/contract';
import { getResponse, type HttpHandler, http, type RequestHandler } from 'msw';
import { type ApiPolicyOptions, compileApiPolicies } from '../api/policies.js';
import { type AnyHandler, type ApiHandlers, answerRoute, logHandlerError } from '../api/serve.js';
import { ORIGIN, REQUEST_METHOD } from '../constants.js';
import { addCorsHeaders, responseOf } from '../fetch.js';
import { answerBeforeHandler } from '../request-path.js';
import { fetchRequestReader } from '../request-reader.js';
import { makePolicyRoutes, type PolicySource, pathOfUrl, selectorFor } from '../routes.js';

export type { PolicySource } from '../routes.js';

/** Options of {@link withCorsHandlers}. */
export interface CorsHandlersOptions {
  /**
   * Which preflights to answer. `served` (default): those to a URL one of the handlers serves
   * (for some method), so preflights to unmocked hosts stay unhandled and msw reports them.
   * `all`: every preflight, as a server wrapped whole in withCors does (use it with handlers whose
   * URL cannot be probed, such as GraphQL handlers).
   */
  preflights?: 'served' | 'all';
}

/**
 * `setupServer(...withCorsHandlers(policy, [http.get(...), ...]))`: one msw handler that answers
 * preflights by the policy, refuses cross-origin writes as the server would (crossOriginProtection:
 * 403, the wrapped handler not called), and adds the policy's CORS headers to what `handlers`
 * return. Wrap `server.use(...)` overrides the same way.
 */
export function withCorsHandlers(
  source: PolicySource,
  handlers: readonly RequestHandler[],
  options: CorsHandlersOptions = {},
): HttpHandler[] {
  const { single, byPath } = selectorFor(source);
  if (!Array.isArray(handlers))
    throw new TypeError('withCorsHandlers(policy, handlers): handlers must be an array.');
  const inner = [...handlers];
  const answerAll = options.preflights === 'all';

  const cors = http.all('*', async ({ request }) => {
    const policy = single ?? byPath(pathOfUrl(request.url));
    if (policy === null) return getResponse(inner, request);
    const early = answerBeforeHandler(policy, request, fetchRequestReader);
    if (early !== null) {
      // Only for URLs the handlers serve, so requests to unmocked hosts stay unhandled.
      if (!answerAll && !(await someHandlerServesUrl(inner, request, early.kind === 'preflight'))) {
        return undefined;
      }
      return responseOf(early);
    }
    const response = await getResponse(inner, request);
    if (response === undefined || isPassthrough(response)) return response;
    return addCorsHeaders(policy, request.headers.get(ORIGIN), response);
  });
  return [cors];
}

/**
 * Whether a handler serves the request's URL: for a preflight, for the handler's own method (or
 * the requested one, for `all`); for any other request, for the request's own method.
 */
async function someHandlerServesUrl(
  handlers: readonly RequestHandler[],
  request: Request,
  preflight: boolean,
): Promise<boolean> {
  const requested = preflight ? (request.headers.get(REQUEST_METHOD) ?? 'GET') : request.method;
  for (const handler of handlers) {
    const own = (handler.info as { method?: unknown }).method;
    const method = preflight && typeof own === 'string' ? own : requested;
    let probe: Request;
    try {
      probe = new Request(request.url, { method, headers: request.headers });
    } catch {
      continue; // A method fetch refuses (CONNECT, TRACE): no handler serves it.
    }
    if (await handler.test({ request: probe })) return true;
  }
  return false;
}

/** msw's passthrough() marker (checked by header: `isPassthroughResponse` exists only in msw 3). */
function isPassthrough(response: Response): boolean {
  return response.headers.get('x-msw-intention') === 'passthrough';
}

/** Options of {@link mockApi}. */
export interface MockApiOptions {
  /** Where the API lives: `https://api.example.com` (a path, `https://example.com/api`, prefixes every route). */
  baseUrl: string;
  /** Policy settings the contract does not decide (debug, filterOrigin, ...). */
  policy?: ApiPolicyOptions;
  /** Called with what a mock handler threw (the app gets a 500); console.error by default. */
  onError?: (error: unknown, request: Request) => void;
}

/**
 * msw handlers for the routes of `api` that `handlers` mocks, typed per route and status exactly as
 * serveApi's handlers (so a mock can only answer what the contract declares). Requests are
 * validated as the server validates them (a 400 naming every failing field), and everything is
 * wrapped in withCorsHandlers with the contract's per-path policies: through createCorsFetch, an
 * app's tests fail where the browser would. Routes without a mock stay unhandled, for msw to report.
 */
export function mockApi<A extends Api>(
  api: A,
  handlers: NoInfer<Partial<ApiHandlers<A>>>,
  options: MockApiOptions,
): HttpHandler[] {
  const base = new URL(options?.baseUrl ?? '');
  const prefix = base.pathname.replace(/\/$/, '');
  const { byIndex, fallback, match } = compileApiPolicies(api, options.policy);
  const onError = options.onError ?? logHandlerError;
  const mocks = handlers as unknown as Readonly<Record<string, AnyHandler>>;
  const facts = api.facts as Readonly<Record<string, RouteFacts>>;
  const unknown = Object.keys(mocks).filter((name) => !(name in facts));
  if (unknown.length > 0) throw new TypeError(`mockApi: the contract has no route ${unknown.join(', ')}.`);

  const inner: HttpHandler[] = [];
  for (const name of Object.keys(mocks) as Array<RouteName<A>>) {
    const route = facts[name]!;
    const url = base.origin + prefix + route.path;
    const answer = async ({ request }: { request: Request }) => {
      const found = match(pathOfUrl(request.url).slice(prefix.length));
      return answerRoute(route, request, found?.values ?? [], mocks, onError, false);
    };
    inner.push(http[route.method.toLowerCase() as 'get'](url, answer));
    if (
      route.method === 'GET' &&
      !Object.values(facts).some((r) => r.method === 'HEAD' && r.path === route.path)
    ) {
      inner.push(
        http.head(url, async (info) => {
          const response = await answer(info);
          return new Response(null, response);
        }),
      );
    }
  }
  const policies = makePolicyRoutes((pathname) => {
    if (!pathname.startsWith(prefix)) return null;
    const found = match(pathname.slice(prefix.length));
    return found === null ? fallback : byIndex[found.index]!;
  });
  return withCorsHandlers(policies, inner);
}
