import type { EngineProfile } from './engines.js';
import { combineHeaders, type HeaderEntry, hasHeader } from './header-list.js';

/** What about the request, beyond its header list, decides how its headers reach the wire. */
export interface WireContext {
  method: string;
  /** The cache mode after the conditional-request rule (see {@link effectiveCacheMode}). */
  cache: RequestCache;
  hasBody: boolean;
  /** Whether a redirect has taken the request to another origin. */
  crossedOrigins: boolean;
  /** Whether the request is a CORS request (not no-cors, not same-origin). */
  cors: boolean;
}

const CONDITIONAL_HEADERS = [
  'if-modified-since',
  'if-none-match',
  'if-unmodified-since',
  'if-match',
  'if-range',
];

/** Whether the script made the request conditional itself. */
export function isConditional(entries: readonly HeaderEntry[]): boolean {
  return entries.some(([name]) => CONDITIONAL_HEADERS.includes(name));
}

/**
 * The cache mode the HTTP fetch uses: a `default` request with If-* headers gets the engine's own
 * (in a worker, only where the engine applies the rule there too).
 */
export function effectiveCacheMode(
  cache: RequestCache,
  entries: readonly HeaderEntry[],
  profile: EngineProfile,
  inWorker: boolean,
): RequestCache {
  if (cache !== 'default' || !isConditional(entries)) return cache;
  return inWorker && profile.worker.conditionalKeepsDefault ? 'default' : profile.cacheMode.conditional;
}

/**
 * The request's header list as the engine puts it on the wire, which is what a server sees: repeats
 * joined, the engine's own rewrites, and the cache-mode headers the Fetch Standard's HTTP fetch adds.
 */
export function wireHeaders(
  entries: readonly HeaderEntry[],
  profile: EngineProfile,
  context: WireContext,
): HeaderEntry[] {
  const { canonicalRange, repeatedNames, utf8Values } = profile.wire;
  const combined =
    repeatedNames === 'firefox' ? combineLikeFirefox(entries, context.hasBody) : combineHeaders(entries);
  const rewritesRange =
    canonicalRange && context.method === 'GET' && context.cache !== 'no-store' && !isConditional(entries);
  const wire =
    !rewritesRange && !utf8Values
      ? [...combined]
      : combined.map(([name, value]): HeaderEntry => {
          if (rewritesRange && name === 'range') value = canonicalByteRange(value);
          if (utf8Values) value = utf8Bytes(value);
          return [name, value];
        });
  const addsCacheHeaders = profile.wire.cacheHeadersAcrossOrigins || !context.crossedOrigins || !context.cors;
  return addsCacheHeaders ? withCacheModeHeaders(wire, context.cache) : wire;
}

/** HTTP-network-or-cache fetch: `no-cache` revalidates; `no-store` and `reload` ask every cache on the way to. */
function withCacheModeHeaders(wire: HeaderEntry[], cache: RequestCache): HeaderEntry[] {
  if (cache === 'no-cache' && !hasHeader(wire, 'cache-control')) wire.push(['cache-control', 'max-age=0']);
  if (cache === 'no-store' || cache === 'reload') {
    if (!hasHeader(wire, 'pragma')) wire.push(['pragma', 'no-cache']);
    if (!hasHeader(wire, 'cache-control')) wire.push(['cache-control', 'no-cache']);
  }
  return wire;
}

/** Firefox keeps the last value of these when a script repeats them (see EngineProfile.wire). */
const FIREFOX_LAST_VALUE = new Set([
  'authorization',
  'content-disposition',
  'from',
  'if-modified-since',
  'if-unmodified-since',
  'location',
  'max-forwards',
  'user-agent',
]);

function combineLikeFirefox(entries: readonly HeaderEntry[], hasBody: boolean): HeaderEntry[] {
  const combined = new Map<string, string>();
  for (const [name, value] of entries) {
    const current = combined.get(name);
    // Content-Type: the first with a body, the last without, empty or not.
    if (name === 'content-type') {
      if (current === undefined || !hasBody) combined.set(name, value);
    } else if (current === undefined || current === '' || value === '') combined.set(name, value);
    else if (FIREFOX_LAST_VALUE.has(name)) combined.set(name, value);
    else combined.set(name, `${current}, ${value}`);
  }
  return [...combined];
}

const RANGE_UNIT = /^bytes[ \t]*=(.*)$/i;
const BYTE_RANGE = /^[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/;
const INT64_MAX = 9223372036854775807n;

/**
 * A valid single byte range in canonical form; anything else unchanged. Empty list elements do not
 * count (Chromium's list parser skips them), so `bytes=5-,` is the one range `bytes=5-`.
 */
function canonicalByteRange(value: string): string {
  const unit = RANGE_UNIT.exec(value);
  if (unit === null) return value;
  const ranges = (unit[1] ?? '').split(',').filter((item) => !/^[ \t]*$/.test(item));
  const match = ranges.length === 1 ? BYTE_RANGE.exec(ranges[0]!) : null;
  if (match === null) return value;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return value;
  const start = first === '' ? null : BigInt(first);
  const end = last === '' ? null : BigInt(last);
  if ((start ?? 0n) > INT64_MAX || (end ?? 0n) > INT64_MAX) return value;
  if (start !== null && end !== null && start > end) return value;
  return `bytes=${start ?? ''}-${end ?? ''}`;
}

/** The value's characters encoded as UTF-8, one character per byte, as a server decodes it. */
function utf8Bytes(value: string): string {
  if (!/[^\x00-\x7f]/.test(value)) return value;
  return String.fromCharCode(...new TextEncoder().encode(value));
}
