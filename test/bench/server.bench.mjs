// @corskit/server against hono's cors, expressjs/cors and @fastify/cors, in one process, like with
// like: each CORS layer runs in the same harness as its rival, driven in-process without sockets.
//   Fetch API: a Hono app with our Hono middleware vs the same app with hono/cors (app.fetch).
//   Node:      our Node middleware vs expressjs/cors, each called with a fresh http.IncomingMessage
//              and http.ServerResponse (no socket) and followed by a handler that ends the response.
//   Fastify:   the same Fastify app with @fastify/cors vs our corsPlugin, driven through
//              fastify.routing(req, res) with fresh Node request/response objects.
//   Koa:       the same Koa app with @koa/cors vs our Koa middleware, driven through
//              app.callback() with fresh Node request/response objects.
// Rows: an allowed actual request, an allowed preflight, a refused preflight, and two POSTs (from
// the allowed origin, and a cross-site one from another origin, which crossOriginProtection refuses
// before the handler while the rivals run it); each with a small allowlist and with 1,000 allowed
// origins (the caller is the 500th). Our policy has credentials, so crossOriginProtection is on;
// the POST rows also time ours with it off. Run: npm run bench.
// BENCH_ONLY=Fastify,Koa (harness name prefixes) measures only those groups.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import os from 'node:os';
import fastifyCors from '@fastify/cors';
import koaCors from '@koa/cors';
import expressCors from 'cors';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import Koa from 'koa';
import { corsPlugin } from '../../packages/server/dist/fastify.js';
import { corsMiddleware as ourHonoCors } from '../../packages/server/dist/hono.js';
import { definePolicy, withCors } from '../../packages/server/dist/index.js';
import { corsMiddleware as ourKoaCors } from '../../packages/server/dist/koa.js';
import { corsMiddleware as ourNodeCors } from '../../packages/server/dist/node.js';
import { compareInterleaved, ROUNDS, STATISTIC_NAME } from './interleave.mjs';

const CALLER = 'https://app.example.com';
const METHODS = ['PUT', 'DELETE'];
const REQUEST_HEADERS = ['content-type', 'authorization'];
const EXPOSE = ['X-Request-Id'];
const MAX_AGE = 600;

const manyOrigins = Array.from({ length: 1000 }, (_, i) => `https://app${i}.example.net`);
manyOrigins[500] = CALLER;
const ALLOWLISTS = {
  small: [CALLER, 'https://admin.example.com', 'http://localhost:5173'],
  '1,000 origins': manyOrigins,
};

