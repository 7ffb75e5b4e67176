// The preflight at compile time: the same reason codes as @corskit/core's classify, worked out
// from a route's literal type. The safelists come from core's types; agreement with classify is
// tested over generated routes (test/preflight-agreement.test-d.ts).
import type {
  ChromiumClientHintName,
  CorsSafelistedContentType,
  CorsSafelistedMethod,
  CorsSafelistedRequestHeaderName,
  Engine,
  ForbiddenRequestHeaderName,
  ForbiddenResponseHeaderName,
  PreflightReasonCode,
} from '@corskit/core';
import type { Api } from './api.js';
import type { RouteName } from './infer.js';
import type {
  WithBody,
  WithContentType,
  WithHeaders,
  WithMethod,
  WithPath,
  WithPreflightForbidden,
  WithProgress,
  WithResponses,
} from './shapes.js';

/** Header names a script cannot send: forbidden everywhere, or dropped by an engine (Chromium drops User-Agent). */
export type DroppedRequestHeaderName = ForbiddenRequestHeaderName | 'user-agent';

/** The names an engine's CORS safelist knows (the value then decides; the type assumes a safelisted value). */
export type SafelistedHeaderName<E extends Engine> =
  | CorsSafelistedRequestHeaderName
  | (E extends 'chromium' ? ChromiumClientHintName : never);

type DeclaredHeaderNames<R> = R extends WithHeaders<infer H> ? Lowercase<keyof H & string> : never;

type ContentTypeOf<R> = R extends WithContentType<infer C extends string> ? C : 'application/json';

/** Whether a media type's essence is CORS-safelisted (parameters allowed after `;`). */
export type IsSafelistedContentType<C extends string> =
  Lowercase<C> extends
    | CorsSafelistedContentType
    | `${CorsSafelistedContentType};${string}`
    | `${CorsSafelistedContentType} ${string}`
    ? true
    : false;

type MethodReason<R> = R extends WithMethod<CorsSafelistedMethod> ? never : 'method-not-safelisted';

type HeaderReason<R, E extends Engine> = [
  Exclude<DeclaredHeaderNames<R>, SafelistedHeaderName<E> | DroppedRequestHeaderName>,
] extends [never]
  ? never
  : 'header-not-safelisted';

type ContentTypeReason<R> =
  R extends WithBody<unknown>
    ? IsSafelistedContentType<ContentTypeOf<R>> extends true
      ? never
      : 'content-type-not-safelisted'
    : never;

/**
 * The engines that stream an upload body (EngineProfile.streamBodies `standard` or `http2-only`);
 * elsewhere a client with upload progress sends the whole body, without progress and preflight.
 */
export type StreamingEngine = 'spec' | 'chromium';

type StreamReason<R, E extends Engine> = E extends StreamingEngine
  ? R extends WithProgress<'upload' | 'both'>
    ? 'stream-body'
    : never
  : never;

/**
 * Why route `R`'s call preflights in engine `E` (default `spec`): a union of @corskit/core's
 * PreflightReasonCode literals, `never` when it does not preflight.
 */
export type PreflightReasons<R, E extends Engine = 'spec'> =
  | MethodReason<R>
  | HeaderReason<R, E>
  | ContentTypeReason<R>
  | StreamReason<R, E>;

/** Whether route `R` has path params (so a preflight is paid per distinct URL). */
export type HasPathParams<R> = R extends WithPath<`${string}:${string}`> ? true : false;

/**
 * Route `R`'s preflight at compile time: `{ preflight: false }`, or `{ preflight: true, reasons,
 * cachedPerUrl }`, where `cachedPerUrl` says each distinct URL (each param value) pays its own
 * preflight, because every engine caches preflight answers per URL.
 */
export type Preflight<R, E extends Engine = 'spec'> = [PreflightReasons<R, E>] extends [never]
  ? NoPreflight
  : NeedsPreflight<PreflightReasons<R, E>, HasPathParams<R>>;

/** A call that goes out without a preflight. */
export interface NoPreflight {
  /** No preflight. */
  preflight: false;
  /** None. */
  reasons: never;
  /** Nothing to cache. */
  cachedPerUrl: false;
}

