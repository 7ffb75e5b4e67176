// serveApi (routing by template, validation with the routes' schemas, per-path CORS) against a
// Hono app with @hono/zod-validator on the same routes and the same zod schemas, with hono/cors
// configured to the same CORS, in one process, each called through its Fetch entry with the same
// Requests. Rows: a GET with a path param, a GET with query fields, a PATCH with a param, a header
// and a JSON body, the same PATCH with an invalid body (400), and a preflight. Run: npm run bench.
import os from 'node:os';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { defineApi } from '../../packages/contract/dist/index.js';
import { serveApi } from '../../packages/server/dist/index.js';
import { compareInterleaved, ROUNDS, STATISTIC_NAME } from './interleave.mjs';

const APP = 'https://app.example.com';
const BASE = 'https://api.example.com';

const Item = z.object({ id: z.number(), title: z.string(), done: z.boolean() });
const Id = z.coerce.number().int().positive();
const Query = {
  limit: z.coerce.number().int().positive().optional(),
  done: z.enum(['true', 'false']).optional(),
};
const Patch = z.object({ title: z.string().min(1).optional(), done: z.boolean().optional() });
const ApiKey = z.string().min(3);
const item = { id: 7, title: 'milk', done: false };

// Twelve routes on eight paths, so that routing has something to choose from.
const api = defineApi({
  cors: { origins: [APP, 'https://admin.example.com'], maxAge: 600 },
  routes: {
    listItems: { method: 'GET', path: '/items', query: Query, responses: { 200: z.array(Item) } },
    createItem: { method: 'POST', path: '/items', body: Patch, responses: { 201: Item } },
    getItem: { method: 'GET', path: '/items/:id', params: { id: Id }, responses: { 200: Item } },
    updateItem: {
      method: 'PATCH',
      path: '/items/:id',
      params: { id: Id },
      headers: { 'x-api-key': ApiKey },
      body: Patch,
      responses: { 200: Item },
    },
    deleteItem: { method: 'DELETE', path: '/items/:id', params: { id: Id }, responses: { 204: {} } },
    listUsers: { method: 'GET', path: '/users', responses: { 200: z.array(z.string()) } },
    getUser: { method: 'GET', path: '/users/:id', params: { id: Id }, responses: { 200: z.string() } },
    listLines: {
      method: 'GET',
      path: '/orders/:id/lines',
      params: { id: Id },
      responses: { 200: z.array(z.number()) },
    },
    getLine: {
      method: 'GET',
      path: '/orders/:id/lines/:line',
      params: { id: Id, line: Id },
      responses: { 200: z.number() },
    },
    health: { method: 'GET', path: '/health', responses: { 200: z.string() } },
    search: {
      method: 'GET',
      path: '/search',
      query: { q: z.string() },
      responses: { 200: z.array(z.string()) },
    },
    settings: {
      method: 'PUT',
      path: '/settings',
      body: z.record(z.string(), z.string()),
      responses: { 204: {} },
    },
  },
});

const ours = serveApi(api, {
  listItems: ({ query }) => ({ status: 200, body: [item].slice(0, query.limit) }),
  createItem: () => ({ status: 201, body: item }),
  getItem: ({ params }) => ({ status: 200, body: { ...item, id: params.id } }),
  updateItem: ({ params, body }) => ({ status: 200, body: { ...item, ...body, id: params.id } }),
  deleteItem: () => ({ status: 204 }),
  listUsers: () => ({ status: 200, body: [] }),
  getUser: () => ({ status: 200, body: 'ada' }),
  listLines: () => ({ status: 200, body: [] }),
  getLine: () => ({ status: 200, body: 1 }),
  health: () => ({ status: 200, body: 'ok' }),
  search: () => ({ status: 200, body: [] }),
  settings: () => ({ status: 204 }),
});

