const NORMALIZED = new Map(
  ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].map((m) => [m.toLowerCase(), m] as const),
);

/**
 * Method normalization: only DELETE, GET, HEAD, OPTIONS, POST and PUT are uppercased. `patch` stays
 * `patch`, and servers compare Access-Control-Allow-Methods case-sensitively.
 */
export function normalizeMethod(method: string): string {
  return NORMALIZED.get(method.toLowerCase()) ?? method;
}

/** Whether `fetch()` refuses the method outright: CONNECT, TRACE or TRACK, in any letter case. */
export function isForbiddenMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK';
}

/** The CORS-safelisted methods: no preflight for these. */
export type CorsSafelistedMethod = 'GET' | 'HEAD' | 'POST';

/** GET, HEAD and POST, compared after normalization (so case-sensitively). */
export function isCorsSafelistedMethod(method: string): method is CorsSafelistedMethod {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}