const SCENARIOS = {
  'allowed actual request': { method: 'GET', headers: { origin: CALLER, accept: 'application/json' } },
  'allowed preflight': {
    method: 'OPTIONS',
    headers: {
      origin: CALLER,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'authorization,content-type',
    },
  },
  'refused preflight': {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
  },
  'allowed POST': {
    method: 'POST',
    headers: { origin: CALLER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
  },
  'cross-site POST': {
    method: 'POST',
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
  },
};
const POST_SCENARIOS = new Set(['allowed POST', 'cross-site POST']);

// ---------------------------------------------------------------------------------------------
// The stacks. Each returns `run(scenario) => Promise<void> | void` that serves one request fully.

function ourPolicy(origins, extra = {}) {
  return definePolicy({
    origins,
    methods: METHODS,
    requestHeaders: REQUEST_HEADERS,
    exposeHeaders: EXPOSE,
    credentials: true,
    maxAge: MAX_AGE,
    ...extra,
  });
}

const peerOptions = (origins) => ({
  origin: origins,
  methods: ['GET', 'HEAD', 'POST', ...METHODS],
  allowedHeaders: REQUEST_HEADERS,
  exposedHeaders: EXPOSE,
  credentials: true,
  maxAge: MAX_AGE,
});

function honoApp(middleware) {
  const app = new Hono();
  if (middleware) app.use(middleware);
  app.get('/items', (c) => c.json([1, 2, 3]));
  app.post('/items', (c) => c.json([1, 2, 3]));
  return app;
}

function fetchStack(app) {
  const requests = {};
  for (const [name, { method, headers }] of Object.entries(SCENARIOS)) {
    requests[name] = new Request('https://api.example.com/items', { method, headers });
  }
  return (scenario) => app.fetch(requests[scenario]);
}

/** A fresh Node request/response pair, as http.Server would hand them to a listener. */
const socket = new Socket();
function nodePair(scenario) {
  const { method, headers } = SCENARIOS[scenario];
  const request = new IncomingMessage(socket);
  request.method = method;
  request.url = '/items';
  request.headers = headers;
  if (method === 'POST') request.push(null); // An empty body, so body readers finish.
  return [request, new ServerResponse(request)];
}

function endWithJson(response) {
  response.setHeader('content-type', 'application/json');
  response.end('[1,2,3]');
}

function nodeStack(middleware) {
  return (scenario) => {
    const [request, response] = nodePair(scenario);
    if (middleware === null) return endWithJson(response);
    middleware(request, response, () => endWithJson(response));
  };
}

/** Resolves once `response.end()` has run: without a socket, 'finish' never fires. */
function ended(response) {
  return new Promise((resolve) => {
    const end = response.end;
    response.end = function endAndResolve(...args) {
      const result = end.apply(this, args);
      resolve();
      return result;
    };
  });
}

async function fastifyStack(register) {
  const app = Fastify({ logger: false });
  await register(app);
  app.get('/items', (_request, reply) => reply.send([1, 2, 3]));
  app.post('/items', (_request, reply) => reply.send([1, 2, 3]));
  await app.ready();
  return (scenario) => {
    const [request, response] = nodePair(scenario);
    const done = ended(response);
    app.routing(request, response);
    return done;
  };
}

function koaStack(middleware) {
  const app = new Koa();
  if (middleware) app.use(middleware);
  app.use((ctx) => {
    if (ctx.path === '/items' && (ctx.method === 'GET' || ctx.method === 'POST')) ctx.body = [1, 2, 3];
  });
  const callback = app.callback();
  return (scenario) => {
    const [request, response] = nodePair(scenario);
    const done = ended(response);
    callback(request, response);
    return done;
  };
}

// ---------------------------------------------------------------------------------------------
// Measurement: interleaved rounds (interleave.mjs), timed by the clock below.

// BENCH_CLOCK=cpu times this process's CPU time (user + system) instead of wall time: on a machine
// shared with other busy processes, wall time mostly measures how often we were scheduled out.
const CPU_CLOCK = process.env.BENCH_CLOCK === 'cpu';
const nowNs = CPU_CLOCK
  ? () => {
      const { user, system } = process.cpuUsage();
      return (user + system) * 1000;
    }
  : () => Number(process.hrtime.bigint());

async function timeBatch(run, scenario, iterations) {
  const start = nowNs();
  for (let i = 0; i < iterations; i++) {
    const pending = run(scenario);
    if (pending !== undefined) await pending;
  }
  return (nowNs() - start) / iterations;
}

const compare = (contenders, scenario) =>
  compareInterleaved(contenders, (run, iterations) => timeBatch(run, scenario, iterations));

// ---------------------------------------------------------------------------------------------

const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
console.log(`## @corskit/server — ${cpu}, nproc ${os.availableParallelism()}, Node ${process.version}\n`);
console.log(
  `${STATISTIC_NAME} ${CPU_CLOCK ? 'CPU' : 'wall-clock'} ns per request over ${ROUNDS} interleaved rounds; ratio = ours / theirs (< 1: ours is faster). Load average at start: ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}.\n`,
);
console.log(
  '| harness | scenario | allowlist | ours ns | theirs | theirs ns | ratio | no-CORS baseline ns |',
);
console.log('| --- | --- | --- | ---: | --- | ---: | ---: | ---: |');

const rows = [];
for (const [listName, origins] of Object.entries(ALLOWLISTS)) {
  const policy = ourPolicy(origins);
  const unprotected = ourPolicy(origins, { crossOriginProtection: false });
  const originSet = new Set(origins);
  const groups = [
    {
      harness: 'Fetch API (Hono app.fetch)',
      ours: fetchStack(honoApp(ourHonoCors(policy))),
      theirsName: 'hono/cors',
      theirs: fetchStack(
        honoApp(
          honoCors({
            ...peerOptions(origins),
            allowMethods: peerOptions(origins).methods,
            allowHeaders: REQUEST_HEADERS,
            exposeHeaders: EXPOSE,
          }),
        ),
      ),
      baseline: fetchStack(honoApp(null)),
      off: fetchStack(honoApp(ourHonoCors(unprotected))),
      extra: ['withCors alone', fetchStack({ fetch: withCors(policy, () => Response.json([1, 2, 3])) })],
    },
    {
      harness: 'Node (IncomingMessage/ServerResponse)',
      ours: nodeStack(ourNodeCors(policy)),
      theirsName: 'expressjs/cors',
      theirs: nodeStack(expressCors(peerOptions(origins))),
      baseline: nodeStack(null),
      off: nodeStack(ourNodeCors(unprotected)),
    },
    {
      harness: 'Fastify (fastify.routing)',
      ours: await fastifyStack((app) => app.register(corsPlugin, { policy })),
      theirsName: '@fastify/cors',
      theirs: await fastifyStack((app) => app.register(fastifyCors, peerOptions(origins))),
      baseline: await fastifyStack(async () => {}),
      off: await fastifyStack((app) => app.register(corsPlugin, { policy: unprotected })),
    },
    {
      harness: 'Koa (app.callback)',
      ours: koaStack(ourKoaCors(policy)),
      theirsName: '@koa/cors',
      theirs: koaStack(
        koaCors({
          // @koa/cors takes no list: a Set lookup, the cheapest check it could be given.
          origin: (ctx) => (originSet.has(ctx.get('origin')) ? ctx.get('origin') : ''),
          allowMethods: ['GET', 'HEAD', 'POST', ...METHODS],
          allowHeaders: REQUEST_HEADERS,
          exposeHeaders: EXPOSE,
          credentials: true,
          maxAge: MAX_AGE,
        }),
      ),
      baseline: koaStack(null),
      off: koaStack(ourKoaCors(unprotected)),
    },
  ];
  const only = process.env.BENCH_ONLY?.split(',');
  for (const group of groups) {
    if (only && !only.some((prefix) => group.harness.startsWith(prefix))) continue;
    for (const scenario of Object.keys(SCENARIOS)) {
      const contenders = [
        ['ours', group.ours],
        ['theirs', group.theirs],
        ['baseline', group.baseline],
      ];
      if (group.extra) contenders.push(group.extra);
      const post = POST_SCENARIOS.has(scenario);
      if (post) contenders.push(['protection off', group.off]);
      const result = await compare(contenders, scenario);
      const ours = result.get('ours');
      const theirs = result.get('theirs');
      const ratio = ours / theirs;
      rows.push({ ratio });
      let extra = group.extra ? ` (withCors alone: ${Math.round(result.get(group.extra[0]))} ns)` : '';
      if (post) {
        const off = result.get('protection off');
        extra += ` (protection off: ${Math.round(off)} ns, on/off ${(ours / off).toFixed(2)})`;
      }
      console.log(
        `| ${group.harness} | ${scenario} | ${listName} | ${Math.round(ours)}${extra} | ${group.theirsName} | ${Math.round(theirs)} | ${ratio.toFixed(2)} | ${Math.round(result.get('baseline'))} |`,
      );
    }
  }
}

const slower = rows.filter((row) => row.ratio >= 1).length;
console.log(
  `\n${rows.length - slower} of ${rows.length} rows faster than the rival${slower ? `; ${slower} not` : ''}.`,
);
