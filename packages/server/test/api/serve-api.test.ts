import { defineApi } from '@corskit/contract';
import { CorsError, createCorsFetch, ENGINES } from '@corskit/core';
import { apiPolicies, serveApi } from '@corskit/server';
import { describe, expect, test, vi } from 'vitest';
import { APP, api, BASE, itemsHandlers } from './fixture.js';

function setup() {
  const state = itemsHandlers();
  const onError = vi.fn();
  const handler = serveApi(api, state.handlers, { onError });
  return { ...state, handler, onError };
}

const preflight = (path: string, method: string, headers?: string, origin = APP) =>
  new Request(BASE + path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
    },
  });

describe('routing and handlers', () => {
  test('routes by method and path template, with validated, converted input', async () => {
    const { handler } = setup();
    const list = await handler(new Request(`${BASE}/items?done=false&limit=5`, { headers: { origin: APP } }));
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual([{ id: 1, title: 'milk', done: false }]);
    expect(list.headers.get('x-total-count')).toBe('1');
    expect(list.headers.get('access-control-allow-origin')).toBe(APP);
    expect(list.headers.get('access-control-expose-headers')).toBe('x-total-count');
    expect(list.headers.get('vary')).toBe('Origin');

    const update = await handler(
      new Request(`${BASE}/items/1`, {
        method: 'PATCH',
        headers: { origin: APP, 'x-api-key': 'secret', 'content-type': 'application/json' },
        body: JSON.stringify({ done: true }),
      }),
    );
    expect(update.status).toBe(200);
    expect(await update.json()).toEqual({ id: 1, title: 'milk', done: true });
    expect(update.headers.get('etag')).toBe('"1-true"');
    expect(update.headers.get('access-control-expose-headers')).toBe('etag');
  });

  test('a text/plain body, a 204 without body, HEAD served by the GET route', async () => {
    const { handler, calls } = setup();
    const note = await handler(
      new Request(`${BASE}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
      }),
    );
    expect(note.status).toBe(204);
    expect(await note.text()).toBe('');
    const head = await handler(new Request(`${BASE}/items/1`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(calls).toEqual(['sendNote', 'getItem']);
  });

  test('a 404 for no route and a 405 for a method not served, both readable by the allowed origin', async () => {
    const { handler } = setup();
    const missing = await handler(new Request(`${BASE}/nope`, { headers: { origin: APP } }));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe(APP);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });
    const wrong = await handler(new Request(`${BASE}/items`, { method: 'DELETE', headers: { origin: APP } }));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(wrong.headers.get('access-control-allow-origin')).toBe(APP);
    // Trailing slashes, empty and dot segments match nothing.
    for (const path of ['/items/', '/items//1', '/items/1/x']) {
      expect((await handler(new Request(BASE + path))).status).toBe(404);
    }
  });

  test('a handler that throws gives a 500 that still carries the CORS headers', async () => {
    const { handler, onError } = setup();
    const response = await handler(new Request(`${BASE}/explode`, { headers: { origin: APP } }));
    expect(response.status).toBe(500);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(await response.json()).toEqual({ error: 'internal', message: 'The handler failed.' });
    expect(onError).toHaveBeenCalledOnce();
    expect(String(onError.mock.calls[0]![0])).toContain('boom');
  });

  test('an undeclared status from an untyped handler is a 500, not a silent answer', async () => {
    const { handlers } = itemsHandlers();
    const onError = vi.fn();
    const handler = serveApi(api, { ...handlers, me: () => ({ status: 418 }) } as never, { onError });
    expect((await handler(new Request(`${BASE}/me`))).status).toBe(500);
    expect(String(onError.mock.calls[0]![0])).toContain('status 418, which the contract does not declare');
  });

  test('every route needs a handler, and the argument must be a contract', () => {
    const { handlers } = itemsHandlers();
    const { me: _me, explode: _explode, ...partial } = handlers;
    expect(() => serveApi(api, partial as never)).toThrow('serveApi: no handler for the routes me, explode.');
    expect(() => serveApi({} as never, {} as never)).toThrow('Expected a contract made by defineApi()');
  });
});

describe('validation: 400 naming every failing field, and the handler never runs', () => {
  test('params, query, headers and body at once', async () => {
    const { handler, calls } = setup();
    const response = await handler(
      new Request(`${BASE}/items/abc?x=1`, {
        method: 'PATCH',
        headers: { origin: APP, 'x-api-key': 'k', 'content-type': 'application/json' },
        body: JSON.stringify({ done: 'yes' }),
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    const body = await response.json();
    expect(body.error).toBe('invalid-request');
    expect(
      body.issues.map((issue: { location: string; path: string[] }) => [issue.location, issue.path]),
    ).toEqual([
      ['params', ['id']],
      ['headers', ['x-api-key']],
      ['body', ['done']],
    ]);
    expect(calls).toEqual([]);
  });

  test('query fields', async () => {
    const { handler, calls } = setup();
    const response = await handler(new Request(`${BASE}/items?done=maybe&limit=-1`));
    expect(response.status).toBe(400);
    const { issues } = await response.json();
    expect(issues.map((issue: { path: string[] }) => issue.path[0])).toEqual(['done', 'limit']);
    expect(calls).toEqual([]);
  });

  test('a malformed body, a missing body, a wrong media type, bad percent-encoding', async () => {
    const { handler, calls } = setup();
    const post = (body: BodyInit | null, type?: string) =>
      handler(
        new Request(`${BASE}/items`, {
          method: 'POST',
          ...(type === undefined ? {} : { headers: { 'content-type': type } }),
          body,
        }),
      );
    const malformed = await post('{"title":', 'application/json');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).issues).toEqual([
      { location: 'body', path: [], message: 'the body is not valid application/json.' },
    ]);
    const missing = await post(null);
    expect(missing.status).toBe(400);
    const wrongType = await post('title=x', 'application/x-www-form-urlencoded');
    expect((await wrongType.json()).issues[0].message).toBe(
      'expected Content-Type application/json, got application/x-www-form-urlencoded.',
    );
    const badEncoding = await handler(new Request(`${BASE}/items/%E0%A4%A`));
    expect((await badEncoding.json()).issues).toEqual([
      { location: 'params', path: ['id'], message: 'is not valid percent-encoding.' },
    ]);
    expect(calls).toEqual([]);
  });
});

describe('preflights per path, exactly as derived', () => {
  test('PATCH and x-api-key are allowed on /items/:id', async () => {
    const { handler, calls } = setup();
    const answer = await handler(preflight('/items/7', 'PATCH', 'content-type,x-api-key'));
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-methods')).toBe('PATCH');
    expect(answer.headers.get('access-control-allow-headers')).toBe('content-type,x-api-key');
    expect(answer.headers.get('access-control-max-age')).toBe('600');
    expect(answer.headers.get('vary')).toBe(
      'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    );
    expect(calls).toEqual([]);
  });

  test('but not on /items, nor a method or header no route there declares', async () => {
    const { handler } = setup();
    expect((await handler(preflight('/items', 'PATCH', 'content-type'))).status).toBe(403);
    expect((await handler(preflight('/items', 'POST', 'x-api-key'))).status).toBe(403);
    // POST is safelisted, but no route serves POST at /items/:id.
    expect((await handler(preflight('/items/1', 'POST', 'content-type'))).status).toBe(403);
    expect((await handler(preflight('/items', 'POST', 'content-type'))).status).toBe(204);
  });

  test('a preflight to a path no route serves, or from another origin, is refused', async () => {
    const { handler } = setup();
    const unknown = await handler(preflight('/admin', 'GET', 'x-api-key'));
    expect(unknown.status).toBe(403);
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
    expect(unknown.headers.get('vary')).toContain('Origin');
    expect((await handler(preflight('/items/1', 'PATCH', 'x-api-key', 'https://evil.example'))).status).toBe(
      403,
    );
  });

  test('credentials only where declared', async () => {
    const { handler } = setup();
    const me = await handler(new Request(`${BASE}/me`, { headers: { origin: APP } }));
    expect(me.headers.get('access-control-allow-credentials')).toBe('true');
    const items = await handler(new Request(`${BASE}/items`, { headers: { origin: APP } }));
    expect(items.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('a refused origin gets no CORS headers, and the handler still answers', async () => {
    const { handler } = setup();
    const response = await handler(
      new Request(`${BASE}/items`, { headers: { origin: 'https://evil.example' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });
});

describe('through a CORS-enforcing fetch, in every engine', () => {
  for (const engine of ENGINES) {
    test(`${engine}: the calls the contract declares work; the rest fail where the browser would`, async () => {
      const { handler } = setup();
      const fetch = createCorsFetch({ origin: APP, engine, fetch: handler });
      const update = await fetch(`${BASE}/items/1`, {
        method: 'PATCH',
        headers: { 'x-api-key': 'secret', 'content-type': 'application/json' },
        body: JSON.stringify({ done: true }),
      });
      expect(update.status).toBe(200);
      expect(update.headers.get('etag')).toBe('"1-true"');
      // The 404 and the 400 are readable: the script sees them, not a CORS failure.
      expect((await fetch(`${BASE}/nope`)).status).toBe(404);
      const invalid = await fetch(`${BASE}/items/1`, {
        method: 'PATCH',
        headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(invalid.status).toBe(400);
      // PATCH on /items was never declared: the preflight is refused.
      await expect(
        fetch(`${BASE}/items`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      ).rejects.toBeInstanceOf(CorsError);
      // A header no route declares.
      await expect(fetch(`${BASE}/items`, { headers: { 'x-other': '1' } })).rejects.toBeInstanceOf(CorsError);
      const me = await fetch(`${BASE}/me`, { credentials: 'include' });
      expect(await me.json()).toEqual({ name: 'ada' });
    });
  }
});

describe("withCors's guarantees carry over", () => {
  test('crossOriginProtection (on with credentials): a forged cross-site write never reaches the handler', async () => {
    const calls: string[] = [];
    const login = defineApi({
      cors: { origins: [APP] },
      routes: { login: { method: 'POST', path: '/session', credentials: true, responses: { 204: {} } } },
    });
    const handler = serveApi(login, {
      login: () => {
        calls.push('login');
        return { status: 204 };
      },
    });
    const forged = await handler(
      new Request(`${BASE}/session`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      }),
    );
    expect(forged.status).toBe(403);
    expect(calls).toEqual([]);
    const fromApp = await handler(
      new Request(`${BASE}/session`, {
        method: 'POST',
        headers: { origin: APP, 'sec-fetch-site': 'same-site' },
      }),
    );
    expect(fromApp.status).toBe(204);
    expect(calls).toEqual(['login']);
  });
});

describe('apiPolicies: the contract CORS for any adapter', () => {
  test('policyFor selects by template; unknown paths get the refusing fallback', () => {
    const policies = apiPolicies(api);
    expect(policies.policyFor('/items/9')?.config.methods).toEqual(['PATCH']);
    expect(policies.policyFor('/items')?.config.requestHeaders).toEqual(['content-type']);
    expect(policies.policyFor('/nope')?.config.methods).toBeUndefined();
  });

  test("unsafe CORS in a contract is refused by definePolicy's checks", () => {
    expect(() => apiPolicies({ ...api, cors: { ...api.cors, origins: ['https://*.com'] } } as never)).toThrow(
      /contract's CORS policy/,
    );
  });
});