/** A call that preflights, and why. */
export interface NeedsPreflight<Reasons extends PreflightReasonCode, PerUrl extends boolean> {
  /** A preflight first. */
  preflight: true;
  /** Why: @corskit/core's reason codes. */
  reasons: Reasons;
  /** Whether each distinct URL (each path param value) pays its own preflight. */
  cachedPerUrl: PerUrl;
}

/** {@link Preflight} of route `K` of API `A`. */
export type PreflightOf<A extends Api, K extends RouteName<A>, E extends Engine = 'spec'> = Preflight<
  A['routes'][K],
  E
>;

// Compile-time checks of defineApi's argument. Each gives `unknown` (no constraint) when the route
// is fine, and otherwise a shape whose string literal types carry the message at the offending key.

type DroppedIn<H> = {
  [K in keyof H as Lowercase<K & string> extends DroppedRequestHeaderName
    ? K
    : never]: `${K & string} is a header scripts cannot set: browsers drop it silently (cookies go with credentials: true)`;
};

type CheckRequestHeaders<R> =
  R extends WithHeaders<infer H>
    ? [Extract<Lowercase<keyof H & string>, DroppedRequestHeaderName>] extends [never]
      ? unknown
      : { /** The offending headers, each typed as the message. */ readonly headers: DroppedIn<H> }
    : unknown;

type CheckForbid<R> = R extends WithPreflightForbidden
  ? [PreflightReasons<R>] extends [never]
    ? unknown
    : {
        /** Required, so the error message names the reasons. */
        readonly '~preflight': `preflight: 'forbid', but this call preflights: ${PreflightReasons<R>}`;
      }
  : unknown;

type UnreadableIn<H> = {
  [K in keyof H as Lowercase<K & string> extends ForbiddenResponseHeaderName
    ? K
    : never]: `${K & string} is never readable by a script: set it without declaring it`;
};

type UnreadableNames<Resp> = {
  [St in keyof Resp]: Resp[St] extends WithHeaders<infer H>
    ? Extract<Lowercase<keyof H & string>, ForbiddenResponseHeaderName>
    : never;
}[keyof Resp];

/** Flags declared response headers no script can read (Set-Cookie). */
export type CheckResponses<Resp> = [UnreadableNames<Resp>] extends [never]
  ? unknown
  : {
      readonly [St in keyof Resp]: Resp[St] extends WithHeaders<infer H>
        ? { /** The offending headers, each typed as the message. */ readonly headers: UnreadableIn<H> }
        : unknown;
    };

type CheckRouteResponses<R> =
  R extends WithResponses<infer Resp>
    ? [UnreadableNames<Resp>] extends [never]
      ? unknown
      : { /** The responses with unreadable headers. */ readonly responses: CheckResponses<Resp> }
    : unknown;

/** The compile-time checks of one route. */
export type CheckRoute<R> = CheckRequestHeaders<R> & CheckForbid<R> & CheckRouteResponses<R>;

/** Whether a route breaks one of the compile-time checks (`never` when it does not). */
type RouteProblem<R> =
  | (R extends WithHeaders<infer H> ? Extract<Lowercase<keyof H & string>, DroppedRequestHeaderName> : never)
  | (R extends WithPreflightForbidden ? PreflightReasons<R> : never)
  | (R extends WithResponses<infer Resp> ? UnreadableOf<Resp[keyof Resp]> : never);

/** Unreadable header names declared in a union of response specs (distributes over the union). */
type UnreadableOf<Spec> =
  Spec extends WithHeaders<infer H>
    ? Extract<Lowercase<keyof H & string>, ForbiddenResponseHeaderName>
    : never;

/**
 * The compile-time checks of every route, keyed by name: `unknown` (nothing to check against) when
 * no route breaks one, so that a valid contract costs one pass over its routes.
 */
export type CheckRoutes<Routes> = [{ [K in keyof Routes]: RouteProblem<Routes[K]> }[keyof Routes]] extends [
  never,
]
  ? unknown
  : { readonly [K in keyof Routes]: CheckRoute<Routes[K]> };
