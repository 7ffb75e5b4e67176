// URL and origin parsing, memoized: classify() runs before every request and the same few URLs
// and origins recur, while parsing a URL is most of classify's cost.

export interface ParsedUrl {
  href: string;
  origin: string;
  protocol: string;
  hasCredentials: boolean;
}

const MEMO_LIMIT = 512;
const urlMemo = new Map<string, ParsedUrl | null>();

function memoize<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  const hit = memo.get(key);
  if (hit !== undefined || memo.has(key)) return hit as T;
  const value = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Parses `input` against `base`; null where the URL parser fails. */
export function parseUrl(input: string, base: string | undefined): ParsedUrl | null {
  const key = base === undefined ? input : `${base}\n${input}`;
  return memoize(urlMemo, key, () => {
    let url: URL;
    try {
      url = base === undefined ? new URL(input) : new URL(input, base);
    } catch {
      return null;
    }
    return {
      href: url.href,
      origin: url.origin,
      protocol: url.protocol,
      hasCredentials: url.username !== '' || url.password !== '',
    };
  });
}

const originMemo = new Map<string, string | null>();

/**
 * Validates a page origin: `null` (an opaque origin) or a serialized tuple origin exactly as
 * `URL#origin` prints it. Returns the origin, or null when it is not one.
 */
export function checkOrigin(origin: string): string | null {
  if (origin === 'null') return origin;
  return memoize(originMemo, origin, () => {
    const parsed = parseUrl(origin, undefined);
    if (parsed === null || parsed.origin === 'null' || parsed.origin !== origin) return null;
    return origin;
  });
}

export function isNetworkScheme(protocol: string): boolean {
  return protocol === 'http:' || protocol === 'https:';
}
