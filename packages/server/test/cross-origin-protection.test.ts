// crossOriginProtection, table-driven: the request shapes of Go's net/http CrossOriginProtection
// tests and of tower-csrf's (method × Sec-Fetch-Site × Origin × Host × trusted origins), written
// as our own cases, plus the full cross product of those dimensions, each through every adapter
// (withCors, Hono, msw; node:http, Express, Fastify and Koa over real sockets). A refused request
// is a 403 with no CORS headers, and the handler never runs.
import {
  type CorsPolicy,
  type CorsRefusal,
  definePolicy,
  type PolicyConfig,
  PolicyError,
  routePolicies,
  withCors,
} from '@corskit/server';
import { corsPlugin } from '@corskit/server/fastify';
import { corsMiddleware as honoCors } from '@corskit/server/hono';
import { corsMiddleware as koaCors } from '@corskit/server/koa';
import { withCorsHandlers } from '@corskit/server/msw';
import { corsMiddleware, withCorsListener } from '@corskit/server/node';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rawRequest, serveOnLoopback } from './helpers.js';

const API_HOST = 'api.example.com';
const APP = 'https://app.example.com';

/** One request: headers as a browser (or another client) would send them; absent when undefined. */
interface Shape {
  method: string;
  secFetchSite?: string;
  origin?: string;
  /** The Host the request is addressed to (default api.example.com). */
  host?: string;
  forwardedHost?: string;
  path?: string;
}

interface Observed {
  status: number;
  handled: boolean;
  corsHeaders: string[];
  debug: string | null;
}

type Drive = (shape: Shape) => Promise<Observed>;

/** Builds a driver per adapter around one policy (or routes) and a handler that counts its calls. */
interface Adapter {
  name: string;
  start(
    source: CorsPolicy | ReturnType<typeof routePolicies>,
  ): Promise<{ drive: Drive; close(): Promise<void> }>;
}

function headersFor(shape: Shape): Record<string, string> {
  const headers: Record<string, string> = {};
  if (shape.origin !== undefined) headers['origin'] = shape.origin;
  if (shape.secFetchSite !== undefined) headers['sec-fetch-site'] = shape.secFetchSite;
  if (shape.forwardedHost !== undefined) headers['x-forwarded-host'] = shape.forwardedHost;
  return headers;
}

const urlFor = (shape: Shape) => `https://${shape.host ?? API_HOST}${shape.path ?? '/items'}`;
const corsNames = (names: Iterable<string>) =>
  [...names].filter((name) => name.toLowerCase().startsWith('access-control-')).sort();

function counter() {
  let calls = 0;
  return {
    hit: () => {
      calls++;
    },
    take: () => {
      const seen = calls > 0;
      calls = 0;
      return seen;
    },
  };
}

async function fromResponse(response: Response, handled: boolean): Promise<Observed> {
  await response.text();
  return {
    status: response.status,
    handled,
    corsHeaders: corsNames(response.headers.keys()),
    debug: response.headers.get('x-corskit-debug'),
  };
}

/** Node-side adapters over a real socket; Host (and the rest) sent exactly as the shape says. */
async function overSocket(server: (count: () => void) => Parameters<typeof serveOnLoopback>[0]) {
  const calls = counter();
  const loopback = await serveOnLoopback(server(calls.hit));
  const drive: Drive = async (shape) => {
    const headers = { ...headersFor(shape), host: shape.host ?? API_HOST };
    const answer = await rawRequest(`${loopback.url}${shape.path ?? '/items'}`, shape.method, headers);
    const debug = answer.headers['x-corskit-debug'];
    return {
      status: answer.status,
      handled: calls.take(),
      corsHeaders: corsNames(Object.keys(answer.headers)),
      debug: typeof debug === 'string' ? debug : null,
    };
  };
  return { drive, close: loopback.close };
}

const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledFrame: 'error' }));
afterAll(() => msw.close());

