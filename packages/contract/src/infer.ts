// Type helpers: what a route's call takes and gives. Each is computed per route, on demand
// (indexed by route name), never over the whole route map at once, to keep type-checking cheap.
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Api } from './api.js';
import type { RouteDefinition } from './definition.js';
import type { Schema, TypeMarker } from './schema.js';
import type { WithBody, WithHeaders, WithParams, WithQuery } from './shapes.js';

/** What a schema accepts: a Standard Schema's input type, or a marker's type. */
export type InferInput<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<S>
  : S extends TypeMarker<infer T>
    ? T
    : never;

/** What a schema gives: a Standard Schema's output type, or a marker's type. */
export type InferOutput<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : S extends TypeMarker<infer T>
    ? T
    : never;

/** An empty object type: a section or response part that declares nothing. */
export type NoFields = Record<never, never>;

/** A URL part's input: what the schema accepts, or a string or number where it accepts anything (`z.coerce`). */
type UrlValue<S> = unknown extends InferInput<S> ? string | number : InferInput<S>;

/** Path params as input: all required; a coercing schema takes a string or a number. */
export type ParamsInput<P> = { -readonly [K in keyof P]: UrlValue<P[K]> };

/** Fields as input: a field whose schema accepts `undefined` is optional. */
export type FieldsInput<F> = {
  -readonly [K in keyof F as undefined extends InferInput<F[K]> ? never : K]: InferInput<F[K]>;
} & {
  -readonly [K in keyof F as undefined extends InferInput<F[K]> ? K : never]?: InferInput<F[K]>;
};

/** Fields as output (after validation). */
export type FieldsOutput<F> = { -readonly [K in keyof F]: InferOutput<F[K]> };

/** `{ [name]: fields }`, optional when every field is. */
type Section<Name extends string, F> =
  NoFields extends FieldsInput<F> ? { [K in Name]?: FieldsInput<F> } : { [K in Name]: FieldsInput<F> };

/**
 * What a client call of route `R` takes: `{ params, query, headers, body }`, each present only
 * when the route declares it, and optional when nothing in it is required.
 */
export type RequestInput<R> = Flat<
  (R extends WithParams<infer P> ? ParamsSection<ParamsInput<P>> : NoFields) &
    (R extends WithQuery<infer Q> ? Section<'query', Q> : NoFields) &
    (R extends WithHeaders<infer H> ? Section<'headers', H> : NoFields) &
    (R extends WithBody<infer B> ? BodySection<InferInput<B>> : NoFields)
>;

/** The `params` of a request input. */
export interface ParamsSection<P> {
  /** The path params. */
  params: P;
}

/** The `body` of a request input or of a handler's result. */
export interface BodySection<B> {
  /** The body. */
  body: B;
}

/** One object type instead of an intersection, so editors show `{ params; query?; body }`. */
type Flat<T> = { [K in keyof T]: T[K] };

/** What a server handler of route `R` receives once everything validated. */
export interface RequestOutput<R> {
  /** The path params, validated. */
  params: R extends WithParams<infer P> ? FieldsOutput<P> : NoFields;
  /** The query fields, validated. */
  query: R extends WithQuery<infer Q> ? FieldsOutput<Q> : NoFields;
  /** The declared request headers, validated (lowercase names). */
  headers: R extends WithHeaders<infer H> ? FieldsOutput<H> : NoFields;
  /** The body, validated (`undefined` without one). */
  body: R extends WithBody<infer B> ? InferOutput<B> : undefined;
}

/** A response definition's body type (`undefined` without a body). */
export type ResponseBody<Spec> = Spec extends Schema
  ? InferOutput<Spec>
  : Spec extends WithBody<infer B>
    ? InferOutput<B>
    : undefined;

/** A response definition's declared headers, as read (lowercase names as declared). */
export type ResponseHeaders<Spec> = Spec extends Schema
  ? NoFields
  : Spec extends WithHeaders<infer H>
    ? FieldsOutput<H>
    : NoFields;

/** One status's result: `{ status, body, headers }`. */
export interface ResponseResult<Status, Spec> {
  /** The status, which tells the union's members apart. */
  status: Status;
  /** The body as declared for this status. */
  body: ResponseBody<Spec>;
  /** The declared response headers. */
  headers: ResponseHeaders<Spec>;
}

/** A route's own responses, then the API's shared ones for statuses the route does not declare. */
export type ResultUnion<Own, Shared> =
  | { [St in keyof Own]: ResponseResult<St, Own[St]> }[keyof Own]
  | { [St in Exclude<keyof Shared, keyof Own>]: ResponseResult<St, Shared[St]> }[Exclude<
      keyof Shared,
      keyof Own
    >];

/** The result union of route `R` with the API's shared responses `S`, keyed on `status`. */
export type RouteResponse<R extends RouteDefinition, S = NoFields> = ResultUnion<R['responses'], S>;

/** What a handler returns for one status: body and headers as declared (more headers allowed). */
export type HandlerResult<Status, Spec> =
  ResponseBody<Spec> extends undefined ? HandlerEmptyResult<Status, Spec> : HandlerBodyResult<Status, Spec>;

/** A handler's result for a status without a body. */
export interface HandlerEmptyResult<Status, Spec> {
  /** A declared status. */
  status: Status;
  /** The declared response headers, and any other (a Set-Cookie, say). */
  headers?: ResponseHeaders<Spec> & Record<string, string>;
  /** No body for this status. */
  body?: undefined;
}

/** A handler's result for a status with a body. */
export interface HandlerBodyResult<Status, Spec> {
  /** A declared status. */
  status: Status;
  /** The declared response headers, and any other (a Set-Cookie, say). */
  headers?: ResponseHeaders<Spec> & Record<string, string>;
  /** The body declared for this status. */
  body: ResponseBody<Spec>;
}

/** What a server handler of route `R` may return: only declared statuses, each with its body. */
export type HandlerResultUnion<Own, Shared> =
  | { [St in keyof Own]: HandlerResult<St, Own[St]> }[keyof Own]
  | { [St in Exclude<keyof Shared, keyof Own>]: HandlerResult<St, Shared[St]> }[Exclude<
      keyof Shared,
      keyof Own
    >];

// Per API and route name: the forms the client and server use.

/** The names of an API's routes. */
export type RouteName<A extends Api> = keyof A['routes'] & string;

/** The definition of route `K` of API `A`. */
export type RouteOf<A extends Api, K extends RouteName<A>> = A['routes'][K];

/** What the client method for route `K` takes: `client[K](input)`. */
export type RequestOf<A extends Api, K extends RouteName<A>> = RequestInput<A['routes'][K]>;

/** What the client method for route `K` resolves to: `{ status, body, headers }` per declared status. */
export type ResponseOf<A extends Api, K extends RouteName<A>> = ResultUnion<
  A['routes'][K]['responses'],
  A['responses']
>;

/** What the server handler for route `K` receives (validated). */
export type HandlerInput<A extends Api, K extends RouteName<A>> = RequestOutput<A['routes'][K]> & {
  /** The request as received. */
  request: Request;
};

/** What the server handler for route `K` returns. */
export type HandlerOutput<A extends Api, K extends RouteName<A>> = HandlerResultUnion<
  A['routes'][K]['responses'],
  A['responses']
>;

/** The declared statuses of route `K` (its own and the shared ones). */
export type StatusOf<A extends Api, K extends RouteName<A>> =
  | keyof A['routes'][K]['responses']
  | keyof A['responses'];
