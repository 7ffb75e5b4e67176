// Writing the CORS headers of a handler's response through any framework's header API: the
// Fastify and Koa adapters give writeCorsHeaders their reply's or response's get/set/remove.
import type { HeaderPairs } from './answers.js';
import { ALLOW_ORIGIN, PREFLIGHT_CORS_HEADERS, VARY } from './constants.js';
import { mergeVary } from './vary.js';

/** How writeCorsHeaders reaches a response's headers in one server API. */
export interface HeaderWriter<T> {
  get(target: T, name: string): string | null;
  set(target: T, name: string, value: string): void;
  remove(target: T, name: string): void;
}

/**
 * Gives a handler's response the policy's CORS headers (`cors`, replacing the handler's own), or
 * none at all when `cors` is null (an Access-Control-Allow-Origin the handler set is removed: the
 * policy alone decides who may read), and merges `vary` into the handler's own Vary.
 */
export function writeCorsHeaders<T>(
  target: T,
  cors: HeaderPairs | null,
  vary: readonly string[] | null,
  io: HeaderWriter<T>,
): void {
  if (cors !== null) for (const [name, value] of cors) io.set(target, name, value);
  else if (io.get(target, ALLOW_ORIGIN) !== null) io.remove(target, ALLOW_ORIGIN);
  if (vary !== null) {
    const merged = mergeVary(io.get(target, VARY), vary);
    if (merged !== null) io.set(target, VARY, merged);
  }
}

/**
 * Removes the CORS headers an earlier hook or middleware set that an answer given before the
 * handler does not carry itself (its own replace them when it is written), so a refused preflight
 * keeps no Access-Control-Allow-Origin: the policy alone answers.
 */
export function removeEarlierCorsHeaders<T>(
  target: T,
  answer: Readonly<Record<string, string>>,
  io: HeaderWriter<T>,
): void {
  for (const name of PREFLIGHT_CORS_HEADERS) {
    if (!(name in answer) && io.get(target, name) !== null) io.remove(target, name);
  }
}

/** A header value as Node and the frameworks on it hold it (string, number or list) as one string. */
export function headerText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}
