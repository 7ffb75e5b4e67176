import type { ServerResponse } from 'node:http';
import { definePolicy, routePolicies } from '@corskit/server';
import { corsMiddleware, withCorsListener } from '@corskit/server/node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LoopbackServer, rawRequest, serveOnLoopback } from './helpers.js';

const APP = 'https://app.example.com';
const policy = definePolicy({
  origins: [APP, 'http://localhost:*'],
  methods: ['PUT'],
  requestHeaders: ['content-type', 'authorization'],
  exposeHeaders: ['X-Request-Id'],
  credentials: true,
});

const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

describe('Express middleware', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    const app = express();
    app.use(corsMiddleware(policy));
    // Authentication after CORS: preflights never carry credentials, so they must not reach it.
    app.use((request, response, next) => {
      if (request.path.startsWith('/private') && request.headers.authorization !== 'Bearer ok') {
        response.status(401).send('unauthorized');
      } else next();
    });
    app.get('/vary-set', (_request, response) => {
      response.setHeader('Vary', 'Accept-Encoding');
      response.send('x');
    });
    app.get('/vary-append', (_request, response) => {
      response.vary('Accept-Language').vary('Origin');
      response.send('x');
    });
    app.get('/write-head-object', (_request, response) => {
      response.writeHead(200, { Vary: 'Cookie', 'Content-Type': 'text/plain' }).end('x');
    });
    app.get('/write-head-array', (_request, response) => {
      response.writeHead(201, 'Made', ['Vary', 'Accept', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2']).end();
    });
    app.get('/write-head-cors', (_request, response) => {
      response.writeHead(200, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Expose-Headers': 'X-Everything',
        VARY: 'Accept',
      });
      response.end('x');
    });
    app.get('/own-allow-origin', (_request, response) => {
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.send('secret');
    });
    app.options('/options', (_request, response) => {
      response.setHeader('Allow', 'GET, OPTIONS');
      response.status(200).send('handled by the route');
    });
    app.get('/private/data', (_request, response) => {
      response.json({ secret: true });
    });
    server = await serveOnLoopback(app);
  });
  afterAll(() => server.close());

  const preflight = (path: string, headers: Record<string, string>) =>
    rawRequest(`${server.url}${path}`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'PUT',
      ...headers,
    });

  test('answers an allowed preflight itself, before authentication', async () => {
    const answer = await preflight('/private/data', { 'access-control-request-headers': 'authorization' });
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'authorization',
      'access-control-max-age': '7200',
      vary: PREFLIGHT_VARY,
    });
  });

  test('refuses a preflight with 403 and no CORS headers', async () => {
    const refusals: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'access-control-request-headers': 'x-not-allowed' },
      { 'access-control-request-headers': ','.repeat(10_000) },
      { 'access-control-request-method': 'DELETE' },
    ];
    for (const headers of refusals) {
      const answer = await preflight('/private/data', headers);
      expect(answer.status).toBe(403);
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(answer.headers.vary).toBe(PREFLIGHT_VARY);
    }
  });

  test('an OPTIONS without Access-Control-Request-Method reaches the route, with CORS headers', async () => {
    const answer = await rawRequest(`${server.url}/options`, 'OPTIONS', { origin: APP });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('handled by the route');
    expect(answer.headers.allow).toBe('GET, OPTIONS');
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
  });

  test('actual responses get the CORS headers, and authentication still applies to them', async () => {
    const denied = await rawRequest(`${server.url}/private/data`, 'GET', { origin: APP });
    expect(denied.status).toBe(401);
    expect(denied.headers['access-control-allow-origin']).toBe(APP); // So the page can read the 401.
    const allowed = await rawRequest(`${server.url}/private/data`, 'GET', {
      origin: APP,
      authorization: 'Bearer ok',
    });
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Request-Id',
      vary: 'Origin',
    });
  });

  test("Vary: Origin joins the handler's Vary however the handler sets it", async () => {
    for (const [path, vary] of [
      ['/vary-set', 'Accept-Encoding, Origin'],
      ['/vary-append', 'Accept-Language, Origin'],
      ['/write-head-object', 'Cookie, Origin'],
      ['/write-head-array', 'Accept, Origin'],
    ] as const) {
      for (const origin of [APP, 'https://evil.example']) {
        const answer = await rawRequest(`${server.url}${path}`, 'GET', { origin });
        expect(answer.headers.vary, `${path} from ${origin}`).toBe(vary);
      }
      const noOrigin = await rawRequest(`${server.url}${path}`, 'GET', {});
      expect(noOrigin.headers.vary).toBe(vary);
    }
  });

  test('headers passed to writeHead are kept, repeated names included', async () => {
    const answer = await rawRequest(`${server.url}/write-head-array`, 'GET', { origin: APP });
    expect(answer.status).toBe(201);
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    const object = await rawRequest(`${server.url}/write-head-object`, 'GET', { origin: APP });
    expect(object.headers['content-type']).toBe('text/plain');
  });

  test('CORS headers passed to writeHead are replaced by the policy, never duplicated', async () => {
    const allowed = await rawRequest(`${server.url}/write-head-cors`, 'GET', { origin: APP });
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
    expect(allowed.headers['access-control-expose-headers']).toBe('X-Request-Id');
    expect(allowed.headers.vary).toBe('Accept, Origin');
    const refused = await rawRequest(`${server.url}/write-head-cors`, 'GET', {
      origin: 'https://evil.example',
    });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.headers.vary).toBe('Accept, Origin');
  });

  test('an Allow-Origin the handler sets for a refused or absent origin is removed', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
      const answer = await rawRequest(`${server.url}/own-allow-origin`, 'GET', headers);
      expect(answer.body).toBe('secret');
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  test('two Origin headers are refused (Node joins them into one value no browser sends)', async () => {
    const answer = await new Promise<string | undefined>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const outgoing = request(`${server.url}/vary-set`, { method: 'GET', agent: false }, (incoming) => {
          incoming.resume();
          resolve(incoming.headers['access-control-allow-origin'] as string | undefined);
        });
        outgoing.setHeader('origin', [APP, 'https://evil.example']);
        outgoing.on('error', reject);
        outgoing.end();
      });
    });
    expect(answer).toBeUndefined();
  });
});

