// Shapes the type helpers match a route definition against (`R extends WithBody<infer B>`): named,
// so each property is documented once rather than in every conditional type.

/** A route that declares path params. */
export interface WithParams<P> {
  /** The params' schemas. */
  readonly params: P;
}
/** A route that declares query fields. */
export interface WithQuery<Q> {
  /** The query fields' schemas. */
  readonly query: Q;
}
/** A route or response that declares headers. */
export interface WithHeaders<H> {
  /** The headers' schemas. */
  readonly headers: H;
}
/** A route or response that declares a body. */
export interface WithBody<B> {
  /** The body's schema. */
  readonly body: B;
}
/** A route with a declared body media type. */
export interface WithContentType<C extends string> {
  /** The media type. */
  readonly contentType: C;
}
/** A route flagged for progress events. */
export interface WithProgress<P> {
  /** The flag. */
  readonly progress: P;
}
/** A route with a method. */
export interface WithMethod<M> {
  /** The method. */
  readonly method: M;
}
/** A route with a path template. */
export interface WithPath<P> {
  /** The template. */
  readonly path: P;
}
/** A route with responses. */
export interface WithResponses<R> {
  /** By status. */
  readonly responses: R;
}
/** A route with `preflight: 'forbid'`. */
export interface WithPreflightForbidden {
  /** `forbid`. */
  readonly preflight: 'forbid';
}
