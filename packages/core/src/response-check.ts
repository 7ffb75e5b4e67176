import type { CorsErrorCode } from './errors.js';
import { isToken, splitHeaderList } from './http.js';
import { CORS_SAFELISTED_RESPONSE_HEADER_NAMES, isForbiddenResponseHeaderName } from './request-headers.js';

/** A failed CORS or preflight check. */
export interface CheckFailure {
  /** Which check failed. */
  code: CorsErrorCode;
  /** What the browser refused and why. */
  message: string;
  /** The header lines the server should send instead. */
  fix: string[];
}

/**
 * The CORS check: does the response's Access-Control-Allow-Origin (and, with credentials,
 * Access-Control-Allow-Credentials) let `origin` read it? Null when it passes.
 */
export function corsCheck(
  headers: Headers,
  origin: string,
  includeCredentials: boolean,
): CheckFailure | null {
  const allowOrigin = headers.get('access-control-allow-origin');
  if (allowOrigin === null) {
    return {
      code: 'allow-origin-missing',
      message: `The answer has no Access-Control-Allow-Origin header, so the browser hides it from ${origin}.`,
      fix: [`Access-Control-Allow-Origin: ${origin}`],
    };
  }
  if (allowOrigin === '*' && !includeCredentials) return null;
  if (allowOrigin === '*') {
    return {
      code: 'allow-origin-wildcard-with-credentials',
      message: `Access-Control-Allow-Origin: * does not allow credentialed requests (credentials: 'include'): the server must name the origin.`,
      fix: [
        `Access-Control-Allow-Origin: ${origin}`,
        'Access-Control-Allow-Credentials: true',
        'Vary: Origin',
      ],
    };
  }
  if (allowOrigin !== origin) {
    const multiple = allowOrigin.includes(',');
    return {
      code: multiple ? 'allow-origin-multiple' : 'allow-origin-mismatch',
      message: multiple
        ? `Access-Control-Allow-Origin holds several values (${allowOrigin}); it must hold exactly one origin, ${origin}. Check that only one layer (app, proxy, CDN) adds it.`
        : `Access-Control-Allow-Origin is ${JSON.stringify(allowOrigin)}, which is not exactly ${origin} (the match is byte for byte: scheme, host, port, no trailing slash).`,
      fix: [`Access-Control-Allow-Origin: ${origin}`, 'Vary: Origin'],
    };
  }
  if (!includeCredentials) return null;
  if (headers.get('access-control-allow-credentials') !== 'true') {
    return {
      code: 'allow-credentials-missing',
      message: `A request with credentials: 'include' needs Access-Control-Allow-Credentials: true (exactly, lowercase) in the answer.`,
      fix: ['Access-Control-Allow-Credentials: true'],
    };
  }
  return null;
}

/**
 * Response header names (lowercase) that the script can read from a CORS response. An
 * Access-Control-Expose-Headers value that is not a list of header names exposes nothing more,
 * unless `wildcardIgnoresInvalid` (Firefox) and it holds a `*` that applies.
 */
export function readableHeaderNames(
  headers: Headers,
  includeCredentials: boolean,
  wildcardIgnoresInvalid = false,
): Set<string> {
  const readable = new Set(CORS_SAFELISTED_RESPONSE_HEADER_NAMES);
  const exposed = headers.get('access-control-expose-headers');
  if (exposed === null) return readable;
  const names = splitHeaderList(exposed).filter((name) => name !== '');
  const wildcard = !includeCredentials && names.includes('*');
  if (!(wildcard && wildcardIgnoresInvalid) && !names.every((name) => isToken(name))) return readable;
  if (wildcard) {
    headers.forEach((_value, name) => {
      if (!isForbiddenResponseHeaderName(name)) readable.add(name);
    });
    return readable;
  }
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!isForbiddenResponseHeaderName(lower)) readable.add(lower);
  }
  return readable;
}