describe('Node http listener', () => {
  let server: LoopbackServer;
  const routes = routePolicies({ '/api': policy, '/health': null });
  beforeAll(async () => {
    server = await serveOnLoopback(
      withCorsListener(routes, (request, response: ServerResponse) => {
        response.setHeader('content-type', 'text/plain');
        response.end(`${request.method} ${request.url}`);
      }),
    );
  });
  afterAll(() => server.close());

  test('wraps a listener, choosing the policy by path (the query string is ignored)', async () => {
    const api = await rawRequest(`${server.url}/api/items?page=2`, 'GET', {
      origin: 'http://localhost:5173',
    });
    expect(api.body).toBe('GET /api/items?page=2');
    expect(api.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const health = await rawRequest(`${server.url}/health`, 'GET', { origin: APP });
    expect(health.headers['access-control-allow-origin']).toBeUndefined();
    expect(health.headers.vary).toBeUndefined();
  });

  test('answers preflights for routed paths, and leaves the rest to the listener', async () => {
    const api = await rawRequest(`${server.url}/api/items`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'PUT',
    });
    expect(api.status).toBe(204);
    const health = await rawRequest(`${server.url}/health`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'PUT',
    });
    expect(health.status).toBe(200);
    expect(health.body).toBe('OPTIONS /health');
  });

  test('refuses to wrap without a real policy or listener', () => {
    expect(() => withCorsListener({} as never, () => {})).toThrow(TypeError);
    expect(() => withCorsListener(policy, null as never)).toThrow(TypeError);
    expect(() => corsMiddleware('https://app.example.com' as never)).toThrow(TypeError);
  });
});