const ADAPTERS: Adapter[] = [
  {
    name: 'withCors',
    start: async (source) => {
      const calls = counter();
      const handler = withCors(source, () => {
        calls.hit();
        return new Response('ok');
      });
      const drive: Drive = async (shape) => {
        const request = new Request(urlFor(shape), { method: shape.method, headers: headersFor(shape) });
        const response = await handler(request);
        return fromResponse(response, calls.take());
      };
      return { drive, close: async () => {} };
    },
  },
  {
    name: 'hono',
    start: async (source) => {
      const calls = counter();
      const app = new Hono();
      app.use(honoCors(source));
      app.all('*', (c) => {
        calls.hit();
        return c.text('ok');
      });
      const drive: Drive = async (shape) => {
        const request = new Request(urlFor(shape), { method: shape.method, headers: headersFor(shape) });
        return fromResponse(await app.fetch(request), calls.take());
      };
      return { drive, close: async () => {} };
    },
  },
  {
    name: 'node:http',
    start: (source) =>
      overSocket((hit) =>
        withCorsListener(source, (_request, response) => {
          hit();
          response.end('ok');
        }),
      ),
  },
  {
    name: 'express',
    start: (source) =>
      overSocket((hit) => {
        const app = express();
        app.use(corsMiddleware(source));
        app.use((_request, response) => {
          hit();
          response.send('ok');
        });
        return app;
      }),
  },
  {
    name: 'fastify',
    start: async (source) => {
      let hit = () => {};
      const app = Fastify();
      // Our own OPTIONS * route below (the catch-all), so the plugin registers none.
      await app.register(corsPlugin, { policy: source, optionsRoute: false });
      app.all('*', (_request, reply) => {
        hit();
        reply.send('ok');
      });
      await app.ready();
      const run = await overSocket((count) => {
        hit = count;
        return (request, response) => app.routing(request, response);
      });
      return {
        drive: run.drive,
        close: async () => {
          await run.close();
          await app.close();
        },
      };
    },
  },
  {
    name: 'koa',
    start: (source) =>
      overSocket((hit) => {
        const app = new Koa();
        app.use(koaCors(source));
        app.use((ctx) => {
          hit();
          ctx.body = 'ok';
        });
        return app.callback();
      }),
  },
  {
    name: 'msw',
    start: async (source) => {
      const calls = counter();
      msw.resetHandlers(
        ...withCorsHandlers(source, [
          http.all('*/items', () => {
            calls.hit();
            return HttpResponse.text('ok');
          }),
        ]),
      );
      const drive: Drive = async (shape) => {
        const response = await fetch(urlFor(shape), { method: shape.method, headers: headersFor(shape) });
        return fromResponse(response, calls.take());
      };
      return { drive, close: async () => msw.resetHandlers() };
    },
  },
];

const credentialed = (extra: Partial<PolicyConfig> = {}) =>
  definePolicy({
    origins: [APP, 'https://*.partner.example'],
    methods: ['PUT', 'DELETE', 'PATCH'],
    credentials: true,
    ...extra,
  });

// ---------------------------------------------------------------------------------------------
// Named cases. `pass`: the handler runs (200); `refuse`: 403 before the handler, no CORS headers.

interface Case extends Shape {
  name: string;
  expect: 'pass' | 'refuse';
  /** Adapters that cannot be sent this shape (msw never intercepts a lowercase method). */
  unsendable?: string[];
}

/** [name, method, Sec-Fetch-Site, Origin, expectation, adapters that cannot send it]. */
type Row = [string, string, string | undefined, string | undefined, Case['expect'], string[]?];

