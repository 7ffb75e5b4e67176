// Origins an attacker can make a browser (or a raw client) send, against the classic allowlist
// `https://example.com` + `https://*.example.com` with credentials. None may be accepted, through
// any entry point: the matcher, the Fetch handler, the Node adapter and the Hono adapter.
import { definePolicy, withCors } from '@corskit/server';
import { corsPlugin } from '@corskit/server/fastify';
import { corsMiddleware as honoCors } from '@corskit/server/hono';
import { corsMiddleware as koaCors } from '@corskit/server/koa';
import { withCorsListener } from '@corskit/server/node';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LoopbackServer, rawRequest, requestOrNull, serveOnLoopback } from './helpers.js';

const policy = definePolicy({
  origins: ['https://example.com', 'https://*.example.com'],
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['content-type', 'authorization'],
  credentials: true,
});

const ALLOWED = [
  'https://example.com',
  'https://app.example.com',
  'https://a.b.c.example.com',
  'https://x-1.example.com',
];

export const ATTACK_ORIGINS: Record<string, string[]> = {
  reflection: ['https://evil.com', 'https://attacker.example', 'https://example.org', 'https://com'],
  null: ['null', 'NULL', 'Null', ''],
  prefix: [
    'https://example.com.evil.com',
    'https://example.com.evil',
    'https://example.comevil.com',
    'https://app.example.com.evil.com',
    'https://example.com-evil.com',
    'https://example.co',
    'https://example.c',
  ],
  suffix: [
    'https://evilexample.com',
    'https://evil-example.com',
    'https://notexample.com',
    'https://evil.com/example.com',
    'https://evil.com?.example.com',
    'https://evil.com#.example.com',
    'https://evil.com/.example.com',
    'https://evil.com\\.example.com',
    'https://xexample.com',
  ],
  'unescaped dot': [
    'https://exampleXcom',
    'https://example-com',
    'https://app.exampleXcom',
    'https://appXexample.com',
    'https://example_com',
    'https://wwwexample.com',
  ],
  'http downgrade': [
    'http://example.com',
    'http://app.example.com',
    'ws://example.com',
    'wss://app.example.com',
  ],
  'other ports': [
    'https://example.com:8443',
    'https://app.example.com:444',
    'https://example.com:443',
    'https://app.example.com:443',
    'https://example.com:0443',
    'https://example.com:80',
    'https://example.com:',
    'https://app.example.com:65536',
    'https://app.example.com:-1',
    'https://app.example.com:+443',
    'https://app.example.com:1e3',
  ],
  case: [
    'https://EXAMPLE.com',
    'HTTPS://example.com',
    'Https://example.com',
    'https://App.example.com',
    'https://app.EXAMPLE.COM',
    'https://app.example.Com',
  ],
  'trailing dots': [
    'https://example.com.',
    'https://app.example.com.',
    'https://app.example.com..',
    'https://example.com./',
    'https://.example.com',
    'https://..example.com',
    'https://app..example.com',
  ],
  userinfo: [
    'https://example.com@evil.com',
    'https://evil.com@example.com',
    'https://user@app.example.com',
    'https://user:pass@example.com',
    'https://evil.com%40example.com',
    'https://evil.com:@app.example.com',
  ],
  'special characters': [
    'https://example.com%60evil.com',
    'https://example.com`.evil.com',
    "https://example.com'.evil.com",
    'https://example.com&.evil.com',
    'https://example.com_.evil.com',
    'https://example.com!.evil.com',
    'https://example.com$.evil.com',
    'https://example.com=.evil.com',
    'https://example.com;.evil.com',
    'https://example.com,.evil.com',
    'https://example.com+.evil.com',
    'https://example.com{.evil.com',
    'https://example.com}.evil.com',
    'https://example.com~.evil.com',
    'https://example.com|.evil.com',
    'https://example.com/',
    'https://app.example.com/',
    'https://example.com/path',
    'https://example.com?',
    'https://example.com#',
    'https://*.example.com',
    'https://%2a.example.com',
    'https://%61pp.example.com',
    'https://app%2eexample.com',
    'https://app.example%2ecom',
    'https://evil.com%00.example.com',
    'https://evil.com\u0000.example.com',
    'https://app.example.com\r\nX-Injected: 1',
    'https://app.example.com\t',
    ' https://example.com',
    'https://example.com ',
    'https://exa mple.com',
    'https://example.com, https://evil.com',
    'https://evil.com, https://example.com',
    'https://example.com https://evil.com',
    'https://[::1]',
    'https://[::1].example.com',
    'https://93.184.216.34',
    'https:example.com',
    'https:/example.com',
    'https:///example.com',
    '//example.com',
    'example.com',
    'app.example.com',
    'file://example.com',
    'javascript://example.com',
    'data:text/html,https://example.com',
  ],
  'lookalike unicode': [
    'https://exаmple.com', // Cyrillic а
    'https://app.exаmple.com',
    'https://еxample.com', // Cyrillic е
    'https://ｅxample.com', // fullwidth e
    'https://app．example.com', // fullwidth full stop
    'https://app。example.com', // ideographic full stop, which URL parsers turn into "."
    'https://app｡example.com', // halfwidth ideographic full stop
    'https://example.com\u200b',
    'https://app\u200b.example.com',
    'https://exa\u00admple.com', // soft hyphen, which URL parsers drop
    'https://app.example.com\u0130',
    'https://ß.example.com',
    'https://exÐ°mple.com', // UTF-8 bytes read as Latin-1, as a raw HTTP header would arrive
  ],
  punycode: [
    'https://xn--exmple-cua.com', // exámple.com
    'https://xn--xample-2of.com', // еxample.com (Cyrillic е)
    'https://app.xn--exmple-cua.com',
    'https://xn--example-.com',
    'https://xn--80ak6aa92e.com',
    'https://example.xn--com-',
  ],
  oversized: [
    `https://${'a.'.repeat(50_000)}example.com`,
    `https://${'a'.repeat(100_000)}.example.com`,
    `https://app.example.com:${'1'.repeat(100_000)}`,
  ],
};

