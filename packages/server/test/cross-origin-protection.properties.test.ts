// Property tests of crossOriginProtection: whatever else a request carries, an unsafe request from
// an origin the policy does not allow never reaches the handler when the browser marks it
// cross-site, nor, without Sec-Fetch-Site, when its Origin is not the request's own host.
import { definePolicy, withCors } from '@corskit/server';
import { corsMiddleware as honoCors } from '@corskit/server/hono';
import { withCorsListener } from '@corskit/server/node';
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LoopbackServer, rawRequest, requestOrNull, serveOnLoopback } from './helpers.js';

const RUNS = { numRuns: 300 };

const policy = definePolicy({
  origins: ['https://app.example.com', 'https://*.partner.example', 'http://localhost:*'],
  methods: ['*'],
  requestHeaders: '*',
  credentials: true,
});

let handled = 0;
const fetchHandler = withCors(policy, () => {
  handled++;
  return new Response('ok');
});
const hono = new Hono();
hono.use(honoCors(policy));
hono.all('*', (c) => {
  handled++;
  return c.text('ok');
});
let node: LoopbackServer;
beforeAll(async () => {
  node = await serveOnLoopback(
    withCorsListener(policy, (_request, response) => {
      handled++;
      response.end('ok');
    }),
  );
});
afterAll(() => node.close());

const tokenChar = fc.constantFrom(
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~",
);
const token = fc.string({ unit: tokenChar, minLength: 1, maxLength: 12 });
/** Any method but the safe three (fetch() and Node's client uppercase `get`, so no case of them). */
const unsafeMethod = fc.oneof(
  fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'post', 'patch', 'PROPFIND'),
  token.filter(
    (method) => !['GET', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'TRACK'].includes(method.toUpperCase()),
  ),
);
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?$/);
const host = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('example', 'com', 'partner.example', 'localhost'),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const withPort = (name: string, p: number | undefined) => (p === undefined ? name : `${name}:${p}`);
/** Origins, well-formed or not; the property keeps only those the policy refuses. */
const origin = fc.oneof(
  fc
    .tuple(fc.constantFrom('https', 'http'), host, port)
    .map(([scheme, name, p]) => `${scheme}://${withPort(name, p)}`),
  fc.constantFrom(
    'null',
    'https://partner.example',
    'http://app.example.com',
    'https://app.example.com.',
    'HTTPS://APP.EXAMPLE.COM',
  ),
  fc.string({ maxLength: 40 }),
);
// Header values lose surrounding whitespace on the way (Headers and Node's parser both trim).
const notAllowedOrigin = origin.filter((value) => !policy.allowsOrigin(value.trim()));
/** Any other headers a request might carry (never Origin, Sec-Fetch-Site, Host or X-Forwarded-Host). */
const extraHeaders = fc.dictionary(
  token.filter(
    (name) => !['origin', 'sec-fetch-site', 'host', 'x-forwarded-host'].includes(name.toLowerCase()),
  ),
  fc.string({ unit: fc.constantFrom(...'abc XYZ019,;=/:*'), maxLength: 20 }),
  { maxKeys: 4 },
);
const path = fc.constantFrom('/', '/items', '/api/items?x=1', '/a/../b', '/%2e%2e/admin');
const requestHost = fc.tuple(host, port).map(([name, p]) => withPort(name, p));

interface Attack {
  method: string;
  origin: string;
  headers: Record<string, string>;
  path: string;
  host: string;
}

/** Sends `attack` through each adapter that can carry it; returns the statuses our code answered. */
async function throughEveryAdapter(attack: Attack, secFetchSite: string | null): Promise<number[]> {
  const headers: Record<string, string> = { ...attack.headers, origin: attack.origin };
  if (secFetchSite !== null) headers['sec-fetch-site'] = secFetchSite;
  const statuses: number[] = [];
  const url = `https://${attack.host}${attack.path}`;
  for (const serve of [fetchHandler, (request: Request) => hono.fetch(request)]) {
    const request = requestOrNull(url, { method: attack.method, headers });
    if (request !== null) statuses.push((await serve(request)).status);
  }
  const sent = await rawRequest(`${node.url}${attack.path}`, attack.method, {
    ...headers,
    host: attack.host,
  }).catch(() => null);
  // Node's HTTP parser answers 400 itself to methods it does not know: our code never sees those.
  if (sent !== null && sent.status !== 400) statuses.push(sent.status);
  return statuses;
}

describe('crossOriginProtection properties', () => {
  test('an unsafe request marked cross-site or same-site from an origin not allowed never reaches the handler', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: unsafeMethod,
          origin: notAllowedOrigin,
          headers: extraHeaders,
          path,
          host: requestHost,
        }),
        fc.constantFrom('cross-site', 'same-site'),
        async (attack, site) => {
          const before = handled;
          const statuses = await throughEveryAdapter(attack, site);
          sent += statuses.length;
          expect(statuses.filter((status) => status !== 403)).toEqual([]);
          expect(handled - before).toBe(0);
        },
      ),
      RUNS,
    );
    expect(sent).toBeGreaterThan(RUNS.numRuns * 2);
  });

  test('without Sec-Fetch-Site, an Origin neither allowed nor naming the Host never reaches the handler', async () => {
    handled = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .record({
            method: unsafeMethod,
            origin: notAllowedOrigin,
            headers: extraHeaders,
            path,
            host: requestHost,
          })
          .filter(({ origin: o, host: h }) => !['', `https://${h}`, `http://${h}`].includes(o.trim())),
        async (attack) => {
          const before = handled;
          const statuses = await throughEveryAdapter(attack, null);
          expect(statuses.filter((status) => status !== 403)).toEqual([]);
          expect(handled - before).toBe(0);
        },
      ),
      RUNS,
    );
  });

  test('the same requests from an allowed origin do reach it (the properties above can fail)', async () => {
    const before = handled;
    const statuses = await throughEveryAdapter(
      {
        method: 'POST',
        origin: 'https://app.example.com',
        headers: {},
        path: '/items',
        host: 'api.example.com',
      },
      'cross-site',
    );
    expect(statuses).toEqual([200, 200, 200]);
    expect(handled - before).toBe(3);
  });
});
