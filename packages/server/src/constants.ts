// Header names (lowercase, as Headers and Node report them) and the limits that keep hostile input
// cheap to refuse.

export const ORIGIN = 'origin';
export const REQUEST_METHOD = 'access-control-request-method';
export const REQUEST_HEADERS = 'access-control-request-headers';
export const REQUEST_PRIVATE_NETWORK = 'access-control-request-private-network';

export const ALLOW_ORIGIN = 'access-control-allow-origin';
export const ALLOW_CREDENTIALS = 'access-control-allow-credentials';
export const ALLOW_METHODS = 'access-control-allow-methods';
export const ALLOW_HEADERS = 'access-control-allow-headers';
export const ALLOW_PRIVATE_NETWORK = 'access-control-allow-private-network';
export const EXPOSE_HEADERS = 'access-control-expose-headers';
export const MAX_AGE = 'access-control-max-age';
export const VARY = 'vary';

/** The headers a preflight answer may carry that the policy alone decides (earlier ones are removed). */
export const PREFLIGHT_CORS_HEADERS = [
  ALLOW_ORIGIN,
  ALLOW_CREDENTIALS,
  ALLOW_METHODS,
  ALLOW_HEADERS,
  ALLOW_PRIVATE_NETWORK,
  EXPOSE_HEADERS,
  MAX_AGE,
] as const;

/** Set on refused requests in debug mode: why the policy said no. */
export const CORS_DEBUG_HEADER = 'x-corskit-debug';

/**
 * The decoded (uncompressed) body length, which a server that compresses can send so that a client
 * can show honest download progress (@corskit/fetch reads it).
 */
export const DECODED_CONTENT_LENGTH_HEADER = 'X-Decoded-Content-Length';

/**
 * The longest serialized origin a browser can send: `https://` + a 253-byte DNS name + `:65535`,
 * with room for an IPv6 literal. Anything longer is refused before any other work.
 */
export const MAX_ORIGIN_LENGTH = 300;
/** Longer Access-Control-Request-Method values are refused unread. */
export const MAX_METHOD_LENGTH = 64;
/** Longer Access-Control-Request-Headers values are refused unread (browsers send a few hundred bytes). */
export const MAX_REQUEST_HEADERS_LENGTH = 4096;

/** Seconds. The default is Chromium's cap; no engine honours more than Firefox's 86400. */
export const DEFAULT_MAX_AGE = 7200;
/** Seconds: the largest `maxAge` a policy accepts (Firefox's cap; no engine caches longer). */
export const MAX_MAX_AGE = 86_400;