// The same routes on Hono: one CORS configuration can only be app-wide, so hono/cors gets the union
// of what the contract allows per path (our per-path answers are stricter, never looser).
const hono = new Hono();
hono.use(
  cors({
    origin: [APP, 'https://admin.example.com'],
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'PUT'],
    allowHeaders: ['content-type', 'x-api-key'],
    maxAge: 600,
  }),
);
const idParam = zValidator('param', z.object({ id: Id }));
hono.get('/items', zValidator('query', z.object(Query)), (c) =>
  c.json([item].slice(0, c.req.valid('query').limit)),
);
hono.post('/items', zValidator('json', Patch), (c) => c.json(item, 201));
hono.get('/items/:id', idParam, (c) => c.json({ ...item, id: c.req.valid('param').id }));
hono.patch(
  '/items/:id',
  idParam,
  zValidator('header', z.object({ 'x-api-key': ApiKey })),
  zValidator('json', Patch),
  (c) => c.json({ ...item, ...c.req.valid('json'), id: c.req.valid('param').id }),
);
hono.delete('/items/:id', idParam, (c) => c.body(null, 204));
hono.get('/users', (c) => c.json([]));
hono.get('/users/:id', idParam, (c) => c.json('ada'));
hono.get('/orders/:id/lines', idParam, (c) => c.json([]));
hono.get('/orders/:id/lines/:line', zValidator('param', z.object({ id: Id, line: Id })), (c) => c.json(1));
hono.get('/health', (c) => c.json('ok'));
hono.get('/search', zValidator('query', z.object({ q: z.string() })), (c) => c.json([]));
hono.put('/settings', zValidator('json', z.record(z.string(), z.string())), (c) => c.body(null, 204));

const patch = (body) => () =>
  new Request(`${BASE}/items/7`, {
    method: 'PATCH',
    headers: { origin: APP, 'x-api-key': 'secret', 'content-type': 'application/json' },
    body,
  });
const get = (path) => {
  const request = new Request(BASE + path, { headers: { origin: APP } });
  return () => request;
};
const SCENARIOS = {
  'GET /items/:id': { make: get('/items/7'), status: 200 },
  'GET /items?limit&done': { make: get('/items?limit=5&done=false'), status: 200 },
  'PATCH /items/:id, header + JSON': { make: patch('{"done":true}'), status: 200 },
  'PATCH, invalid body (400)': { make: patch('{"done":"yes"}'), status: 400 },
  'preflight for the PATCH': {
    make: (() => {
      const request = new Request(`${BASE}/items/7`, {
        method: 'OPTIONS',
        headers: {
          origin: APP,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'content-type,x-api-key',
        },
      });
      return () => request;
    })(),
    status: 204,
  },
};

const STACKS = {
  serveApi: (request) => ours(request),
  'Hono + zod-validator': (request) => hono.fetch(request),
};

// Both answer every scenario as expected before anything is timed.
for (const [name, { make, status }] of Object.entries(SCENARIOS)) {
  for (const [stack, run] of Object.entries(STACKS)) {
    const response = await run(make());
    if (response.status !== status)
      throw new Error(`${stack}, ${name}: ${response.status}, expected ${status}`);
    await response.arrayBuffer();
  }
}

async function timeBatch(run, make, iterations) {
  const requests = Array.from({ length: iterations }, make);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await (await run(requests[i])).arrayBuffer();
  return Number(process.hrtime.bigint() - start) / iterations;
}

const compare = (make) =>
  compareInterleaved(Object.entries(STACKS), (run, iterations) => timeBatch(run, make, iterations));

const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
console.log(
  `## serveApi vs Hono + @hono/zod-validator — ${cpu}, nproc ${os.availableParallelism()}, Node ${process.version}\n`,
);
console.log(
  `${STATISTIC_NAME} ns per request (Request built beforehand, response body read) over ${ROUNDS} interleaved rounds.\n`,
);
console.log('| request | serveApi ns | Hono + zod-validator ns | serveApi / Hono |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, { make }] of Object.entries(SCENARIOS)) {
  const result = await compare(make);
  const a = result.get('serveApi');
  const b = result.get('Hono + zod-validator');
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | **${(a / b).toFixed(2)}** |`);
}
