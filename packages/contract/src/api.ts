import type { ApiInfo, Responses, RouteMap } from './definition.js';
import type { ApiCors, RouteFacts } from './facts.js';

/**
 * A contract made by defineApi: the definition as written (literal types kept, for the type
 * helpers) and the facts derived from it (for the server, msw, the client and OpenAPI).
 */
export interface Api<R extends RouteMap = RouteMap, S extends Responses = Responses> {
  /** The routes as defined. */
  readonly routes: R;
  /** The shared responses as defined (`{}` when none). */
  readonly responses: S;
  /** The definition's `info`, for OpenAPI. */
  readonly info: ApiInfo | undefined;
  /** The CORS derived per path, and the API-wide settings. */
  readonly cors: ApiCors;
  /** Every route normalized, by name (shared responses merged in). */
  readonly facts: { readonly [K in keyof R]: RouteFacts };
}
