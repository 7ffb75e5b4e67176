import { Readable } from 'node:stream';
import { definePolicy, routePolicies } from '@corskit/server';
import { corsMiddleware } from '@corskit/server/koa';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALLOWED, APP, corsHeaders, EVIL, PREFLIGHT_VARY, policy } from './adapter-fixtures.js';
import { type LoopbackServer, rawRequest, serveOnLoopback } from './helpers.js';

/** The routes, without a router: each path does one thing. */
function routes(): Koa.Middleware {
  return async (ctx) => {
    switch (ctx.path) {
      case '/items':
        ctx.body = [1, 2, 3];
        return;
      case '/vary-set':
        ctx.set('Vary', 'Accept-Encoding');
        ctx.body = 'x';
        return;
      case '/vary-append':
        ctx.vary('Accept-Language');
        ctx.vary('Origin');
        ctx.body = 'x';
        return;
      case '/own-allow-origin':
        ctx.set('Access-Control-Allow-Origin', '*');
        ctx.body = 'secret';
        return;
      case '/options':
        if (ctx.method !== 'OPTIONS') break;
        ctx.set('Allow', 'GET, OPTIONS');
        ctx.body = 'handled by the route';
        return;
      case '/stream':
        ctx.type = 'text/plain';
        ctx.body = Readable.from(['a', 'b']);
        return;
      case '/throws':
        ctx.set('Vary', 'Accept');
        throw new Error('boom');
      case '/throws-http':
        ctx.throw(409, 'taken', { headers: { 'Retry-After': '5', vary: 'Cookie' } });
        return;
      case '/throws-string':
        throw 'not an error';
      case '/private/data':
        ctx.body = { secret: true };
        return;
    }
    ctx.status = 404;
    ctx.body = { error: `No route ${ctx.method} ${ctx.path}.` };
  };
}

