import { Readable } from 'node:stream';
import { definePolicy, routePolicies } from '@corskit/server';
import { corsPlugin } from '@corskit/server/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALLOWED, APP, corsHeaders, EVIL, PREFLIGHT_VARY, policy } from './adapter-fixtures.js';
import { rawRequest } from './helpers.js';

const preflightHeaders = (origin = APP, extra: Record<string, string> = {}) => ({
  origin,
  'access-control-request-method': 'PUT',
  ...extra,
});

describe('corsPlugin on the root instance', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    await app.register(corsPlugin, { policy });
    // Authentication registered after CORS: preflights never carry credentials, so must not reach it.
    app.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/private') && request.headers.authorization !== 'Bearer ok') {
        await reply.code(401).send({ error: 'unauthorized' });
      }
    });
    app.get('/items', async () => [1, 2, 3]);
    app.get('/vary', async (_request, reply) => reply.header('Vary', 'Accept-Encoding').send('x'));
    app.get('/vary-origin', async (_request, reply) => reply.header('vary', 'origin').send('x'));
    app.get('/own-allow-origin', async (_request, reply) =>
      reply.header('Access-Control-Allow-Origin', '*').send('secret'),
    );
    app.get('/raw-allow-origin', async (_request, reply) => {
      reply.raw.setHeader('Access-Control-Allow-Origin', '*');
      return 'secret';
    });
    app.get('/throws', async () => {
      throw new Error('boom');
    });
    app.get('/stream', async (_request, reply) => reply.type('text/plain').send(Readable.from(['a', 'b'])));
    app.options('/own-options', async (_request, reply) =>
      reply.header('Allow', 'GET, OPTIONS').send('route'),
    );
    app.get('/private/data', async () => ({ secret: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  test('answers an allowed preflight itself, before authentication and before routing', async () => {
    for (const url of ['/private/data', '/items', '/no-such-route']) {
      const answer = await app.inject({
        method: 'OPTIONS',
        url,
        headers: preflightHeaders(APP, { 'access-control-request-headers': 'authorization' }),
      });
      expect(answer.statusCode, url).toBe(204);
      expect(answer.body).toBe('');
      expect(corsHeaders(answer.headers)).toEqual({
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
        'access-control-allow-headers': 'authorization',
        'access-control-max-age': '7200',
        vary: PREFLIGHT_VARY,
      });
    }
  });

  test('refuses a preflight with 403 and no CORS headers', async () => {
    const refused = [
      preflightHeaders(EVIL),
      { ...preflightHeaders(), 'access-control-request-method': 'PATCH' },
      preflightHeaders(APP, { 'access-control-request-headers': 'x-debug' }),
    ];
    for (const headers of refused) {
      const answer = await app.inject({ method: 'OPTIONS', url: '/items', headers });
      expect(answer.statusCode).toBe(403);
      expect(answer.body).toBe('');
      expect(corsHeaders(answer.headers)).toEqual({ vary: PREFLIGHT_VARY });
    }
  });

  test('an OPTIONS that is no preflight reaches its route, or the 404 handler, with CORS headers', async () => {
    const own = await app.inject({ method: 'OPTIONS', url: '/own-options', headers: { origin: APP } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toBe('route');
    expect(own.headers.allow).toBe('GET, OPTIONS');
    expect(corsHeaders(own.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });

    const none = await app.inject({ method: 'OPTIONS', url: '/items', headers: { origin: APP } });
    expect(none.statusCode).toBe(404);
    expect(corsHeaders(none.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
    // A preflight to a path with its own OPTIONS route is still answered by the policy.
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/own-options',
      headers: preflightHeaders(),
    });
    expect(preflight.statusCode).toBe(204);
  });

  test('actual responses get the CORS headers; authentication still applies to them', async () => {
    const items = await app.inject({ url: '/items', headers: { origin: APP } });
    expect(items.statusCode).toBe(200);
    expect(items.json()).toEqual([1, 2, 3]);
    expect(corsHeaders(items.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });

    const locked = await app.inject({ url: '/private/data', headers: { origin: APP } });
    expect(locked.statusCode).toBe(401);
    expect(corsHeaders(locked.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
  });

  test('a refused or absent origin gets Vary: Origin and no CORS header', async () => {
    for (const headers of [{ origin: EVIL }, {}]) {
      const answer = await app.inject({ url: '/items', headers });
      expect(answer.statusCode).toBe(200);
      expect(corsHeaders(answer.headers)).toEqual({ vary: 'Origin' });
    }
  });

  test("Vary: Origin joins the handler's own Vary, never duplicated", async () => {
    const merged = await app.inject({ url: '/vary', headers: { origin: APP } });
    expect(merged.headers.vary).toBe('Accept-Encoding, Origin');
    const already = await app.inject({ url: '/vary-origin', headers: { origin: EVIL } });
    expect(already.headers.vary).toBe('origin');
  });

  test('an Allow-Origin the handler sets is replaced, or removed for a refused origin', async () => {
    for (const url of ['/own-allow-origin', '/raw-allow-origin']) {
      const refused = await app.inject({ url, headers: { origin: EVIL } });
      expect(refused.headers['access-control-allow-origin'], url).toBeUndefined();
      const allowed = await app.inject({ url, headers: { origin: APP } });
      expect(allowed.headers['access-control-allow-origin'], url).toBe(APP);
    }
  });

  test('404s, thrown errors and streams carry the CORS headers an allowed origin needs', async () => {
    const missing = await app.inject({ url: '/nope', headers: { origin: APP } });
    expect(missing.statusCode).toBe(404);
    expect(corsHeaders(missing.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });

    const failed = await app.inject({ url: '/throws', headers: { origin: APP } });
    expect(failed.statusCode).toBe(500);
    expect(corsHeaders(failed.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });

    const streamed = await app.inject({ url: '/stream', headers: { origin: APP } });
    expect(streamed.body).toBe('ab');
    expect(corsHeaders(streamed.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
  });

  test('covers routes registered after it, in plugins of their own too', async () => {
    const late = Fastify();
    await late.register(corsPlugin, { policy });
    late.get('/after', async () => 'after');
    late.register(async (child) => {
      child.get('/child', async () => 'child');
    });
    const preflight = await late.inject({ method: 'OPTIONS', url: '/child', headers: preflightHeaders() });
    expect(preflight.statusCode).toBe(204);
    for (const url of ['/after', '/child']) {
      const answer = await late.inject({ url, headers: { origin: APP } });
      expect(corsHeaders(answer.headers), url).toEqual({ ...ALLOWED, vary: 'Origin' });
    }
    await late.close();
  });
});

describe('corsPlugin inside an encapsulated plugin', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.register(
      async (api) => {
        await api.register(corsPlugin, { policy });
        api.get('/items', async () => [1]);
      },
      { prefix: '/api' },
    );
    app.register(
      async (other) => {
        other.get('/items', async () => [2]);
      },
      { prefix: '/other' },
    );
    await app.ready();
  });
  afterAll(() => app.close());

  test('applies to the routes of that plugin, and answers preflights below its prefix', async () => {
    const items = await app.inject({ url: '/api/items', headers: { origin: APP } });
    expect(corsHeaders(items.headers)).toEqual({ ...ALLOWED, vary: 'Origin' });
    for (const url of ['/api/items', '/api/no-such-route']) {
      const preflight = await app.inject({ method: 'OPTIONS', url, headers: preflightHeaders() });
      expect(preflight.statusCode, url).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(APP);
    }
  });

  test('leaves sibling plugins and the root 404 handler alone', async () => {
    const other = await app.inject({ url: '/other/items', headers: { origin: APP } });
    expect(other.json()).toEqual([2]);
    expect(corsHeaders(other.headers)).toEqual({});
    for (const url of ['/other/items', '/elsewhere']) {
      const preflight = await app.inject({ method: 'OPTIONS', url, headers: preflightHeaders() });
      expect(preflight.statusCode, url).toBe(404);
      expect(corsHeaders(preflight.headers)).toEqual({});
    }
  });
});

describe('corsPlugin with routePolicies', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    const routes = routePolicies({ '/': policy, '/public': definePolicy({ origins: '*' }), '/admin': null });
    await app.register(corsPlugin, { policy: routes });
    app.get('/items', async () => 'items');
    app.get('/public/logo', async () => 'logo');
    app.get('/admin/users', async () => 'users');
    await app.ready();
  });
  afterAll(() => app.close());

  test('chooses the policy by path, and a null prefix turns CORS off', async () => {
    const items = await app.inject({ url: '/items?x=1', headers: { origin: EVIL } });
    expect(corsHeaders(items.headers)).toEqual({ vary: 'Origin' });
    const logo = await app.inject({ url: '/public/logo', headers: { origin: EVIL } });
    expect(corsHeaders(logo.headers)).toEqual({ 'access-control-allow-origin': '*' });
    const users = await app.inject({ url: '/admin/users', headers: { origin: APP } });
    expect(corsHeaders(users.headers)).toEqual({});
    const adminPreflight = await app.inject({
      method: 'OPTIONS',
      url: '/admin/users',
      headers: preflightHeaders(),
    });
    expect(adminPreflight.statusCode).toBe(404);
    const publicPreflight = await app.inject({
      method: 'OPTIONS',
      url: '/public/logo',
      headers: { origin: EVIL, 'access-control-request-method': 'GET' },
    });
    expect(publicPreflight.statusCode).toBe(204);
    expect(publicPreflight.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('corsPlugin over a real socket', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    app = Fastify();
    await app.register(corsPlugin, { policy });
    app.get('/items', async (_request, reply) => reply.header('vary', 'Accept').send([1, 2, 3]));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  test('answers preflights and decorates responses on the wire', async () => {
    const preflight = await rawRequest(`${url}/items`, 'OPTIONS', preflightHeaders());
    expect(preflight.status).toBe(204);
    expect(corsHeaders(preflight.headers)).toMatchObject({ 'access-control-allow-methods': 'PUT' });
    const refused = await rawRequest(`${url}/items`, 'OPTIONS', preflightHeaders(EVIL));
    expect(refused.status).toBe(403);
    expect(corsHeaders(refused.headers)).toEqual({ vary: PREFLIGHT_VARY });
    const items = await rawRequest(`${url}/items`, 'GET', { origin: APP, cookie: 'session=1' });
    expect(items.body).toBe('[1,2,3]');
    expect(corsHeaders(items.headers)).toEqual({ ...ALLOWED, vary: 'Accept, Origin' });
  });
});

describe('corsPlugin options', () => {
  test('a missing or look-alike policy fails registration with a TypeError', async () => {
    for (const options of [{}, { policy: { allowsOrigin: () => true } }]) {
      const app = Fastify();
      // @ts-expect-error: the options are wrong on purpose.
      app.register(corsPlugin, options);
      await expect(app.ready()).rejects.toThrow(TypeError);
    }
  });

  test('optionsRoute: false leaves OPTIONS * to the app', async () => {
    const app = Fastify();
    await app.register(corsPlugin, { policy, optionsRoute: false });
    app.options('*', async () => 'mine');
    const plain = await app.inject({ method: 'OPTIONS', url: '/x', headers: { origin: APP } });
    expect(plain.body).toBe('mine');
    const preflight = await app.inject({ method: 'OPTIONS', url: '/x', headers: preflightHeaders() });
    expect(preflight.statusCode).toBe(204);
    await app.close();
  });
});