const corpus = Object.entries(ATTACK_ORIGINS).flatMap(([family, origins]) =>
  origins.map((origin) => ({ family, origin })),
);

/**
 * HTTP strips leading and trailing whitespace from header values, so `" https://example.com"`
 * reaches a server as the allowed `https://example.com`. Over a transport, only the rest of the
 * corpus is an attack; the matcher itself refuses the padded forms too (first test below).
 */
const overTheWire = corpus.filter(({ origin }) => !/^[ \t\r\n]|[ \t\r\n]$/.test(origin));

test('the corpus is large and covers every family', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(130);
  expect(Object.keys(ATTACK_ORIGINS)).toHaveLength(14);
});

test('the allowlist itself works (so the refusals below mean something)', () => {
  for (const origin of ALLOWED) expect(policy.allowsOrigin(origin), origin).toBe(true);
});

describe('zero attack origins accepted', () => {
  test('by policy.allowsOrigin', () => {
    const accepted = corpus.filter(({ origin }) => policy.allowsOrigin(origin));
    expect(accepted).toEqual([]);
  });

  const api = withCors(
    policy,
    () => new Response('secret', { headers: { 'access-control-allow-origin': '*' } }),
  );

  test('by the Fetch handler: no Access-Control-Allow-Origin on actual responses, preflights refused', async () => {
    const accepted: string[] = [];
    let sent = 0;
    for (const { origin } of overTheWire) {
      const actual = requestOrNull('https://api.example.com/data', { headers: { origin } });
      const preflight = requestOrNull('https://api.example.com/data', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT' },
      });
      if (actual === null || preflight === null) continue; // The Fetch API cannot even carry this value.
      sent++;
      const response = await api(actual);
      const answer = await api(preflight);
      if (response.headers.has('access-control-allow-origin') || answer.status !== 403) accepted.push(origin);
      if (answer.headers.has('access-control-allow-origin')) accepted.push(origin);
    }
    expect(sent).toBeGreaterThan(100);
    expect(accepted).toEqual([]);
  });

  test('by the Hono middleware', async () => {
    const app = new Hono();
    app.use(honoCors(policy));
    app.all('/data', (c) => c.text('secret'));
    const accepted: string[] = [];
    for (const { origin } of overTheWire) {
      const actual = requestOrNull('https://api.example.com/data', { headers: { origin } });
      if (actual === null) continue;
      const response = await app.request(actual);
      if (response.headers.has('access-control-allow-origin')) accepted.push(origin);
    }
    expect(accepted).toEqual([]);
  });

  // Each handler sets Access-Control-Allow-Origin: * itself; the adapter must overrule it.
  const servers: Record<string, () => Promise<LoopbackServer>> = {
    'the Node adapter': () =>
      serveOnLoopback(
        withCorsListener(policy, (_request, response) => {
          response.setHeader('access-control-allow-origin', '*');
          response.end('secret');
        }),
      ),
    'the Fastify plugin': async () => {
      const app = Fastify();
      await app.register(corsPlugin, { policy });
      app.get('/data', async (_request, reply) =>
        reply.header('access-control-allow-origin', '*').send('secret'),
      );
      await app.ready();
      return serveOnLoopback((request, response) => app.routing(request, response));
    },
    'the Koa middleware': async () => {
      const app = new Koa();
      app.use(koaCors(policy));
      app.use((ctx) => {
        ctx.set('access-control-allow-origin', '*');
        ctx.body = 'secret';
      });
      return serveOnLoopback(app.callback());
    },
  };

  describe.each(Object.entries(servers))('by %s, over a real loopback connection', (_name, start) => {
    let server: LoopbackServer;
    beforeAll(async () => {
      server = await start();
    });
    afterAll(() => server.close());

    test('no origin accepted', async () => {
      const accepted: string[] = [];
      let sent = 0;
      for (const { origin } of overTheWire) {
        let actual: Awaited<ReturnType<typeof rawRequest>>;
        let preflight: Awaited<ReturnType<typeof rawRequest>>;
        try {
          actual = await rawRequest(`${server.url}/data`, 'GET', { origin });
          preflight = await rawRequest(`${server.url}/data`, 'OPTIONS', {
            origin,
            'access-control-request-method': 'PUT',
          });
        } catch {
          continue; // Node will not put this value on the wire.
        }
        sent++;
        if (actual.headers['access-control-allow-origin'] !== undefined) accepted.push(origin);
        if (preflight.status !== 403 || preflight.headers['access-control-allow-origin'] !== undefined) {
          accepted.push(origin);
        }
      }
      expect(sent).toBeGreaterThan(100);
      expect(accepted).toEqual([]);
    });

    test('the same server does accept the allowed origins', async () => {
      for (const origin of ALLOWED) {
        const actual = await rawRequest(`${server.url}/data`, 'GET', { origin });
        expect(actual.headers['access-control-allow-origin']).toBe(origin);
        expect(actual.headers['access-control-allow-credentials']).toBe('true');
      }
    });
  });
});