const ROWS: Row[] = [
  // Sec-Fetch-Site decides when present.
  ['POST same-origin', 'POST', 'same-origin', undefined, 'pass'],
  ['POST none (user-initiated)', 'POST', 'none', undefined, 'pass'],
  ['POST cross-site', 'POST', 'cross-site', undefined, 'refuse'],
  ['POST same-site (a sibling subdomain)', 'POST', 'same-site', undefined, 'refuse'],
  ['POST with an unknown Sec-Fetch-Site', 'POST', 'cross-site, same-origin', undefined, 'refuse'],
  // Without Sec-Fetch-Site: the Origin/Host fallback for older browsers.
  ['POST with neither header (not a browser)', 'POST', undefined, undefined, 'pass'],
  ['POST, Origin names the Host', 'POST', undefined, 'https://api.example.com', 'pass'],
  ['POST, Origin names the Host over http', 'POST', undefined, 'http://api.example.com', 'pass'],
  ['POST, Origin another host', 'POST', undefined, 'https://attacker.example', 'refuse'],
  ['POST, Origin the Host on another port', 'POST', undefined, 'https://api.example.com:8443', 'refuse'],
  ['POST, Origin a parent domain of the Host', 'POST', undefined, 'https://example.com', 'refuse'],
  ['POST, Origin: null', 'POST', undefined, 'null', 'refuse'],
  ['POST, empty Origin (treated as absent)', 'POST', undefined, '', 'pass'],
  // Safe methods always pass, whatever the headers say.
  ['GET cross-site', 'GET', 'cross-site', 'https://attacker.example', 'pass'],
  ['HEAD cross-site', 'HEAD', 'cross-site', undefined, 'pass'],
  ['OPTIONS cross-site (not a preflight)', 'OPTIONS', 'cross-site', 'https://attacker.example', 'pass'],
  ['PUT cross-site', 'PUT', 'cross-site', undefined, 'refuse'],
  ['DELETE cross-site', 'DELETE', 'cross-site', 'https://attacker.example', 'refuse'],
  [
    'PATCH without Sec-Fetch-Site from another origin',
    'PATCH',
    undefined,
    'https://attacker.example',
    'refuse',
  ],
  // Origins the policy allows are trusted, with or without Sec-Fetch-Site.
  ['POST from an allowed origin, no Sec-Fetch-Site', 'POST', undefined, APP, 'pass'],
  ['POST from an allowed origin, cross-site', 'POST', 'cross-site', APP, 'pass'],
  ['POST from an allowed origin, same-site', 'POST', 'same-site', APP, 'pass'],
  ['POST from an origin a pattern allows', 'POST', 'cross-site', 'https://a.b.partner.example', 'pass'],
  ['POST from the pattern apex (not allowed)', 'POST', 'cross-site', 'https://partner.example', 'refuse'],
  ['POST from an untrusted origin, cross-site', 'POST', 'cross-site', 'https://attacker.example', 'refuse'],
  [
    'POST from an allowed origin over http (not allowed)',
    'POST',
    'cross-site',
    'http://app.example.com',
    'refuse',
  ],
  ['POST cross-site claiming the Host as Origin', 'POST', 'cross-site', 'https://api.example.com', 'refuse'],
  // Case matters: browsers send lowercase, so anything else is not them.
  ['POST, Sec-Fetch-Site in uppercase', 'POST', 'SAME-ORIGIN', 'https://attacker.example', 'refuse'],
  // fetch() keeps `patch` lowercase (only the six standard names are normalized); Node sends PATCH.
  ['lowercase patch is an unsafe method', 'patch', 'cross-site', undefined, 'refuse', ['msw']],
];

const GO_AND_TOWER_CASES: Case[] = ROWS.map(([name, method, secFetchSite, origin, expected, unsendable]) => {
  const shape: Case = { name, method, expect: expected };
  if (secFetchSite !== undefined) shape.secFetchSite = secFetchSite;
  if (origin !== undefined) shape.origin = origin;
  if (unsendable !== undefined) shape.unsendable = unsendable;
  return shape;
});

