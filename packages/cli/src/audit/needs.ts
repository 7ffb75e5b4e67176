// The CORS a server needs so that every call the document allows passes: a definePolicy config
// and the same as raw header lines. Every choice counts (each security alternative, each media
// type, optional headers), since a client may make any of them.

import type { OpenApiOperation } from '@corskit/contract';
import {
  CORS_SAFELISTED_CONTENT_TYPES,
  CORS_SAFELISTED_RESPONSE_HEADER_NAMES,
  isCorsSafelistedMethod,
  isForbiddenMethod,
  isForbiddenRequestHeader,
  isForbiddenResponseHeaderName,
  mimeEssence,
} from '@corskit/core';

/** Seconds of preflight caching suggested: WebKit's cap, so every engine keeps the answer as long. */
export const SUGGESTED_MAX_AGE = 600;

/** A ready `definePolicy` config (from @corskit/server) and the header lines it sends. */
export interface CorsNeeds {
  /** The argument of definePolicy. */
  readonly policy: {
    readonly origins: readonly string[];
    readonly methods: readonly string[];
    readonly requestHeaders: readonly string[];
    readonly exposeHeaders: readonly string[];
    readonly credentials: boolean;
    readonly maxAge: number;
  };
  /** The answer to a preflight, line by line. */
  readonly preflightLines: readonly string[];
  /** What every actual response carries. */
  readonly responseLines: readonly string[];
}

const SAFE_RESPONSE = new Set(CORS_SAFELISTED_RESPONSE_HEADER_NAMES);

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** What the server must allow for every call of `operations` from a page on `origin`. */
export function corsNeeds(operations: readonly OpenApiOperation[], origin: string): CorsNeeds {
  const methods: string[] = [];
  const requestHeaders: string[] = [];
  const exposeHeaders: string[] = [];
  let credentials = false;
  for (const operation of operations) {
    if (isForbiddenMethod(operation.method)) continue;
    if (!isCorsSafelistedMethod(operation.method)) methods.push(operation.method);
    for (const header of operation.headers) {
      if (!isForbiddenRequestHeader(header.name, '')) requestHeaders.push(header.name);
    }
    for (const alternative of operation.security) {
      for (const credential of alternative) {
        if (credential.in === 'header') requestHeaders.push(credential.field);
        if (credential.in === 'cookie') credentials = true;
      }
    }
    if (operation.cookies.length > 0) credentials = true;
    for (const media of operation.body?.content ?? []) {
      const essence = mimeEssence(media.type);
      if (essence === null || !CORS_SAFELISTED_CONTENT_TYPES.includes(essence))
        requestHeaders.push('content-type');
    }
    for (const response of operation.responses) {
      for (const header of response.headers) {
        if (!SAFE_RESPONSE.has(header.name) && !isForbiddenResponseHeaderName(header.name)) {
          exposeHeaders.push(header.name);
        }
      }
    }
  }
  const policy = {
    origins: [origin],
    methods: sorted(methods),
    requestHeaders: sorted(requestHeaders),
    exposeHeaders: sorted(exposeHeaders),
    credentials,
    maxAge: SUGGESTED_MAX_AGE,
  };
  const preflightLines = [
    `Access-Control-Allow-Origin: ${origin}`,
    ...(policy.methods.length > 0 ? [`Access-Control-Allow-Methods: ${policy.methods.join(', ')}`] : []),
    ...(policy.requestHeaders.length > 0
      ? [`Access-Control-Allow-Headers: ${policy.requestHeaders.join(', ')}`]
      : []),
    ...(credentials ? ['Access-Control-Allow-Credentials: true'] : []),
    `Access-Control-Max-Age: ${SUGGESTED_MAX_AGE}`,
    'Vary: Origin',
  ];
  const responseLines = [
    `Access-Control-Allow-Origin: ${origin}`,
    ...(credentials ? ['Access-Control-Allow-Credentials: true'] : []),
    ...(policy.exposeHeaders.length > 0
      ? [`Access-Control-Expose-Headers: ${policy.exposeHeaders.join(', ')}`]
      : []),
    'Vary: Origin',
  ];
  return { policy, preflightLines, responseLines };
}
