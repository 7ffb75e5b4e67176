// The policy served by msw and called through createCorsFetch, per engine: the way an application's
// own tests catch CORS mistakes before a browser does. Plain msw (or Node's fetch) would let every
// one of the refused calls below through.
import { CorsError, createCorsFetch, ENGINES, type Engine } from '@corskit/core';
import { DECODED_CONTENT_LENGTH_HEADER, definePolicy, progressPreset, routePolicies } from '@corskit/server';
import { withCorsHandlers } from '@corskit/server/msw';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

const APP = 'https://app.example.com';
const API = 'https://api.example.com';

const policy = definePolicy({
  origins: [APP, 'https://*.staging.example.com'],
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['content-type', 'authorization'],
  exposeHeaders: ['X-Request-Id'],
  credentials: true,
  maxAge: 600,
});

const publicPolicy = definePolicy({ ...progressPreset, origins: '*' });

// Without credentials: Firefox never reuses a preflight answer that carries
// Access-Control-Allow-Credentials (measured, see test/server-browser.test.ts), so cache tests use this.
const uncredentialedPolicy = definePolicy({
  origins: [APP],
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['content-type'],
  maxAge: 600,
});

const apiHandlers = [
  http.get(`${API}/items`, () =>
    HttpResponse.json([{ id: 1 }], { headers: { 'X-Request-Id': 'r-1', 'X-Internal-Trace': 'secret' } }),
  ),
  http.put(`${API}/items/:id`, async ({ request, params }) =>
    HttpResponse.json({ id: params['id'], ...((await request.json()) as object) }),
  ),
  http.delete(`${API}/items/:id`, () => new HttpResponse(null, { status: 204 })),
  http.put(`${API}/cached/:id`, () => HttpResponse.json({})),
  http.delete(`${API}/cached/:id`, () => new HttpResponse(null, { status: 204 })),
  http.get(`${API}/public/file`, () =>
    HttpResponse.text('zipped', {
      headers: { 'Content-Encoding': 'gzip', [DECODED_CONTENT_LENGTH_HEADER]: '6000', 'X-Other': 'hidden' },
    }),
  ),
];

const server = setupServer(
  ...withCorsHandlers(
    routePolicies({ '/public': publicPolicy, '/cached': uncredentialedPolicy, '/': policy }),
    apiHandlers,
  ),
);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A page on `origin` in `engine`, with a clock the test moves and a log of what went on the wire. */
function page(engine: Engine, origin = APP) {
  const clock = { now: 1_000_000 };
  const wire: string[] = [];
  const fetch = createCorsFetch({
    origin,
    engine,
    now: () => clock.now,
    fetch: (request) => {
      wire.push(`${request.method} ${new URL(request.url).pathname}`);
      return globalThis.fetch(request, { redirect: 'manual' });
    },
  });
  return { fetch, clock, wire, preflights: () => wire.filter((line) => line.startsWith('OPTIONS')).length };
}

const jsonPut = (body: object, extra: RequestInit = {}): RequestInit => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
  credentials: 'include',
  ...extra,
});

async function corsErrorOf(promise: Promise<unknown>): Promise<CorsError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CorsError);
  return error as CorsError;
}