describe.each(ADAPTERS)('$name', (adapter) => {
  let run: Awaited<ReturnType<Adapter['start']>>;
  beforeAll(async () => {
    run = await adapter.start(credentialed({ debug: () => {} }));
  });
  afterAll(() => run.close());

  const cases = GO_AND_TOWER_CASES.filter((shape) => !shape.unsendable?.includes(adapter.name));
  test.each(cases)('$name', async (shape) => {
    const observed = await run.drive(shape);
    if (shape.expect === 'pass') {
      expect(observed).toMatchObject({ status: 200, handled: true });
    } else {
      expect(observed).toEqual({
        status: 403,
        handled: false,
        corsHeaders: [],
        debug: expect.stringContaining('crossOriginProtection'),
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The cross product, against the rules as the issue states them.

const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'];
const SEC_FETCH_SITES = [undefined, 'same-origin', 'none', 'same-site', 'cross-site', 'nonsense'];
const ORIGINS = [
  undefined,
  APP,
  'https://x.partner.example',
  'https://api.example.com',
  'https://public.example.com',
  'https://evil.example',
  'null',
];
/** A direct request, and one whose Host a proxy rewrote (the public host is api.example.com). */
const HOSTS = ['api.example.com', 'backend.internal:8080'];

interface Setup {
  name: string;
  policy: () => CorsPolicy;
  /** Whether the protection is on, and which hosts count as the server's own besides Host. */
  protected: boolean;
  ownHosts: string[];
}

const SETUPS: Setup[] = [
  { name: 'credentials (on by default)', policy: () => credentialed(), protected: true, ownHosts: [] },
  {
    name: 'behind a proxy, public host listed',
    policy: () => credentialed({ crossOriginProtection: { hosts: ['api.example.com'] } }),
    protected: true,
    ownHosts: ['api.example.com'],
  },
  {
    name: 'no credentials, opted in',
    policy: () => definePolicy({ origins: [APP, 'https://*.partner.example'], crossOriginProtection: true }),
    protected: true,
    ownHosts: [],
  },
  {
    name: 'credentials, opted out',
    policy: () => credentialed({ crossOriginProtection: false }),
    protected: false,
    ownHosts: [],
  },
  {
    name: 'no credentials (off by default)',
    policy: () => definePolicy({ origins: [APP] }),
    protected: false,
    ownHosts: [],
  },
];

/** The rules, one sentence each; true when the handler must run. */
function mayReachHandler(setup: Setup, shape: Shape): boolean {
  if (!setup.protected) return true;
  if (['GET', 'HEAD', 'OPTIONS'].includes(shape.method)) return true;
  if (shape.secFetchSite === 'same-origin' || shape.secFetchSite === 'none') return true;
  const allowed = shape.origin === APP || shape.origin === 'https://x.partner.example';
  if (allowed) return true;
  if (shape.secFetchSite !== undefined) return false;
  if (shape.origin === undefined) return true;
  const ownHosts = [shape.host ?? API_HOST, ...setup.ownHosts];
  return ownHosts.some((host) => shape.origin === `https://${host}` || shape.origin === `http://${host}`);
}

const PRODUCT: Shape[] = METHODS.flatMap((method) =>
  SEC_FETCH_SITES.flatMap((secFetchSite) =>
    ORIGINS.flatMap((origin) =>
      HOSTS.map((host) => {
        const shape: Shape = { method, host };
        if (secFetchSite !== undefined) shape.secFetchSite = secFetchSite;
        if (origin !== undefined) shape.origin = origin;
        return shape;
      }),
    ),
  ),
);

/** Every request any adapter sent in this file, and how many of the refused ones ran the handler. */
const tally = { sent: 0, refused: 0, refusedButHandled: 0 };

describe.each(ADAPTERS)('$name, every combination', (adapter) => {
  test.each(SETUPS)(`${PRODUCT.length} shapes: $name`, async (setup) => {
    const run = await adapter.start(setup.policy());
    try {
      const mismatches: string[] = [];
      for (const shape of PRODUCT) {
        const observed = await run.drive(shape);
        const expected = mayReachHandler(setup, shape);
        tally.sent++;
        if (!expected) tally.refused++;
        if (!expected && observed.handled) tally.refusedButHandled++;
        const ok = expected
          ? observed.handled && observed.status === 200
          : !observed.handled && observed.status === 403 && observed.corsHeaders.length === 0;
        if (!ok) mismatches.push(`${JSON.stringify(shape)} → ${JSON.stringify(observed)}`);
      }
      expect(mismatches).toEqual([]);
    } finally {
      await run.close();
    }
  });
});

afterAll(() => {
  // Visible in the test output: how many shapes were tried, and that no refused one got through.
  console.info(
    `crossOriginProtection: ${tally.sent} requests through ${ADAPTERS.length} adapters, ${tally.refused} to be refused, ${tally.refusedButHandled} reached a handler`,
  );
});

// ---------------------------------------------------------------------------------------------

describe('proxies', () => {
  const forwarded = () =>
    credentialed({ crossOriginProtection: { trustForwardedHost: true }, debug: () => {} });

  test.each(ADAPTERS)('$name: X-Forwarded-Host is ignored unless trusted', async (adapter) => {
    const run = await adapter.start(credentialed());
    try {
      const shape = {
        method: 'POST',
        origin: 'https://evil.example',
        host: 'backend.internal:8080',
        forwardedHost: 'evil.example',
      };
      expect(await run.drive(shape)).toMatchObject({ status: 403, handled: false });
    } finally {
      await run.close();
    }
  });

  test.each(ADAPTERS)('$name: trustForwardedHost takes the first X-Forwarded-Host', async (adapter) => {
    const run = await adapter.start(forwarded());
    try {
      const own = { method: 'POST', origin: 'https://api.example.com', host: 'backend.internal:8080' };
      expect(await run.drive({ ...own, forwardedHost: 'api.example.com, backend.internal' })).toMatchObject({
        status: 200,
        handled: true,
      });
      // Without the header, the real Host still counts; a forwarded host replaces it when present.
      expect(await run.drive({ ...own, origin: 'https://backend.internal:8080' })).toMatchObject({
        status: 200,
      });
      expect(
        await run.drive({
          ...own,
          origin: 'https://backend.internal:8080',
          forwardedHost: 'api.example.com',
        }),
      ).toMatchObject({ status: 403, handled: false });
      // Sec-Fetch-Site still decides first: a forwarded host never turns cross-site into same-origin.
      expect(
        await run.drive({ ...own, secFetchSite: 'cross-site', forwardedHost: 'api.example.com' }),
      ).toMatchObject({ status: 403, handled: false });
    } finally {
      await run.close();
    }
  });
});

describe('per-route policies', () => {
  test.each(ADAPTERS)('$name: each route applies its own policy; null routes none', async (adapter) => {
    const routes = routePolicies({
      '/': credentialed(),
      '/webhooks': definePolicy({ origins: [APP], credentials: true, crossOriginProtection: false }),
      '/raw': null,
    });
    const run = await adapter.start(routes);
    try {
      const attack = { method: 'POST', secFetchSite: 'cross-site', origin: 'https://evil.example' };
      const at = async (path: string) => (await run.drive({ ...attack, path })).handled;
      // msw's handler serves only */items: there, every path is /items under a prefix.
      expect(await at('/items')).toBe(false);
      expect(await at('/webhooks/items')).toBe(true);
      expect(await at('/raw/items')).toBe(true);
    } finally {
      await run.close();
    }
  });
});

describe('debug', () => {
  test('the refusal names the rule and is reported with kind cross-origin', async () => {
    const refusals: CorsRefusal[] = [];
    const handler = withCors(
      credentialed({ debug: (refusal) => refusals.push(refusal) }),
      () => new Response('ok'),
    );
    const response = await handler(
      new Request('https://api.example.com/items', {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      }),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('Cross-origin request refused.\n');
    expect(response.headers.get('x-corskit-debug')).toBe(
      'crossOriginProtection: POST with Sec-Fetch-Site: cross-site from an origin the policy does not allow.',
    );
    expect(refusals).toEqual([
      {
        kind: 'cross-origin',
        origin: 'https://evil.example',
        reason: response.headers.get('x-corskit-debug'),
      },
    ]);
    const fallback = await handler(
      new Request('https://api.example.com/items', {
        method: 'PUT',
        headers: { origin: 'https://evil.example' },
      }),
    );
    expect(fallback.headers.get('x-corskit-debug')).toBe(
      'crossOriginProtection: PUT without Sec-Fetch-Site; its Origin is not allowed and not Host api.example.com.',
    );
  });

  test('without debug, the refusal says nothing about the policy', async () => {
    const handler = withCors(credentialed(), () => new Response('ok'));
    const response = await handler(
      new Request('https://api.example.com/items', {
        method: 'POST',
        headers: { 'sec-fetch-site': 'cross-site' },
      }),
    );
    expect(response.status).toBe(403);
    expect([...response.headers.keys()].sort()).toEqual(['content-length', 'content-type']);
  });

  test('hostile values are cut in the reason', async () => {
    const refusals: CorsRefusal[] = [];
    const handler = withCors(credentialed({ debug: (r) => refusals.push(r) }), () => new Response('ok'));
    await handler(
      new Request('https://api.example.com/items', {
        method: 'POST',
        headers: { origin: `https://${'a'.repeat(100_000)}.example`, 'sec-fetch-site': 'x'.repeat(10_000) },
      }),
    );
    expect(refusals[0]!.reason.length).toBeLessThan(400);
    expect(refusals[0]!.origin.length).toBeLessThan(200);
  });
});

describe('validation', () => {
  const problemsOf = (config: unknown) => {
    try {
      definePolicy(config as PolicyConfig);
    } catch (error) {
      if (error instanceof PolicyError) return error.problems;
      throw error;
    }
    return [];
  };

  test.each([
    ['a string', 'on', /crossOriginProtection: "on" is not true, false or/],
    ['a number', 1, /crossOriginProtection: 1 is not/],
    ['null', null, /crossOriginProtection: null is not/],
    ['an array', ['https://app.example.com'], /is not true, false or/],
    ['an unknown option', { trustedOrigins: [APP] }, /unknown option "trustedOrigins"/],
    ['hosts not a list', { hosts: 'api.example.com' }, /hosts: "api.example.com" is not a list/],
    [
      'an origin in hosts',
      { hosts: ['https://api.example.com'] },
      /is an origin; write the host alone.*"api.example.com"/,
    ],
    ['an uppercase host', { hosts: ['API.example.com'] }, /write "api.example.com"/],
    ['a host with a path', { hosts: ['api.example.com/'] }, /write "api.example.com"/],
    ['a wildcard host', { hosts: ['*.example.com'] }, /hosts are exact/],
    ['an empty host', { hosts: [''] }, /"" is not a host\[:port\]/],
    ['a host that is not a string', { hosts: [42] }, /42 is not a string/],
    [
      'trustForwardedHost not a boolean',
      { trustForwardedHost: 'yes' },
      /trustForwardedHost: "yes" is not true or false/,
    ],
  ])('refuses %s', (_name, value, message) => {
    const problems = problemsOf({ origins: [APP], credentials: true, crossOriginProtection: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  test('refuses protection with origins: * (it could refuse nothing)', () => {
    expect(problemsOf({ origins: '*', crossOriginProtection: true })).toEqual([
      expect.stringMatching(/with origins: '\*' would refuse nothing/),
    ]);
  });

  test('with origins: * and credentials (dangerously), the default is off, not a silent no-op check', () => {
    const policy = definePolicy({
      origins: '*',
      credentials: true,
      dangerouslyAllowCredentialsWithAnyOrigin: true,
    });
    expect(policy.config).not.toHaveProperty('crossOriginProtection');
  });

  test('reports protection problems together with the others', () => {
    const problems = problemsOf({
      origins: ['https://app.example.com/'],
      crossOriginProtection: 'yes',
      methods: ['put'],
    });
    expect(problems).toHaveLength(3);
  });

  test('points other libraries names at ours', () => {
    expect(problemsOf({ origins: [APP], csrf: true })).toEqual([
      'Unknown option "csrf"; did you mean crossOriginProtection?',
    ]);
  });

  test('policy.config keeps the options as given, frozen', () => {
    const hosts = ['api.example.com'];
    const policy = definePolicy({ origins: [APP], crossOriginProtection: { hosts } });
    hosts.push('evil.example');
    expect(policy.config.crossOriginProtection).toEqual({ hosts: ['api.example.com'] });
    expect(Object.isFrozen(policy.config.crossOriginProtection)).toBe(true);
  });

  test('accepts the documented forms', () => {
    for (const value of [
      true,
      false,
      {},
      { hosts: ['api.example.com', 'api.example.com:8443', '[::1]:3000'] },
      { trustForwardedHost: false },
    ]) {
      expect(problemsOf({ origins: [APP], crossOriginProtection: value })).toEqual([]);
    }
  });
});

describe('CORS headers an earlier middleware set', () => {
  // What a permissive layer registered before the policy puts on every response.
  const EARLIER = { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' };
  const attack = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };

  test('are not on a refused write (Express)', async () => {
    let handled = false;
    const app = express();
    app.use((_request, response, next) => {
      for (const [name, value] of Object.entries(EARLIER)) response.setHeader(name, value);
      next();
    });
    app.use(corsMiddleware(credentialed()));
    app.use((_request, response) => {
      handled = true;
      response.send('ok');
    });
    const loopback = await serveOnLoopback(app);
    try {
      const answer = await rawRequest(`${loopback.url}/items`, 'POST', attack);
      expect(answer.status).toBe(403);
      expect(corsNames(Object.keys(answer.headers))).toEqual([]);
      expect(handled).toBe(false);
    } finally {
      await loopback.close();
    }
  });

  test('are not on a refused write (Hono)', async () => {
    let handled = false;
    const app = new Hono();
    app.use(async (c, next) => {
      for (const [name, value] of Object.entries(EARLIER)) c.header(name, value);
      await next();
    });
    app.use(honoCors(credentialed()));
    app.post('*', (c) => {
      handled = true;
      return c.text('ok');
    });
    const response = await app.fetch(
      new Request(`https://${API_HOST}/items`, { method: 'POST', headers: attack }),
    );
    expect(response.status).toBe(403);
    expect(corsNames(response.headers.keys())).toEqual([]);
    expect(handled).toBe(false);
  });
});