describe('Koa middleware', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    const app = new Koa();
    app.silent = true; // The thrown errors below are on purpose.
    app.use(corsMiddleware(policy));
    // Authentication after CORS: preflights never carry credentials, so they must not reach it.
    app.use(async (ctx, next) => {
      if (ctx.path.startsWith('/private') && ctx.get('authorization') !== 'Bearer ok') {
        ctx.status = 401;
        ctx.body = 'unauthorized';
      } else await next();
    });
    app.use(routes());
    server = await serveOnLoopback(app.callback());
  });
  afterAll(() => server.close());

  const preflight = (path: string, headers: Record<string, string> = {}) =>
    rawRequest(`${server.url}${path}`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'PUT',
      ...headers,
    });
  const get = (path: string, origin?: string) =>
    rawRequest(`${server.url}${path}`, 'GET', origin === undefined ? {} : { origin });

  test('answers an allowed preflight itself, before authentication', async () => {
    const answer = await preflight('/private/data', { 'access-control-request-headers': 'authorization' });
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(corsHeaders(answer.headers)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'authorization',
      'access-control-max-age': '7200',
      vary: PREFLIGHT_VARY,
    });
  });

  test('refuses a preflight with an empty 403 and no CORS headers', async () => {
    const refusals: Array<Record<string, string>> = [
      { origin: EVIL },
      { 'access-control-request-method': 'PATCH' },
      { 'access-control-request-headers': 'x-debug' },
    ];
    for (const headers of refusals) {
      const answer = await preflight('/items', headers);
      expect(answer.status).toBe(403);
      expect(answer.body).toBe('');
      expect(answer.headers['content-length']).toBe('0');
      expect(corsHeaders(answer.headers)).toEqual({ vary: PREFLIGHT_VARY });
    }
  });

  test('an OPTIONS without Access-Control-Request-Method reaches the route, with CORS headers', async () => {
    const answer = await rawRequest(`${server.url}/options`, 'OPTIONS', { origin: APP });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('handled by the route');
    expect(answer.headers.allow).toBe('GET, OPTIONS');
    expect(corsHeaders(answer.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
  });

  test('actual responses get the CORS headers, and authentication still applies to them', async () => {
    const items = await get('/items', APP);
    expect(items.status).toBe(200);
    expect(JSON.parse(items.body)).toEqual([1, 2, 3]);
    expect(corsHeaders(items.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
    const locked = await get('/private/data', APP);
    expect(locked.status).toBe(401);
    expect(corsHeaders(locked.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
    for (const origin of [EVIL, undefined]) {
      expect(corsHeaders((await get('/items', origin)).headers)).toEqual({ vary: 'Origin' });
    }
  });

  test("Vary: Origin joins the route's own Vary, however the route sets it", async () => {
    expect((await get('/vary-set', APP)).headers.vary).toBe('Accept-Encoding, Origin');
    expect((await get('/vary-append', EVIL)).headers.vary).toBe('Accept-Language, Origin');
  });

  test("an Allow-Origin the route sets is the policy's to replace, or remove for a refused origin", async () => {
    expect((await get('/own-allow-origin', EVIL)).headers['access-control-allow-origin']).toBeUndefined();
    expect((await get('/own-allow-origin')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await get('/own-allow-origin', APP)).headers['access-control-allow-origin']).toBe(APP);
  });

  test('streamed bodies and 404s carry the CORS headers', async () => {
    const streamed = await get('/stream', APP);
    expect(streamed.body).toBe('ab');
    expect(corsHeaders(streamed.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
    const missing = await get('/nope', APP);
    expect(missing.status).toBe(404);
    expect(corsHeaders(missing.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
  });

  test("an error thrown downstream still carries an allowed origin's CORS headers", async () => {
    const failed = await get('/throws', APP);
    expect(failed.status).toBe(500);
    expect(failed.body).toBe('Internal Server Error');
    // Koa's error handler clears every header the route set (its Vary: Accept included).
    expect(corsHeaders(failed.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });

    const conflict = await get('/throws-http', APP);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toBe('taken');
    expect(conflict.headers['retry-after']).toBe('5');
    expect(corsHeaders(conflict.headers)).toEqual({ ...ALLOWED, vary: 'Cookie, Origin' });

    const thrownString = await get('/throws-string', APP);
    expect(thrownString.status).toBe(500);
    expect(corsHeaders(thrownString.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });

    const refused = await get('/throws', EVIL);
    expect(refused.status).toBe(500);
    expect(corsHeaders(refused.headers)).toEqual({ vary: 'Origin' });
  });
});

describe('Koa middleware behind an error handler of the app', () => {
  test('the error handler upstream answers with the CORS headers in place', async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      try {
        await next();
      } catch (error) {
        ctx.status = 500;
        ctx.body = { error: (error as Error).message };
      }
    });
    app.use(corsMiddleware(policy));
    app.use(routes());
    const server = await serveOnLoopback(app.callback());
    try {
      const failed = await rawRequest(`${server.url}/throws`, 'GET', { origin: APP });
      expect(JSON.parse(failed.body)).toEqual({ error: 'boom' });
      expect(corsHeaders(failed.headers)).toEqual({ ...ALLOWED, vary: 'Accept, Origin' });
    } finally {
      await server.close();
    }
  });
});

describe('Koa middleware with routePolicies', () => {
  test('chooses the policy by the path the client asked for; null turns CORS off', async () => {
    const app = new Koa();
    const routesTable = routePolicies({
      '/': policy,
      '/public': definePolicy({ origins: '*' }),
      '/admin': null,
    });
    app.use(corsMiddleware(routesTable));
    app.use(async (ctx) => {
      ctx.body = 'ok';
    });
    const server = await serveOnLoopback(app.callback());
    try {
      const at = (path: string) => rawRequest(`${server.url}${path}`, 'GET', { origin: EVIL });
      expect(corsHeaders((await at('/items?x=1')).headers)).toEqual({ vary: 'Origin' });
      expect(corsHeaders((await at('/public/logo')).headers)).toEqual({ 'access-control-allow-origin': '*' });
      expect(corsHeaders((await at('/admin/users')).headers)).toEqual({});
      const adminPreflight = await rawRequest(`${server.url}/admin/users`, 'OPTIONS', {
        origin: APP,
        'access-control-request-method': 'PUT',
      });
      expect(adminPreflight.status).toBe(200);
      expect(adminPreflight.body).toBe('ok');
    } finally {
      await server.close();
    }
  });

  test('refuses to build without a real policy', () => {
    // @ts-expect-error: not a policy.
    expect(() => corsMiddleware({ allowsOrigin: () => true })).toThrow(TypeError);
  });
});
