// The two kinds of schema a contract accepts: a Standard Schema (zod, valibot, arktype, ...) that
// validates, or a zero-runtime type marker that only types. Nothing here imports a schema library.
import type { StandardSchemaV1 } from '@standard-schema/spec';

/** A JSON Schema object, as toOpenApi writes it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * A zero-runtime type marker, made by {@link type}: it types a value without validating it, for
 * teams that validate nothing on the client (or validate elsewhere on the server).
 */
export interface TypeMarker<T> {
  /** Tells markers from Standard Schemas at run time. */
  readonly '~corskit': 'type';
  /** Phantom: never set, only read by the type helpers. */
  readonly '~type'?: T;
  /** The JSON Schema toOpenApi writes for it (`{}`, any value, when absent). */
  readonly jsonSchema?: JsonSchema;
}

/** What a contract accepts wherever it takes a schema. */
// biome-ignore lint/suspicious/noExplicitAny: any schema, whatever its input and output types.
export type Schema = StandardSchemaV1<any, any> | TypeMarker<unknown>;

/** A record of named schemas: path params, query fields, request or response headers. */
export type Fields = { readonly [name: string]: Schema };

const UNTYPED: TypeMarker<unknown> = Object.freeze({ '~corskit': 'type' });

/**
 * A type marker: `type<Item>()` types a field, body or response as `Item` and validates nothing.
 * Give `jsonSchema` to describe it in toOpenApi's output.
 */
export function type<T>(jsonSchema?: JsonSchema): TypeMarker<T> {
  return (
    jsonSchema === undefined ? UNTYPED : Object.freeze({ '~corskit': 'type', jsonSchema })
  ) as TypeMarker<T>;
}

/** Whether `value` is a Standard Schema (objects in zod and valibot, functions in arktype). */
// biome-ignore lint/suspicious/noExplicitAny: any schema, whatever its input and output types.
export function isStandardSchema(value: unknown): value is StandardSchemaV1<any, any> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    '~standard' in value &&
    typeof (value as { '~standard': unknown })['~standard'] === 'object'
  );
}

/** Whether `value` is a {@link TypeMarker}. */
export function isTypeMarker(value: unknown): value is TypeMarker<unknown> {
  return (
    typeof value === 'object' && value !== null && (value as { '~corskit'?: unknown })['~corskit'] === 'type'
  );
}

/** Whether `value` is a Standard Schema or a type marker. */
export function isSchema(value: unknown): value is Schema {
  return isStandardSchema(value) || isTypeMarker(value);
}

/** A failed check of one value: where (a path of keys) and why. */
export interface Issue {
  /** Keys from the checked value down to the failing part (empty for the value itself). */
  readonly path: readonly PropertyKey[];
  /** What the schema says is wrong. */
  readonly message: string;
}

/** What {@link validate} returns: the schema's output, or every issue it found. */
export type Validation<T> = Valid<T> | Invalid;

/** A value the schema accepted. */
export interface Valid<T> {
  /** Accepted. */
  readonly ok: true;
  /** The schema's output. */
  readonly value: T;
}

/** A value the schema refused. */
export interface Invalid {
  /** Refused. */
  readonly ok: false;
  /** Every issue found. */
  readonly issues: readonly Issue[];
}

/**
 * Checks `value` against `schema`: a Standard Schema validates (and may transform); a marker
 * passes the value through unchanged. Awaits schemas that validate asynchronously.
 */
export async function validate<T = unknown>(schema: Schema, value: unknown): Promise<Validation<T>> {
  if (!isStandardSchema(schema)) return { ok: true, value: value as T };
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return { ok: true, value: result.value as T };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: (issue.path ?? []).map((segment) =>
        typeof segment === 'object' && segment !== null ? segment.key : segment,
      ),
      message: issue.message,
    })),
  };
}
