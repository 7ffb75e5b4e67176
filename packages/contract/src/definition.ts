// What a user writes: the shape of defineApi's argument. Plain data, so a contract is cheap to
// build and to read (the server, the client, msw and OpenAPI all read the same object).
import type { Fields, Schema } from './schema.js';

/** The methods a route may have. OPTIONS is the preflight's, so no route declares it. */
export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One response of a route: its body, its headers, and the body's media type. */
export interface ResponseDefinition {
  /** The body's schema; absent for a response without a body (a 204). */
  readonly body?: Schema;
  /** Response headers the server sends and the client reads, by name. Declared means exposed. */
  readonly headers?: Fields;
  /** The body's media type (default `application/json`). */
  readonly contentType?: string;
  /** What this response means, for OpenAPI. */
  readonly description?: string;
}

/** A response: a body schema on its own, or a {@link ResponseDefinition}. */
export type ResponseSpec = Schema | ResponseDefinition;

/** Responses by HTTP status (100–599). */
export type Responses = { readonly [status: number]: ResponseSpec };

/** What a route's client call needs the browser to do for progress events. */
export type Progress = 'download' | 'upload' | 'both';

/** One route: a method on a path template, what it takes, and what it answers per status. */
export interface RouteDefinition {
  /** The method, uppercase. */
  readonly method: Method;
  /** The path template: literal segments and `:name` params (`/items/:id`). */
  readonly path: string;
  /** A schema per path param; every `:name` in the path, and nothing else. Values arrive as strings. */
  readonly params?: Fields;
  /** A schema per query field. Values arrive as strings (arrays when repeated). */
  readonly query?: Fields;
  /** A schema per request header (names are case-insensitive). These become Access-Control-Allow-Headers. */
  readonly headers?: Fields;
  /** The request body's schema. GET and HEAD take no body. */
  readonly body?: Schema;
  /** The request body's media type (default `application/json`); one outside the CORS safelist preflights. */
  readonly contentType?: string;
  /** The responses by status; the API's shared responses are added to them. */
  readonly responses: Responses;
  /** Send cookies and HTTP auth (`credentials: 'include'`); the default is the API's `cors.credentials`. */
  readonly credentials?: boolean;
  /** Progress events the client shows: `download` exposes the progress headers, `upload` streams (and so preflights). */
  readonly progress?: Progress;
  /** `forbid`: declaring anything that makes this route's call preflight is a compile error. */
  readonly preflight?: 'allow' | 'forbid';
  /** One line on what the route does, for OpenAPI. */
  readonly summary?: string;
}

/** Routes by name; the name is the client method's. */
export type RouteMap = { readonly [name: string]: RouteDefinition };

/** The CORS settings that do not follow from the routes. */
export interface CorsOptions {
  /** Exact origins (`https://app.example.com`) and patterns (`https://*.example.com`), or `*`. */
  readonly origins: readonly string[] | '*';
  /** The default of every route's `credentials` (default false). */
  readonly credentials?: boolean;
  /** Seconds a preflight answer may be cached. */
  readonly maxAge?: number;
  /** Response headers scripts may read on every route, beyond those the routes declare. */
  readonly exposeHeaders?: readonly string[];
  /** Request headers accepted on every route beyond those declared (say, a tracing header a middleware adds). */
  readonly requestHeaders?: readonly string[];
  /** Answer Private Network Access preflights (for servers on a private network or loopback). */
  readonly privateNetworkAccess?: boolean;
}

/** defineApi's argument. */
export interface ApiDefinition<R extends RouteMap = RouteMap, S extends Responses = Responses> {
  /** Origins, credentials, max-age: the CORS that does not follow from the routes. */
  readonly cors: CorsOptions;
  /** Responses every route may give (errors declared once); a route's own status wins. */
  readonly responses?: S;
  /** The routes, by name. */
  readonly routes: R;
  /** Title and version, for OpenAPI. */
  readonly info?: ApiInfo;
}

/** What OpenAPI's `info` says about the API. */
export interface ApiInfo {
  /** The API's name. */
  readonly title?: string;
  /** The API's version. */
  readonly version?: string;
  /** What it is for. */
  readonly description?: string;
}
