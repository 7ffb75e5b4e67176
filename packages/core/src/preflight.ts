import type { EngineProfile } from './engines.js';
import { isToken, splitHeaderList } from './http.js';
import { isCorsSafelistedMethod } from './methods.js';
import { type CheckFailure, corsCheck } from './response-check.js';

/** What a successful preflight answer allows, to be cached. */
export interface PreflightGrant {
  /** Allowed methods as listed (case-sensitive), possibly `*`. */
  methods: string[];
  /** Allowed header names, lowercase, possibly `*`. */
  headers: string[];
  /** Seconds the answer may be cached, after the engine's parsing and cap. */
  maxAgeSeconds: number;
}

/** The request a preflight answer is checked against. */
export interface PreflightQuestion {
  /** The Origin the preflight carried. */
  origin: string;
  /** The method as sent (Access-Control-Request-Method). */
  method: string;
  /** Lowercase unsafe header names (Access-Control-Request-Headers). */
  headers: readonly string[];
  /** Whether the request has `credentials: 'include'`. */
  includeCredentials: boolean;
  /** Set for stream bodies: the method counts as asked for even when safelisted. */
  forced: boolean;
}

/** Parses an Access-Control-Allow-Methods / -Headers list; null when absent, undefined when malformed. */
function parseList(value: string | null): string[] | null | undefined {
  if (value === null) return null;
  const items = splitHeaderList(value).filter((item) => item !== '');
  return items.every((item) => isToken(item)) ? items : undefined;
}

/**
 * Checks a preflight answer the way the engine does: the CORS check, an ok status, the method and
 * every unsafe header allowed. Returns what to cache, or why the browser refuses.
 */
export function checkPreflight(
  status: number,
  headers: Headers,
  question: PreflightQuestion,
  profile: EngineProfile,
): PreflightGrant | CheckFailure {
  const cors = corsCheck(headers, question.origin, question.includeCredentials);
  if (cors !== null) {
    return hasNoCorsHeaders(headers)
      ? refusedOutright(status, question, cors.code)
      : { ...cors, message: `Preflight: ${cors.message}` };
  }
  if (status < 200 || status > 299) {
    return {
      code: 'preflight-status',
      message: `Preflight: the OPTIONS answer has status ${status}; it must be 2xx (and not a redirect). Answer preflights before authentication and routing.`,
      fix: ['HTTP/1.1 204 No Content (for OPTIONS with Access-Control-Request-Method)'],
    };
  }
  let methods = parseList(headers.get('access-control-allow-methods'));
  if (methods === undefined) {
    return {
      code: 'allow-methods-invalid',
      message: `Preflight: Access-Control-Allow-Methods is not a comma-separated list of method tokens.`,
      fix: [`Access-Control-Allow-Methods: ${question.method}`],
    };
  }
  const headerNames = parseList(headers.get('access-control-allow-headers'));
  if (headerNames === undefined) {
    return {
      code: 'allow-headers-invalid',
      message: `Preflight: Access-Control-Allow-Headers is not a comma-separated list of header names.`,
      fix: [`Access-Control-Allow-Headers: ${question.headers.join(', ')}`],
    };
  }
  if (methods === null) methods = question.forced ? [question.method] : [];
  const allowedHeaders = (headerNames ?? []).map((name) => name.toLowerCase());

  const wildcard = !question.includeCredentials;
  if (
    !isCorsSafelistedMethod(question.method) &&
    !methods.includes(question.method) &&
    !(wildcard && methods.includes('*'))
  ) {
    return {
      code: 'method-not-allowed',
      message: `Preflight: ${question.method} is not in Access-Control-Allow-Methods (${methods.join(', ') || 'absent'}). Methods compare case-sensitively${methods.includes('*') ? ', and * does not apply to credentialed requests' : ''}.`,
      fix: [
        `Access-Control-Allow-Methods: ${[...methods.filter((m) => m !== '*'), question.method].join(', ')}`,
      ],
    };
  }
  const missing = question.headers.filter(
    (name) =>
      !allowedHeaders.includes(name) &&
      !(
        wildcard &&
        allowedHeaders.includes('*') &&
        (name !== 'authorization' || profile.wildcardCoversAuthorization)
      ),
  );
  if (missing.length > 0) {
    const authorizationOnly =
      missing.length === 1 && missing[0] === 'authorization' && allowedHeaders.includes('*');
    return {
      code: authorizationOnly ? 'authorization-not-covered-by-wildcard' : 'header-not-allowed',
      message: authorizationOnly
        ? 'Preflight: Access-Control-Allow-Headers: * does not cover Authorization; list it by name.'
        : `Preflight: Access-Control-Allow-Headers does not allow ${missing.join(', ')}${allowedHeaders.includes('*') && question.includeCredentials ? ' (* does not apply to credentialed requests)' : ''}.`,
      fix: [
        `Access-Control-Allow-Headers: ${[...allowedHeaders.filter((h) => h !== '*'), ...missing].join(', ')}`,
      ],
    };
  }
  return grantOf(methods, allowedHeaders, headers, profile);
}

function grantOf(
  methods: string[],
  allowedHeaders: string[],
  headers: Headers,
  profile: EngineProfile,
): PreflightGrant {
  const maxAge = profile.maxAge.parse(headers.get('access-control-max-age'));
  return { methods, headers: allowedHeaders, maxAgeSeconds: Math.min(maxAge, profile.maxAge.capSeconds) };
}

/**
 * What a well-formed answer allowed although it refused this request's method or headers (an
 * engine whose `cache.storesRefused` is set caches it); null when its lists do not parse.
 */
export function refusedGrant(headers: Headers, question: PreflightQuestion, profile: EngineProfile) {
  const methods = parseList(headers.get('access-control-allow-methods'));
  const headerNames = parseList(headers.get('access-control-allow-headers'));
  if (methods === undefined || headerNames === undefined) return null;
  const allowed = methods ?? (question.forced ? [question.method] : []);
  return grantOf(
    allowed,
    (headerNames ?? []).map((name) => name.toLowerCase()),
    headers,
    profile,
  );
}

function hasNoCorsHeaders(headers: Headers): boolean {
  for (const name of headers.keys()) if (name.startsWith('access-control-')) return false;
  return true;
}

/**
 * A preflight answered with no CORS header at all: the server does not handle preflights there, or
 * refuses this one without saying why (as policies that keep themselves private do). The browser
 * only reports the missing Allow-Origin; the fix is the whole answer this request needs.
 */
function refusedOutright(
  status: number,
  question: PreflightQuestion,
  code: CheckFailure['code'],
): CheckFailure {
  const asked = [question.method, ...question.headers].join(', ');
  const fix = [`Access-Control-Allow-Origin: ${question.origin}`];
  if (question.includeCredentials) fix.push('Access-Control-Allow-Credentials: true');
  if (question.forced || !isCorsSafelistedMethod(question.method)) {
    fix.push(`Access-Control-Allow-Methods: ${question.method}`);
  }
  if (question.headers.length > 0) fix.push(`Access-Control-Allow-Headers: ${question.headers.join(', ')}`);
  if (status < 200 || status > 299) fix.unshift('HTTP/1.1 204 No Content');
  return {
    code,
    message: `Preflight: the OPTIONS answer (${status}) has no CORS headers at all, so the browser refuses the request from ${question.origin}. Either nothing answers preflights at this URL, or the server's CORS configuration refuses this origin or what the preflight asks for (${asked}).`,
    fix,
  };
}

export function isGrant(result: PreflightGrant | CheckFailure): result is PreflightGrant {
  return 'methods' in result;
}
