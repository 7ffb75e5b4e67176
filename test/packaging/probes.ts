// One probe per entry point of every package: a script body that CALLS the entry (not only
// imports it) and returns what it saw. `load(name)` is `import()` in the ESM run and `require()` in
// the CommonJS one, so both module systems go through the same checks.

export interface Probe {
  /** The lowest Node version the entry claims (package.json engines, or its README for a subpath). */
  minNode: string;
  /** Packages the entry loads at run time, whose own engines its claim must cover. */
  loads: string[];
  /** An async function body; `load` and `ORIGIN` are in scope. */
  body: string;
  expected: unknown;
}

const ORIGIN = 'https://app.example';

/** A policy and a check that one answer carries Allow-Origin for ORIGIN. */
const policy = `const { definePolicy } = await load('@corskit/server');
  const policy = definePolicy({ origins: [ORIGIN], methods: ['PUT'] });`;

export const PROBES: Record<string, Probe> = {
  '@corskit/core': {
    minNode: '20',
    loads: [],
    body: `const core = await load('@corskit/core');
      const c = core.classify('https://api.example/x', { method: 'PUT' }, { origin: ORIGIN, engine: 'firefox' });
      const corsFetch = core.createCorsFetch({ origin: ORIGIN, fetch: async () => new Response('', { headers: { 'access-control-allow-origin': '*' } }) });
      const response = await corsFetch('https://api.example/y');
      const error = new core.CorsError('x', { code: 'allow-origin-missing', stage: 'response', url: 'u', origin: 'o' });
      return { preflight: c.preflight, reasons: c.reasons.map((r) => r.code), type: response.type, typeError: error instanceof TypeError };`,
    expected: { preflight: true, reasons: ['method-not-safelisted'], type: 'cors', typeError: true },
  },
  '@corskit/contract': {
    minNode: '20',
    loads: [],
    body: `const { defineApi, type, toOpenApi, ContractError } = await load('@corskit/contract');
      const api = defineApi({ cors: { origins: [ORIGIN] }, routes: { update: { method: 'PATCH', path: '/items/:id', params: { id: type() }, body: type(), responses: { 200: {} } } } });
      let problems = 0;
      try {
        defineApi({ cors: { origins: [ORIGIN] }, routes: { bad: { method: 'get', path: 'x', responses: {} } } });
      } catch (error) {
        problems = error instanceof ContractError ? error.problems.length : -1;
      }
      return { reasons: api.facts.update.preflight.reasons, methods: api.cors.paths[0].methods, openapi: toOpenApi(api).openapi, problems };`,
    expected: {
      reasons: ['content-type-not-safelisted', 'method-not-safelisted'],
      methods: ['PATCH'],
      openapi: '3.1.0',
      problems: 3,
    },
  },
  '@corskit/server': {
    minNode: '20',
    loads: [],
    body: `${policy}
      const { withCors } = await load('@corskit/server');
      const handler = withCors(policy, () => new Response('x'));
      const actual = await handler(new Request('https://api.example/x', { headers: { origin: ORIGIN } }));
      const preflight = await handler(new Request('https://api.example/x', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'PUT' } }));
      return { allowOrigin: actual.headers.get('access-control-allow-origin'), preflight: preflight.status, allowsStar: policy.allowsOrigin('*') };`,
    expected: { allowOrigin: ORIGIN, preflight: 204, allowsStar: false },
  },
  '@corskit/server/node': {
    minNode: '20',
    loads: [],
    body: `${policy}
      const { withCorsListener, corsMiddleware } = await load('@corskit/server/node');
      const { createServer } = await load('node:http');
      const server = createServer(withCorsListener(policy, (request, response) => response.end('x')));
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const response = await fetch('http://127.0.0.1:' + server.address().port + '/x', { headers: { origin: ORIGIN } });
        return { allowOrigin: response.headers.get('access-control-allow-origin'), body: await response.text(), middleware: typeof corsMiddleware(policy) };
      } finally {
        server.closeAllConnections();
        server.close();
      }`,
    expected: { allowOrigin: ORIGIN, body: 'x', middleware: 'function' },
  },
  '@corskit/server/hono': {
    minNode: '20',
    loads: ['hono'],
    body: `${policy}
      const { corsMiddleware } = await load('@corskit/server/hono');
      const { Hono } = await load('hono');
      const app = new Hono();
      app.use(corsMiddleware(policy));
      app.get('/x', (c) => c.text('x'));
      const response = await app.request('/x', { headers: { origin: ORIGIN } });
      return { allowOrigin: response.headers.get('access-control-allow-origin'), body: await response.text() };`,
    expected: { allowOrigin: ORIGIN, body: 'x' },
  },
  '@corskit/server/fastify': {
    minNode: '20',
    loads: ['fastify', 'fastify-plugin'],
    body: `${policy}
      const { corsPlugin } = await load('@corskit/server/fastify');
      const fastify = await load('fastify');
      const app = (fastify.default ?? fastify)();
      await app.register(corsPlugin, { policy });
      app.get('/x', async () => 'x');
      const response = await app.inject({ url: '/x', headers: { origin: ORIGIN } });
      const preflight = await app.inject({ method: 'OPTIONS', url: '/y', headers: { origin: ORIGIN, 'access-control-request-method': 'PUT' } });
      await app.close();
      return { allowOrigin: response.headers['access-control-allow-origin'], body: response.body, preflight: preflight.statusCode };`,
    expected: { allowOrigin: ORIGIN, body: 'x', preflight: 204 },
  },
  '@corskit/server/koa': {
    minNode: '20',
    loads: ['koa'],
    body: `${policy}
      const { corsMiddleware } = await load('@corskit/server/koa');
      const koa = await load('koa');
      const Koa = koa.default ?? koa;
      const app = new Koa();
      app.use(corsMiddleware(policy));
      app.use((ctx) => { ctx.body = 'x'; });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const response = await fetch('http://127.0.0.1:' + server.address().port + '/x', { headers: { origin: ORIGIN } });
        return { allowOrigin: response.headers.get('access-control-allow-origin'), body: await response.text() };
      } finally {
        server.closeAllConnections();
        server.close();
      }`,
    expected: { allowOrigin: ORIGIN, body: 'x' },
  },
  // msw 3 needs Node 22.12 (its engines); the adapter claims what its msw needs.
  '@corskit/server/msw': {
    minNode: '22.12',
    loads: ['msw'],
    body: `${policy}
      const { withCorsHandlers } = await load('@corskit/server/msw');
      const { http, HttpResponse } = await load('msw');
      const { setupServer } = await load('msw/node');
      const server = setupServer(...withCorsHandlers(policy, [http.get('https://api.example/x', () => HttpResponse.text('x'))]));
      server.listen();
      try {
        const response = await fetch('https://api.example/x', { headers: { origin: ORIGIN } });
        return { allowOrigin: response.headers.get('access-control-allow-origin'), body: await response.text() };
      } finally {
        server.close();
      }`,
    expected: { allowOrigin: ORIGIN, body: 'x' },
  },
  // ESM only: require() loads it through require(esm).
  '@corskit/fetch': {
    minNode: '22',
    loads: ['ky'],
    body: `const { createClient, CorsError } = await load('@corskit/fetch');
      const client = createClient({
        baseUrl: 'https://api.example/',
        origin: ORIGIN,
        onWarning: () => {},
        fetch: async () => Response.json({ ok: true }, { headers: { 'access-control-allow-origin': ORIGIN } }),
      });
      const body = await client.get('items').json();
      const prediction = await client.predict('items/1', { method: 'PUT' });
      return { body, preflight: prediction.preflight, corsError: typeof CorsError };`,
    expected: { body: { ok: true }, preflight: true, corsError: 'function' },
  },
  '@corskit/cli': {
    minNode: '20',
    loads: [],
    body: `const { check, main, formatReport } = await load('@corskit/cli');
      let printed = '';
      const status = await main(['--version'], { stdout: { write: (text) => { printed += text; } }, stderr: { write: () => {} } });
      const report = await check({
        url: 'https://api.example/x',
        origin: ORIGIN,
        engines: ['spec'],
        fetch: async () => new Response('', { headers: { 'access-control-allow-origin': ORIGIN } }),
      });
      return { status, version: /^\\d+\\.\\d+\\.\\d+/.test(printed), allowed: report.allowed, formatted: typeof formatReport(report) };`,
    expected: { status: 0, version: true, allowed: true, formatted: 'string' },
  },
};

/** The probe as a script that prints its result as JSON: ESM (import) or CommonJS (require). */
export function probeScript(probe: Probe, format: 'esm' | 'cjs'): string {
  const load = format === 'esm' ? 'async (name) => import(name)' : 'async (name) => require(name)';
  return `const ORIGIN = ${JSON.stringify(ORIGIN)};
const load = ${load};
(async () => {
  ${probe.body}
})().then((result) => console.log(JSON.stringify(result)), (error) => { console.error(error); process.exit(1); });
`;
}