describe.each(ENGINES)('%s', (engine) => {
  test('a simple GET from an allowed origin is readable; only exposed headers are', async () => {
    const { fetch, preflights } = page(engine);
    const response = await fetch(`${API}/items`, { credentials: 'include' });
    expect(response.type).toBe('cors');
    expect(await response.json()).toEqual([{ id: 1 }]);
    expect(response.headers.get('x-request-id')).toBe('r-1');
    expect(response.headers.get('x-internal-trace')).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(preflights()).toBe(0);
  });

  test('a credentialed JSON PUT is preflighted and allowed', async () => {
    const { fetch, wire } = page(engine);
    const response = await fetch(`${API}/items/7`, jsonPut({ name: 'ada' }));
    expect(await response.json()).toEqual({ id: '7', name: 'ada' });
    expect(wire).toEqual(['OPTIONS /items/7', 'PUT /items/7']);
  });

  test('a subdomain-wildcard origin is allowed, its apex is not', async () => {
    const staging = page(engine, 'https://pr-42.staging.example.com');
    expect((await staging.fetch(`${API}/items/1`, jsonPut({}))).status).toBe(200);
    const apex = page(engine, 'https://staging.example.com');
    const error = await corsErrorOf(apex.fetch(`${API}/items/1`, jsonPut({})));
    expect(error.stage).toBe('preflight');
  });

  test('another origin cannot read even a simple GET', async () => {
    const { fetch } = page(engine, 'https://evil.example');
    const error = await corsErrorOf(fetch(`${API}/items`, { credentials: 'include' }));
    expect(error.code).toBe('allow-origin-missing');
    expect(error.stage).toBe('response');
  });

  test('another origin cannot get a PUT through: the preflight is refused and the PUT never sent', async () => {
    const { fetch, wire } = page(engine, 'https://evil.example');
    const error = await corsErrorOf(fetch(`${API}/items/7`, jsonPut({ name: 'mallory' })));
    expect(error.stage).toBe('preflight');
    expect(wire).toEqual(['OPTIONS /items/7']);
  });

  test('a method or a header the policy does not list is refused at the preflight', async () => {
    const { fetch, wire } = page(engine);
    await corsErrorOf(fetch(`${API}/items/7`, jsonPut({}, { method: 'PATCH' })));
    await corsErrorOf(
      fetch(
        `${API}/items/7`,
        jsonPut({}, { headers: { 'content-type': 'application/json', 'x-debug': '1' } }),
      ),
    );
    expect(wire).toEqual(['OPTIONS /items/7', 'OPTIONS /items/7']);
  });

  test('preflight answers are cached for max-age (600 s), then asked again', async () => {
    const { fetch, clock, preflights } = page(engine);
    const put = () => fetch(`${API}/cached/1`, jsonPut({}, { credentials: 'same-origin' }));
    await put();
    expect(preflights()).toBe(1);
    clock.now += 599_000;
    await put();
    expect(preflights()).toBe(1);
    clock.now += 2_000;
    await put();
    expect(preflights()).toBe(2);
  });

  test("the cache follows the engine's model: one entry per URL (Chromium, WebKit) or per method (spec, Firefox)", async () => {
    const { fetch, preflights } = page(engine);
    const put = () => fetch(`${API}/cached/1`, jsonPut({}, { credentials: 'same-origin' }));
    await put();
    await fetch(`${API}/cached/1`, { method: 'DELETE' });
    expect(preflights()).toBe(2); // The answer names only the method asked for.
    await put();
    const perUrl = engine === 'chromium' || engine === 'webkit';
    expect(preflights()).toBe(perUrl ? 3 : 2);
  });

  test('credentials: a policy with credentials lets credentialed calls read; a public policy does not', async () => {
    const { fetch } = page(engine);
    expect((await fetch(`${API}/items`, { credentials: 'include' })).status).toBe(200);
    const publicCall = await fetch(`${API}/public/file`);
    expect(publicCall.status).toBe(200);
    const error = await corsErrorOf(fetch(`${API}/public/file`, { credentials: 'include' }));
    expect(error.code).toBe('allow-origin-wildcard-with-credentials');
  });

  test('the progress preset makes Content-Encoding and the decoded length readable', async () => {
    const { fetch } = page(engine, 'https://anyone.example');
    const response = await fetch(`${API}/public/file`);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get(DECODED_CONTENT_LENGTH_HEADER)).toBe('6000');
    expect(response.headers.get('x-other')).toBeNull();
  });

  test('overrides wrapped the same way speak CORS too', async () => {
    server.use(
      ...withCorsHandlers(policy, [http.get(`${API}/items`, () => HttpResponse.json([], { status: 503 }))]),
    );
    const { fetch } = page(engine);
    const response = await fetch(`${API}/items`, { credentials: 'include' });
    expect(response.status).toBe(503);
  });
});

describe('msw wrapper details', () => {
  test('an unwrapped override gets no CORS headers, and createCorsFetch catches it', async () => {
    server.use(http.get(`${API}/items`, () => HttpResponse.json([])));
    const { fetch } = page('spec');
    const error = await corsErrorOf(fetch(`${API}/items`));
    expect(error.code).toBe('allow-origin-missing');
  });

  test('preflights to URLs no handler serves stay unhandled (msw reports them)', async () => {
    const handlers = withCorsHandlers(policy, apiHandlers);
    const preflight = new Request(`${API}/nowhere`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PUT' },
    });
    const served = new Request(`${API}/items/3`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PUT' },
    });
    const { getResponse } = await import('msw');
    expect(await getResponse(handlers, preflight)).toBeUndefined();
    expect((await getResponse(handlers, served))?.status).toBe(204);
    const all = withCorsHandlers(policy, apiHandlers, { preflights: 'all' });
    expect((await getResponse(all, preflight))?.status).toBe(204);
  });

  test('requests no handler serves stay unhandled', async () => {
    const { getResponse } = await import('msw');
    const handlers = withCorsHandlers(policy, apiHandlers);
    expect(
      await getResponse(handlers, new Request(`${API}/nowhere`, { headers: { origin: APP } })),
    ).toBeUndefined();
  });
});
