import { createCorsFetch, type Engine } from '@corskit/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ClientPolicy, ClientPolicyConfig } from '../src/index.js';

export const PAGE = 'https://app.example.com';
export const API = 'https://api.example.com';

/** One request the API saw. */
export interface Seen {
  method: string;
  path: string;
  requestHeaders: string | null;
}

/** A policy value shaped like @corskit/server's (allowsOrigin by exact match, for tests). */
export function testPolicy<const C extends ClientPolicyConfig>(config: C): ClientPolicy<C> {
  return {
    config,
    allowsOrigin: (origin) => config.origins === '*' || config.origins.includes(origin),
  };
}

type Body = (request: Request) => Response | Promise<Response>;

/**
 * A CORS-speaking API on msw: answers preflights and sets CORS headers from `config`, records what
 * it saw, and answers other requests with `body` (JSON echo by default).
 */
export function corsApi(config: ClientPolicyConfig & { allowOriginOverride?: string }, body?: Body) {
  const seen: Seen[] = [];
  const handler = http.all(`${API}/*`, async ({ request }) => {
    const url = new URL(request.url);
    seen.push({
      method: request.method,
      path: url.pathname + url.search,
      requestHeaders: request.headers.get('access-control-request-headers'),
    });
    const origin = request.headers.get('origin') ?? '';
    const allowed = config.origins === '*' || config.origins.includes(origin);
    const cors = new Headers();
    if (allowed) {
      cors.set(
        'access-control-allow-origin',
        config.allowOriginOverride ?? (config.origins === '*' ? '*' : origin),
      );
      if (config.credentials) cors.set('access-control-allow-credentials', 'true');
      if (config.exposeHeaders) {
        cors.set('access-control-expose-headers', [config.exposeHeaders].flat().join(', '));
      }
    }
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
      if (allowed) {
        if (config.methods) cors.set('access-control-allow-methods', config.methods.join(', '));
        if (config.requestHeaders) {
          cors.set('access-control-allow-headers', [config.requestHeaders].flat().join(', '));
        }
        cors.set('access-control-max-age', String(config.maxAge ?? 0));
      }
      return new HttpResponse(null, { status: 204, headers: cors });
    }
    const answer = body
      ? await body(request)
      : HttpResponse.json({ method: request.method, path: url.pathname, search: url.search });
    const headers = new Headers(answer.headers);
    cors.forEach((value, name) => {
      headers.set(name, value);
    });
    return new Response(answer.body, { status: answer.status, headers });
  });
  return { handler, seen, real: () => seen.filter((entry) => entry.method !== 'OPTIONS') };
}

/** Starts msw for the file's tests, failing on any request no handler answers. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** What a page script's fetch does in `engine`, over msw. */
export function pageFetch(engine: Engine = 'spec', origin = PAGE) {
  return createCorsFetch({ origin, engine, fetch: (request) => globalThis.fetch(request) });
}

export function collectWarnings() {
  const warnings: Array<import('../src/index.js').CorsWarning> = [];
  return { warnings, onWarning: (warning: (typeof warnings)[number]) => warnings.push(warning) };
}
