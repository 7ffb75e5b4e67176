// Shared helpers for the @corskit/core unit tests: the origins the tests play with, a tiny in-test
// "server" that answers like the web-platform-tests CORS resources (preflight.py, redirect.py) and
// records what reached it, a fake clock, and assertions for the TypeErrors fetch() throws or rejects
// with. Nothing here models CORS: expected values are written out in the tests, from the standard.

import {
  type Classification,
  CorsError,
  type CorsErrorCode,
  classify,
  createCorsFetch,
  type Engine,
  type WorkerOrigins,
} from '@corskit/core';
import { expect } from 'vitest';

/** The page every request is made from (WPT's HTTP_ORIGIN). */
export const PAGE = 'https://app.example.com';
/** Cross-origin: another host (HTTP_REMOTE_ORIGIN). */
export const API = 'https://api.example.com';
/** Cross-origin: same host, another port (HTTP_ORIGIN_WITH_DIFFERENT_PORT). */
export const PAGE_OTHER_PORT = 'https://app.example.com:8443';
/** Cross-origin: same host, another scheme (HTTPS_ORIGIN in WPT's terms). */
export const PAGE_HTTP = 'http://app.example.com';
/** Cross-origin: another host and port (HTTP_REMOTE_ORIGIN_WITH_DIFFERENT_PORT). */
export const API_OTHER_PORT = 'https://api.example.com:8443';
/** Cross-origin: another host and scheme (HTTPS_REMOTE_ORIGIN). */
export const API_HTTP = 'http://api.example.com';
/** A third origin, for redirects between two cross-origin servers. */
export const OTHER = 'https://other.example.net';

/** Every origin other than the page's that WPT's CORS tests talk to. */
export const CROSS_ORIGINS: ReadonlyArray<readonly [label: string, origin: string]> = [
  ['same host, different port', PAGE_OTHER_PORT],
  ['same host, different scheme', PAGE_HTTP],
  ['different host', API],
  ['different host and port', API_OTHER_PORT],
  ['different host and scheme', API_HTTP],
];

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

/** classify() from the page's origin. */
export function classifyFrom(
  input: string | URL | Request,
  init?: RequestInit,
  engine?: Engine,
  origin: string = PAGE,
): Classification {
  return classify(input, init, engine === undefined ? { origin } : { origin, engine });
}

/** The codes of a classification's reasons, in order. */
export function reasonCodes(c: Classification): string[] {
  return c.reasons.map((reason) => reason.code);
}

/** An init whose only content is one header. */
export function withHeader(name: string, value: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: [[name, value]] };
}

/** Asserts that `fn` throws a TypeError (fetch() would throw before sending anything) and returns it. */
export function expectTypeError(fn: () => unknown): TypeError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a TypeError to be thrown').toBeInstanceOf(TypeError);
  return thrown as TypeError;
}

/**
 * Asserts that `promise` rejects with a TypeError (what fetch() rejects with for a network error) and
 * returns it. With a `code`, the error must be a CorsError with that code.
 */
export async function expectRejection(promise: Promise<unknown>, code?: CorsErrorCode): Promise<TypeError> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) {
    const shown = outcome.value instanceof Response ? `a ${outcome.value.status} response` : outcome.value;
    expect.fail(`expected the fetch to reject with a TypeError, but it resolved with ${String(shown)}`);
  }
  expect(outcome.error).toBeInstanceOf(TypeError);
  if (code !== undefined) {
    expect(outcome.error).toBeInstanceOf(CorsError);
    expect((outcome.error as CorsError).code).toBe(code);
  }
  return outcome.error as TypeError;
}

// ---------------------------------------------------------------------------------------------
// The in-test server
// ---------------------------------------------------------------------------------------------

export type Handler = (request: Request) => Response | Promise<Response>;

/** One request as it reached the server. */
export interface Seen {
  method: string;
  url: string;
  /** Lowercase names, values as the Headers object combines them. */
  headers: Record<string, string>;
  /** The body as text, or null when the request had none. */
  body: string | null;
  credentials: RequestCredentials;
  /** OPTIONS with Access-Control-Request-Method: a CORS preflight. */
  preflight: boolean;
}

export interface Server {
  /** Pass as createCorsFetch's `fetch`. */
  fetch: (request: Request) => Promise<Response>;
  /** Everything that reached the server, in order. */
  log: Seen[];
  preflights(): Seen[];
  /** The requests that are not preflights. */
  requests(): Seen[];
  clear(): void;
}

export function server(handler: Handler): Server {
  const log: Seen[] = [];
  return {
    log,
    async fetch(request) {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const body = request.body === null ? null : await request.clone().text();
      log.push({
        method: request.method,
        url: request.url,
        headers,
        body,
        credentials: request.credentials,
        preflight: request.method === 'OPTIONS' && 'access-control-request-method' in headers,
      });
      return handler(request);
    },
    preflights: () => log.filter((seen) => seen.preflight),
    requests: () => log.filter((seen) => !seen.preflight),
    clear: () => {
      log.length = 0;
    },
  };
}

