// What the policy answers, independent of any server API: adapters read the request headers, call
// these, and write the result in their own way.
import { isForbiddenMethod, isToken } from '@corskit/core';
import {
  ALLOW_CREDENTIALS,
  ALLOW_HEADERS,
  ALLOW_METHODS,
  ALLOW_ORIGIN,
  ALLOW_PRIVATE_NETWORK,
  CORS_DEBUG_HEADER,
  EXPOSE_HEADERS,
  MAX_AGE,
  MAX_METHOD_LENGTH,
  VARY,
} from './constants.js';
import { reportRefusal } from './debug.js';
import { refuseRequestHeaders } from './matching/request-headers.js';
import type { CompiledPolicy } from './policy.js';

export interface PreflightAnswer {
  /** 204 when allowed; 403, with no CORS headers, when refused. */
  status: 204 | 403;
  /** Lowercase header names. */
  headers: Record<string, string>;
}

/**
 * The answer to a preflight (an OPTIONS request with Origin and Access-Control-Request-Method).
 * When allowed it holds only what the browser needs for this request: the requested method and
 * headers echoed back rather than the whole policy.
 */
export function answerPreflight(
  policy: CompiledPolicy,
  origin: string,
  method: string,
  requestHeaders: string | null,
  privateNetwork: string | null,
): PreflightAnswer {
  const refusal = refusePreflight(policy, origin, method, requestHeaders, privateNetwork);
  const vary = policy.preflightVary;
  if (refusal !== null) {
    const headers: Record<string, string> = { [VARY]: vary };
    if (policy.debug !== null) {
      headers[CORS_DEBUG_HEADER] = reportRefusal(policy.debug, 'preflight', origin, refusal);
    }
    return { status: 403, headers };
  }
  const headers: Record<string, string> = {
    [ALLOW_ORIGIN]: policy.wildcardOrigin ? '*' : origin,
  };
  if (policy.credentials) headers[ALLOW_CREDENTIALS] = 'true';
  if (!isSafelistedMethod(method)) headers[ALLOW_METHODS] = method;
  if (requestHeaders !== null && requestHeaders !== '') headers[ALLOW_HEADERS] = requestHeaders;
  if (privateNetwork === 'true') headers[ALLOW_PRIVATE_NETWORK] = 'true';
  headers[MAX_AGE] = policy.maxAge;
  headers[VARY] = vary;
  return { status: 204, headers };
}

function refusePreflight(
  policy: CompiledPolicy,
  origin: string,
  method: string,
  requestHeaders: string | null,
  privateNetwork: string | null,
): string | null {
  if (!policy.allows(origin)) return 'the origin is not allowed by the policy.';
  if (method.length > MAX_METHOD_LENGTH || !isToken(method)) {
    return 'Access-Control-Request-Method is not a method token.';
  }
  if (policy.servedMethods !== null && !policy.servedMethods.has(method)) {
    return `no route serves ${method} at this path.`;
  }
  if (!isSafelistedMethod(method)) {
    const allowed = policy.methods.any ? !isForbiddenMethod(method) : policy.methods.names.has(method);
    if (!allowed) return `the method ${method} is not in methods (methods compare case-sensitively).`;
  }
  if (requestHeaders !== null) {
    const refusal = refuseRequestHeaders(requestHeaders, policy.requestHeaders);
    if (refusal !== null) return refusal;
  }
  if (privateNetwork !== null && !(privateNetwork === 'true' && policy.privateNetworkAccess)) {
    return 'a private network access preflight, and privateNetworkAccess is not enabled.';
  }
  return null;
}

function isSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

export type HeaderPairs = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * The CORS headers for a response that is not a preflight answer, or null when the request's
 * origin is absent or refused (then the response must carry none of them).
 */
export function actualCorsHeaders(policy: CompiledPolicy, origin: string | null): HeaderPairs | null {
  if (policy.wildcardHeaders !== null) return policy.wildcardHeaders;
  if (origin === null || !policy.allows(origin)) {
    if (origin !== null && policy.debug !== null) {
      reportRefusal(policy.debug, 'actual', origin, 'the origin is not allowed by the policy.');
    }
    return null;
  }
  const headers: Array<readonly [string, string]> = [[ALLOW_ORIGIN, origin]];
  if (policy.credentials) headers.push([ALLOW_CREDENTIALS, 'true']);
  if (policy.exposeHeaders !== null) headers.push([EXPOSE_HEADERS, policy.exposeHeaders]);
  return headers;
}
