// The policy alone answers a preflight: CORS headers that an earlier middleware (another CORS
// library, a catch-all "allow everything" layer) put on the response are removed from a refused
// answer and replaced in an allowed one, by every adapter, as they are on actual responses.
import { definePolicy, withCors } from '@corskit/server';
import { corsPlugin } from '@corskit/server/fastify';
import { corsMiddleware as honoCors } from '@corskit/server/hono';
import { corsMiddleware as koaCors } from '@corskit/server/koa';
import { withCorsHandlers } from '@corskit/server/msw';
import { corsMiddleware as nodeCors, withCorsListener } from '@corskit/server/node';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rawRequest, serveOnLoopback } from './helpers.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';
const API = 'https://api.example.com';
const policy = definePolicy({ origins: [APP], methods: ['PUT'], credentials: true });

/** What a permissive layer registered before the policy sets on every response. */
const EARLIER = {
  'access-control-allow-origin': '*',
  'access-control-allow-credentials': 'true',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': '*',
  'x-earlier': 'kept',
} as const;

const preflightHeaders = (origin: string) => ({ origin, 'access-control-request-method': 'PUT' });

type Answer = { status: number; header(name: string): string | null };
type Adapter = (origin: string) => Promise<Answer>;

const fromResponse = (response: Response): Answer => ({
  status: response.status,
  header: (name) => response.headers.get(name),
});

const nodeAnswer = async (url: string, origin: string): Promise<Answer> => {
  const raw = await rawRequest(`${url}/items/1`, 'OPTIONS', preflightHeaders(origin));
  return {
    status: raw.status,
    header: (name) => {
      const value = raw.headers[name];
      return value === undefined ? null : String(value);
    },
  };
};

const expressApp = express();
expressApp.use((_request, response, next) => {
  for (const [name, value] of Object.entries(EARLIER)) response.setHeader(name, value);
  next();
});
expressApp.use(nodeCors(policy));

const listener = withCorsListener(policy, (_request, response) => response.end('x'));

const honoApp = new Hono();
honoApp.use(async (c, next) => {
  for (const [name, value] of Object.entries(EARLIER)) c.res.headers.set(name, value);
  await next();
});
honoApp.use(honoCors(policy));

const fastifyApp = Fastify();
fastifyApp.addHook('onRequest', async (_request, reply) => {
  reply.headers(EARLIER);
});
fastifyApp.register(corsPlugin, { policy });

const koaApp = new Koa();
koaApp.use(async (ctx, next) => {
  ctx.set(EARLIER);
  await next();
});
koaApp.use(koaCors(policy));

const fetchHandler = withCors(policy, () => new Response('x'));

const mswServer = setupServer(
  ...withCorsHandlers(policy, [http.put(`${API}/items/:id`, () => HttpResponse.json({}))]),
);

let expressUrl: { url: string; close(): Promise<void> };
let listenerUrl: { url: string; close(): Promise<void> };
let koaUrl: { url: string; close(): Promise<void> };
beforeAll(async () => {
  expressUrl = await serveOnLoopback(expressApp);
  koaUrl = await serveOnLoopback(koaApp.callback());
  await fastifyApp.ready();
  listenerUrl = await serveOnLoopback((request, response) => {
    for (const [name, value] of Object.entries(EARLIER)) response.setHeader(name, value);
    listener(request, response);
  });
  mswServer.listen();
});
afterAll(async () => {
  await expressUrl.close();
  await listenerUrl.close();
  await koaUrl.close();
  await fastifyApp.close();
  mswServer.close();
});

const adapters: Record<string, Adapter> = {
  'Fetch withCors': async (origin) =>
    fromResponse(
      await fetchHandler(
        new Request(`${API}/items/1`, { method: 'OPTIONS', headers: preflightHeaders(origin) }),
      ),
    ),
  'Express corsMiddleware': (origin) => nodeAnswer(expressUrl.url, origin),
  'node:http withCorsListener': (origin) => nodeAnswer(listenerUrl.url, origin),
  'Hono corsMiddleware': async (origin) =>
    fromResponse(await honoApp.request('/items/1', { method: 'OPTIONS', headers: preflightHeaders(origin) })),
  'Fastify corsPlugin': async (origin) => {
    const answer = await fastifyApp.inject({
      method: 'OPTIONS',
      url: '/items/1',
      headers: preflightHeaders(origin),
    });
    return { status: answer.statusCode, header: (name) => (answer.headers[name] ?? null) as string | null };
  },
  'Koa corsMiddleware': (origin) => nodeAnswer(koaUrl.url, origin),
  'msw withCorsHandlers': async (origin) =>
    fromResponse(await fetch(`${API}/items/1`, { method: 'OPTIONS', headers: preflightHeaders(origin) })),
};

describe.each(Object.entries(adapters))('%s', (_name, answer) => {
  test('a refused preflight carries no CORS header, whatever was set before', async () => {
    const refused = await answer(EVIL);
    expect(refused.status).toBe(403);
    for (const name of Object.keys(EARLIER).filter((name) => name.startsWith('access-control-'))) {
      expect(refused.header(name), name).toBeNull();
    }
  });

  test("an allowed preflight carries the policy's answer, not what was set before", async () => {
    const allowed = await answer(APP);
    expect(allowed.status).toBe(204);
    expect(allowed.header('access-control-allow-origin')).toBe(APP);
    expect(allowed.header('access-control-allow-credentials')).toBe('true');
    expect(allowed.header('access-control-allow-methods')).toBe('PUT');
    expect(allowed.header('access-control-allow-headers')).toBeNull();
    expect(allowed.header('access-control-expose-headers')).toBeNull();
  });
});