/** How `answer()` replies; every field maps to one header (or the status), as in WPT's preflight.py. */
export interface Answer {
  /**
   * Access-Control-Allow-Origin: a value, several values (one header line each), `reflect` (the
   * request's Origin), or null for none. Defaults to `*`.
   */
  allowOrigin?: string | string[] | null;
  allowCredentials?: string;
  /** Preflight only. */
  allowMethods?: string;
  /** Preflight only. */
  allowHeaders?: string;
  /** Preflight only: Access-Control-Max-Age, one header line per item. */
  maxAge?: string | string[];
  /** Preflight only. Defaults to 200. */
  preflightStatus?: number;
  /** Extra headers on the preflight answer only. */
  preflightHeaders?: Array<[string, string]>;
  /** The actual response's status. Defaults to 200. */
  status?: number;
  /** Access-Control-Expose-Headers, one header line per item. */
  exposeHeaders?: string | string[];
  /** Extra headers on the actual response. */
  headers?: Array<[string, string]>;
  body?: string | null;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function allowOriginLines(request: Request, allowOrigin: Answer['allowOrigin']): Array<[string, string]> {
  if (allowOrigin === null) return [];
  const values = allowOrigin === undefined ? ['*'] : Array.isArray(allowOrigin) ? allowOrigin : [allowOrigin];
  return values.map((value) => [
    'access-control-allow-origin',
    value === 'reflect' ? (request.headers.get('origin') ?? '') : value,
  ]);
}

function lines(name: string, value: string | string[] | undefined): Array<[string, string]> {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => [name, item]);
}

/** A resource that answers preflights and requests with fixed CORS headers. */
export function answer(options: Answer = {}): Handler {
  return (request) => {
    const headers = new Headers(allowOriginLines(request, options.allowOrigin));
    if (options.allowCredentials !== undefined)
      headers.append('access-control-allow-credentials', options.allowCredentials);
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
      if (options.allowMethods !== undefined)
        headers.append('access-control-allow-methods', options.allowMethods);
      if (options.allowHeaders !== undefined)
        headers.append('access-control-allow-headers', options.allowHeaders);
      for (const [name, value] of lines('access-control-max-age', options.maxAge))
        headers.append(name, value);
      for (const [name, value] of options.preflightHeaders ?? []) headers.append(name, value);
      return new Response(null, { status: options.preflightStatus ?? 200, headers });
    }
    headers.append('content-type', 'text/plain');
    for (const [name, value] of lines('access-control-expose-headers', options.exposeHeaders))
      headers.append(name, value);
    for (const [name, value] of options.headers ?? []) headers.append(name, value);
    const status = options.status ?? 200;
    const body = NULL_BODY_STATUSES.has(status) ? null : options.body === undefined ? 'ok' : options.body;
    return new Response(body, { status, headers });
  };
}

export interface RedirectOptions {
  /** Defaults to WPT's redirect.py: the request's Origin (with credentials allowed) or `*` without one. */
  allowOrigin?: string | null;
  /** Answer preflights with the redirect too (instead of a 200). */
  redirectPreflight?: boolean;
  /** Access-Control-Allow-Headers on the preflight answer. */
  allowHeaders?: string;
  allowMethods?: string;
}

/** A resource that redirects with `status` to `location`, like WPT's redirect.py. */
export function redirectTo(status: number, location: string | null, options: RedirectOptions = {}): Handler {
  return (request) => {
    const headers = new Headers();
    const origin = request.headers.get('origin');
    if (options.allowOrigin === undefined) {
      headers.set('access-control-allow-origin', origin ?? '*');
      if (origin !== null) headers.set('access-control-allow-credentials', 'true');
    } else if (options.allowOrigin !== null) {
      headers.set('access-control-allow-origin', options.allowOrigin);
    }
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
      if (options.allowHeaders !== undefined)
        headers.set('access-control-allow-headers', options.allowHeaders);
      if (options.allowMethods !== undefined)
        headers.set('access-control-allow-methods', options.allowMethods);
      if (!options.redirectPreflight) return new Response(null, { status: 200, headers });
    }
    if (location !== null) headers.set('location', location);
    return new Response(null, { status, headers });
  };
}

/** Dispatches on the request URL without its query (`origin + pathname`); 404 for anything else. */
export function routes(table: Record<string, Handler>): Handler {
  return (request) => {
    const url = new URL(request.url);
    const handler = table[url.origin + url.pathname];
    return handler ? handler(request) : new Response('no route', { status: 404 });
  };
}

/** A clock for the preflight cache, in ms like Date.now. */
export interface Clock {
  now: number;
  advanceSeconds(seconds: number): void;
}

export function clock(): Clock {
  return {
    now: 1_000_000,
    advanceSeconds(seconds) {
      this.now += seconds * 1000;
    },
  };
}

export interface Harness {
  fetch: typeof fetch;
  server: Server;
  clock: Clock;
}

/** createCorsFetch from the page's origin, talking to `handler`, with a fake clock. */
export function harness(
  handler: Handler,
  options: { engine?: Engine; origin?: string; worker?: WorkerOrigins } = {},
): Harness {
  const recorded = server(handler);
  const time = clock();
  const fetch = createCorsFetch({
    origin: options.origin ?? PAGE,
    engine: options.engine ?? 'spec',
    fetch: recorded.fetch,
    now: () => time.now,
    ...(options.worker && { worker: options.worker }),
  });
  return { fetch, server: recorded, clock: time };
}

/** The names of a response's headers as the script sees them (lowercase, sorted). */
export function headerNames(response: Response): string[] {
  const names: string[] = [];
  response.headers.forEach((_value, name) => {
    names.push(name);
  });
  return names.sort();
}

/** `n` header pairs of `name` with `value`: separate entries in the request's header list. */
export function repeatHeader(name: string, value: string, n: number): Array<[string, string]> {
  return Array.from({ length: n }, () => [name, value] as [string, string]);
}

/** Bytes 0x01-0xFF minus LF and CR: every byte a header value can hold between other bytes. */
export const VALUE_BYTES: readonly number[] = Array.from({ length: 255 }, (_, i) => i + 1).filter(
  (b) => b !== 0x0a && b !== 0x0d,
);

export const hex = (b: number) => `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;
