// serveApi: a contract served behind its per-path CORS policies. Routing and validation happen
// inside withCors, so every answer (404, 400, 500 included) carries the CORS headers an allowed
// origin needs, and preflights are answered before any of it.
import type { Api, HandlerInput, HandlerOutput, RouteFacts, RouteName } from '@corskit/contract';
import { withCors } from '../fetch.js';
import { pathOfUrl } from '../routes.js';
import { readInput } from './input.js';
import { errorResponse, type HandlerResultValue, type ServeApiErrorBody, toResponse } from './output.js';

export type { ServeApiErrorBody };

import { type ApiPolicyOptions, compileApiPolicies } from './policies.js';

/** The handler of one route: validated input in, a declared status and body out. */
export type RouteHandler<A extends Api, K extends RouteName<A>> = (
  input: HandlerInput<A, K>,
) => HandlerOutput<A, K> | Promise<HandlerOutput<A, K>>;

/** One handler per route of the contract, named as in the contract. */
export type ApiHandlers<A extends Api> = { [K in RouteName<A>]: RouteHandler<A, K> };

/** Options of {@link serveApi}. */
export interface ServeApiOptions {
  /** Policy settings the contract does not decide (debug, filterOrigin, ...). */
  policy?: ApiPolicyOptions;
  /** Called with what a handler threw (the client gets a 500); console.error by default. */
  onError?: (error: unknown, request: Request) => void;
}

/** A handler, untyped: what the dispatch calls. */
export type AnyHandler = (input: unknown) => HandlerResultValue | Promise<HandlerResultValue>;

/** The default onError. */
export const logHandlerError = (error: unknown) => console.error('serveApi: a handler threw', error);

/**
 * Validates the request for `route`, calls its handler and writes its result: a 400 for invalid
 * input, a 500 when the handler throws or returns a status the contract does not declare.
 */
export async function answerRoute(
  route: RouteFacts,
  request: Request,
  rawParams: readonly string[],
  handlers: Readonly<Record<string, AnyHandler>>,
  onError: (error: unknown, request: Request) => void,
  head: boolean,
): Promise<Response> {
  const read = await readInput(route, request, rawParams);
  if (!read.ok) return errorResponse(400, { error: 'invalid-request', issues: read.issues });
  try {
    const result = await handlers[route.name]!({ ...read.input, request });
    const declared = route.responses[result?.status];
    if (declared === undefined) {
      throw new TypeError(
        `the ${route.name} handler returned status ${result?.status}, which the contract does not declare.`,
      );
    }
    return toResponse(result, declared, head);
  } catch (error) {
    onError(error, request);
    return errorResponse(500, { error: 'internal', message: 'The handler failed.' });
  }
}

interface PathEntry {
  readonly routes: ReadonlyMap<string, RouteFacts>;
  readonly allow: string;
}

/**
 * The Fetch handler that serves `api`: routes by method and path template, validates params,
 * query, headers and body with the routes' schemas (a 400 naming every failing field; the handler
 * never sees invalid input), and answers each path's preflights exactly as the contract derives
 * them. A path no route serves gets a 404 and a method no route serves there a 405, both readable
 * by allowed origins; a handler that throws, a 500 that still carries the CORS headers. Throws a
 * PolicyError when the contract's CORS is unsafe, and a TypeError when a route has no handler.
 */
export function serveApi<A extends Api>(
  api: A,
  handlers: NoInfer<ApiHandlers<A>>,
  options: ServeApiOptions = {},
): (request: Request) => Promise<Response> {
  const { routes: policies, match } = compileApiPolicies(api, options.policy);
  const facts = api.facts as Record<string, RouteFacts>;
  const missing = Object.keys(facts).filter(
    (name) => typeof (handlers as Record<string, unknown>)[name] !== 'function',
  );
  if (missing.length > 0)
    throw new TypeError(
      `serveApi: no handler for the route${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
    );
  const onError = options.onError ?? logHandlerError;

  const entries: PathEntry[] = api.cors.paths.map((path) => {
    const routes = new Map(path.routes.map((name) => [facts[name]!.method, facts[name]!] as const));
    const methods = [...routes.keys()];
    if (routes.has('GET') && !routes.has('HEAD')) methods.push('HEAD');
    return { routes, allow: methods.sort().join(', ') };
  });

  return withCors(policies, async (request) => {
    const found = match(pathOfUrl(request.url));
    if (found === null)
      return errorResponse(404, { error: 'not-found', message: 'No route serves this path.' });
    const entry = entries[found.index]!;
    const head = request.method === 'HEAD' && !entry.routes.has('HEAD');
    const route = entry.routes.get(head ? 'GET' : request.method);
    if (route === undefined) {
      return errorResponse(
        405,
        { error: 'method-not-allowed', message: `This path serves ${entry.allow}.` },
        { allow: entry.allow },
      );
    }
    return answerRoute(
      route,
      request,
      found.values,
      handlers as unknown as Record<string, AnyHandler>,
      onError,
      head,
    );
  });
}
