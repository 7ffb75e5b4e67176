// What defineApi works out from the definition, at run time: per route and per path. The server,
// the msw mock, the client and OpenAPI read these rather than re-deriving them.
import type { PreflightReasonCode } from '@corskit/core';
import type { Method, Progress } from './definition.js';
import type { Segment } from './path.js';
import type { Fields, Schema } from './schema.js';

/** A response as the server and client read it: one shape whatever the definition's shorthand. */
export interface ResponseFacts {
  /** The body's schema, or null for no body. */
  readonly body: Schema | null;
  /** Response header schemas by lowercase name. */
  readonly headers: Fields;
  /** The body's media type, or null for no body. */
  readonly contentType: string | null;
  /** From the definition, for OpenAPI. */
  readonly description: string | undefined;
}

/** What a route's call does in the browser, as @corskit/core's classify answers at run time. */
export interface RoutePreflight {
  /** Whether the call preflights in the Fetch Standard (the engine with the fewest safelisted headers). */
  readonly preflight: boolean;
  /** classify's reason codes, sorted and unique. */
  readonly reasons: readonly PreflightReasonCode[];
  /**
   * Whether each distinct URL costs its own preflight: the route preflights and has path params,
   * and every engine caches preflight answers per URL (Chromium and WebKit keep one entry per URL).
   */
  readonly cachedPerUrl: boolean;
  /** What Access-Control-Request-Headers carries: lowercase, sorted. */
  readonly requestHeaders: readonly string[];
}

/** One route, normalized. */
export interface RouteFacts {
  /** The route's name (the client method's). */
  readonly name: string;
  /** The method. */
  readonly method: Method;
  /** The path template as declared. */
  readonly path: string;
  /** The template's segments. */
  readonly segments: readonly Segment[];
  /** Path params, in path order. */
  readonly params: Fields;
  /** Query fields. */
  readonly query: Fields;
  /** Request headers by lowercase name. */
  readonly headers: Fields;
  /** The request body's schema, or null. */
  readonly body: Schema | null;
  /** The request body's media type, or null without a body. */
  readonly contentType: string | null;
  /** The responses by status, the API's shared ones included. */
  readonly responses: Readonly<Record<number, ResponseFacts>>;
  /** Whether the call sends credentials. */
  readonly credentials: boolean;
  /** Progress events, or null. */
  readonly progress: Progress | null;
  /** Whether the route forbids preflights. */
  readonly preflightPolicy: 'allow' | 'forbid';
  /** The preflight its call needs (spec engine). */
  readonly preflight: RoutePreflight;
  /** Declared response headers no script can ever read (Set-Cookie): lowercase, sorted. */
  readonly unreadableHeaders: readonly string[];
  /** For OpenAPI. */
  readonly summary: string | undefined;
}

/** The CORS facts of one path, derived from every route at it. */
export interface PathCors {
  /** The path template (the first route's spelling). */
  readonly path: string;
  /** The template's segments. */
  readonly segments: readonly Segment[];
  /** The names of the routes at this path. */
  readonly routes: readonly string[];
  /** The methods routes serve at this path, sorted. */
  readonly methods: readonly Method[];
  /** Request headers to allow: every declared one, plus content-type for a non-safelisted body type. Lowercase, sorted. */
  readonly requestHeaders: readonly string[];
  /** Response headers to expose: declared minus safelisted (and minus the unreadable), plus the API's. Sorted. */
  readonly exposeHeaders: readonly string[];
  /** Whether some route at this path sends credentials. */
  readonly credentials: boolean;
  /** Whether some route at this path is flagged for download progress (the progress headers are exposed). */
  readonly progress: boolean;
}

/** The API-wide CORS settings, normalized. */
export interface ApiCors {
  /** As declared. */
  readonly origins: readonly string[] | '*';
  /** Seconds, or undefined for the server's default. */
  readonly maxAge: number | undefined;
  /** Whether Private Network Access preflights are answered. */
  readonly privateNetworkAccess: boolean;
  /** Every path's facts, in declaration order. */
  readonly paths: readonly PathCors[];
}
