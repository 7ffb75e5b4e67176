// The one decision every adapter makes before its handler runs: answer a preflight, refuse a
// cross-origin write, or let the request through. Adapters differ only in how they read a request
// (a RequestReader) and how they write the answer, so the rules live here once.
import type { IncomingMessage } from 'node:http';
import { answerPreflight } from './answers.js';
import {
  CORS_DEBUG_HEADER,
  ORIGIN,
  REQUEST_HEADERS,
  REQUEST_METHOD,
  REQUEST_PRIVATE_NETWORK,
} from './constants.js';
import { reportRefusal } from './debug.js';
import type { CompiledPolicy } from './policy.js';
import { refuseCrossOrigin } from './protection.js';

/** How an adapter reads the parts of its request object that the policy looks at. */
export interface RequestReader<R> {
  method(request: R): string;
  /** A header's value by lowercase name, or null when absent (or, for Node, repeated into a list). */
  header(request: R, name: string): string | null;
  /** The `host[:port]` the request was addressed to: the URL's authority, or the Host header. */
  host(request: R): string | null;
}

/** An answer that ends the request before the handler runs. Header names are lowercase. */
export interface EarlyAnswer {
  kind: 'preflight' | 'cross-origin';
  status: 204 | 403;
  headers: Record<string, string>;
  body: string | null;
}

const SEC_FETCH_SITE = 'sec-fetch-site';
const FORWARDED_HOST = 'x-forwarded-host';
const REFUSED_BODY = 'Cross-origin request refused.\n';

/**
 * The answer to give instead of calling the handler, or null to call it (and then add the CORS
 * headers to its response). Reads only what it needs: a GET costs a method comparison.
 */
export function answerBeforeHandler<R>(
  policy: CompiledPolicy,
  request: R,
  read: RequestReader<R>,
): EarlyAnswer | null {
  const method = read.method(request);
  if (method === 'GET' || method === 'HEAD') return null;
  const origin = read.header(request, ORIGIN);
  if (method === 'OPTIONS') {
    const requested = origin === null ? null : read.header(request, REQUEST_METHOD);
    if (origin === null || requested === null) return null;
    const answer = answerPreflight(
      policy,
      origin,
      requested,
      read.header(request, REQUEST_HEADERS),
      read.header(request, REQUEST_PRIVATE_NETWORK),
    );
    return { kind: 'preflight', status: answer.status, headers: answer.headers, body: null };
  }
  const protection = policy.protection;
  if (protection === null) return null;
  const reason = refuseCrossOrigin(protection, policy.allows, {
    method,
    origin: nonEmpty(origin),
    secFetchSite: nonEmpty(read.header(request, SEC_FETCH_SITE)),
    host: () => {
      const forwarded = protection.trustForwardedHost
        ? firstValue(read.header(request, FORWARDED_HOST))
        : null;
      return forwarded ?? read.host(request);
    },
  });
  if (reason === null) return null;
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(REFUSED_BODY.length),
  };
  if (policy.debug !== null) {
    headers[CORS_DEBUG_HEADER] = reportRefusal(policy.debug, 'cross-origin', origin ?? '(none)', reason);
  }
  return { kind: 'cross-origin', status: 403, headers, body: REFUSED_BODY };
}

const nonEmpty = (value: string | null) => (value === '' ? null : value);

function firstValue(list: string | null): string | null {
  if (list === null) return null;
  const comma = list.indexOf(',');
  return nonEmpty((comma < 0 ? list : list.slice(0, comma)).trim());
}

/** Reads a Fetch API Request (withCors, Hono, msw, and any Request-based adapter). */
export const fetchRequestReader: RequestReader<Request> = {
  method: (request) => request.method,
  header: (request, name) => request.headers.get(name),
  host: (request) => authorityOf(request.url),
};

/** Reads a Node IncomingMessage (node:http, Express, Connect, and any adapter over Node's request). */
export const nodeRequestReader: RequestReader<IncomingMessage> = {
  method: (request) => request.method ?? 'GET',
  header: (request, name) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : null;
  },
  host: (request) => {
    const { headers } = request;
    const host = headers.host ?? headers[':authority'];
    return typeof host === 'string' ? host : null;
  },
};

/** The `host[:port]` of an absolute URL (as Request#url always is). */
function authorityOf(url: string): string | null {
  const start = url.indexOf('//');
  if (start < 0) return null;
  let end = start + 2;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 0x2f || c === 0x3f || c === 0x23) break; // / ? #
    end++;
  }
  const authority = url.slice(start + 2, end);
  const at = authority.lastIndexOf('@');
  return at < 0 ? authority : authority.slice(at + 1);
}
