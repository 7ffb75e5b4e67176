// URL and origin parsing, memoized: classify() runs before every request and the same few URLs
// and origins recur, while parsing a URL is most of classify's cost.

export interface ParsedUrl {
  href: string;
  origin: string;
  protocol: string;
  hasCredentials: boolean;
}

const MEMO_LIMIT = 512;
/** Parse results by base, then by input. `false` records a parse failure. */
const urlMemo = new Map<string | undefined, Map<string, ParsedUrl | false>>();
let urlMemoSize = 0;

/** Parses `input` against `base`; null where the URL parser fails. */
export function parseUrl(input: string, base: string | undefined): ParsedUrl | null {
  let byInput = urlMemo.get(base);
  const hit = byInput?.get(input);
  if (hit !== undefined) return hit === false ? null : hit;
  const parsed = parseUncached(input, base);
  if (urlMemoSize >= MEMO_LIMIT) {
    urlMemo.clear();
    urlMemoSize = 0;
    byInput = undefined;
  }
  if (byInput === undefined) {
    byInput = new Map();
    urlMemo.set(base, byInput);
  }
  byInput.set(input, parsed ?? false);
  urlMemoSize++;
  return parsed;
}

function parseUncached(input: string, base: string | undefined): ParsedUrl | null {
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
}

const validOrigins = new Set<string>();

/**
 * Validates a page origin: `null` (an opaque origin) or a serialized tuple origin exactly as
 * `URL#origin` prints it. Returns the origin, or null when it is not one.
 */
export function checkOrigin(origin: string): string | null {
  if (origin === 'null' || validOrigins.has(origin)) return origin;
  const parsed = parseUrl(origin, undefined);
  if (parsed === null || parsed.origin === 'null' || parsed.origin !== origin) return null;
  if (validOrigins.size >= MEMO_LIMIT) validOrigins.clear();
  validOrigins.add(origin);
  return origin;
}

export function isNetworkScheme(protocol: string): boolean {
  return protocol === 'http:' || protocol === 'https:';
}
