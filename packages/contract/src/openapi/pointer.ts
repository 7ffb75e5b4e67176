// JSON pointers (RFC 6901) into an OpenAPI document: to follow its local `$ref`s and to name the
// place of every problem. Only what a reader of the document needs: no patching, no external files
// (those are bundled into one document before, by the loader).
import { OpenApiError } from './errors.js';

/** `#/paths/~1items~1{id}/get` from the keys `['paths', '/items/{id}', 'get']`. */
export function pointerOf(keys: readonly (string | number)[]): string {
  return `#${keys.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')}`;
}

/** One more key below a pointer. */
export function below(pointer: string, ...keys: (string | number)[]): string {
  return pointer + pointerOf(keys).slice(1);
}

function keysOf(ref: string, at: string): string[] {
  // A fragment may be percent-encoded (it is a URI fragment); `#` alone is the whole document.
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    throw new OpenApiError(at, `the $ref ${JSON.stringify(ref)} is not a valid URI fragment.`);
  }
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) {
    throw new OpenApiError(at, `the $ref ${JSON.stringify(ref)} is not a JSON pointer ("#/components/...").`);
  }
  return fragment
    .slice(1)
    .split('/')
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The value a local `$ref` points at, or an OpenApiError naming the `$ref`'s place. */
function target(root: unknown, ref: string, at: string): unknown {
  if (!ref.startsWith('#')) {
    throw new OpenApiError(
      at,
      `the $ref ${JSON.stringify(ref)} points into another file: load the document with the CLI's loader (or bundle it) so that every $ref is local.`,
    );
  }
  let node = root;
  for (const key of keysOf(ref, at)) {
    if (!isObject(node) || !Object.hasOwn(node, key)) {
      throw new OpenApiError(
        at,
        `the $ref ${JSON.stringify(ref)} points at nothing: ${JSON.stringify(key)} does not exist.`,
      );
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Follows `$ref`s from `value` (found at `at`) until a value that is no reference, as OpenAPI's
 * Reference Object says (siblings of `$ref` are ignored). Returns the value and its own pointer.
 */
export function deref(root: unknown, value: unknown, at: string): { value: unknown; at: string } {
  const seen = new Set<string>();
  let current = value;
  let where = at;
  while (isObject(current) && typeof (current as { $ref?: unknown }).$ref === 'string') {
    const ref = (current as { $ref: string }).$ref;
    if (seen.has(ref))
      throw new OpenApiError(at, `the $ref ${JSON.stringify(ref)} refers to itself in a loop.`);
    seen.add(ref);
    current = target(root, ref, where);
    where = ref;
  }
  return { value: current, at: where };
}
