// Shapes of openapi-typescript's output the paths types match against (`O extends
// WithResponses<infer R>`): named, so that each property is documented once.

/** An operation's responses, by status. */
export interface WithResponses<R> {
  /** By status (`200`, `'4XX'`, `'default'`). */
  readonly responses: R;
}

/** A response or request body with its media types. */
export interface WithContent<C> {
  /** The schema per media type. */
  readonly content: C;
}
