import { definePolicy, routePolicies } from '@corskit/server';
import { corsMiddleware } from '@corskit/server/hono';
import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { headersOf } from './helpers.js';

const APP = 'https://app.example.com';
const policy = definePolicy({
  origins: [APP],
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['content-type'],
  exposeHeaders: ['X-Request-Id'],
  credentials: true,
  maxAge: 300,
});

function app() {
  const hono = new Hono();
  hono.use(corsMiddleware(policy));
  hono.use('/private/*', async (c, next) => {
    if (c.req.header('authorization') !== 'Bearer ok') return c.text('unauthorized', 401);
    return next();
  });
  hono.get('/items', (c) => {
    c.header('Vary', 'Accept-Encoding');
    c.header('X-Request-Id', 'r1');
    return c.json([1, 2]);
  });
  hono.put('/private/items', (c) => c.body(null, 204));
  hono.options('/items', (c) => c.text('route', 200, { Allow: 'GET, OPTIONS' }));
  hono.get('/redirect', () => Response.redirect('https://api.example.com/items', 302));
  return hono;
}

describe('Hono middleware', () => {
  test('answers preflights before routes and authentication', async () => {
    const answer = await app().request('/private/items', {
      method: 'OPTIONS',
      headers: {
        origin: APP,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(answer.status).toBe(204);
    expect(headersOf(answer)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '300',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
  });

  test('refuses preflights without CORS headers', async () => {
    const answer = await app().request('/private/items', {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PATCH' },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.has('access-control-allow-origin')).toBe(false);
  });

  test('an OPTIONS that is not a preflight reaches its route', async () => {
    const response = await app().request('/items', { method: 'OPTIONS', headers: { origin: APP } });
    expect(await response.text()).toBe('route');
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  test("actual responses get the CORS headers, Vary joined to the route's own", async () => {
    const response = await app().request('/items', { headers: { origin: APP } });
    expect(await response.json()).toEqual([1, 2]);
    expect(headersOf(response)).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Request-Id',
      'x-request-id': 'r1',
      vary: 'Accept-Encoding, Origin',
    });
    const refused = await app().request('/items', { headers: { origin: 'https://evil.example' } });
    expect(refused.headers.has('access-control-allow-origin')).toBe(false);
    expect(refused.headers.get('vary')).toBe('Accept-Encoding, Origin');
  });

  test('responses from middleware short-circuits (401) get the headers too, so the page can read them', async () => {
    const response = await app().request('/private/items', { method: 'PUT', headers: { origin: APP } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  test('immutable responses are rebuilt with the headers', async () => {
    const response = await app().request('/redirect', { headers: { origin: APP } });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://api.example.com/items');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  test('per-route policies', async () => {
    const hono = new Hono();
    hono.use(corsMiddleware(routePolicies({ '/public': definePolicy({ origins: '*' }), '/': policy })));
    hono.get('*', (c) => c.text('x'));
    const open = await hono.request('/public/a', { headers: { origin: 'https://anyone.example' } });
    expect(open.headers.get('access-control-allow-origin')).toBe('*');
    const closed = await hono.request('/private/a', { headers: { origin: 'https://anyone.example' } });
    expect(closed.headers.has('access-control-allow-origin')).toBe(false);
  });
});
