// mockApi: msw handlers generated from the contract, called through createCorsFetch the way an
// app's own tests call them. Plain msw would let every refused call below through.
import { CorsError, createCorsFetch, ENGINES } from '@corskit/core';
import { mockApi } from '@corskit/server/msw';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { APP, api, BASE, itemsHandlers } from './fixture.js';

const state = itemsHandlers();
const server = setupServer(
  ...mockApi(
    api,
    { getItem: state.handlers.getItem, updateItem: state.handlers.updateItem },
    { baseUrl: BASE },
  ),
);

beforeAll(() => server.listen({ onUnhandledFrame: 'bypass' }));
afterEach(() => {
  server.resetHandlers();
});
afterAll(() => server.close());

const page = (engine = ENGINES[0]!) =>
  createCorsFetch({ origin: APP, engine, fetch: (request) => globalThis.fetch(request) });

describe('mockApi', () => {
  for (const engine of ENGINES) {
    test(`${engine}: declared calls work, with the server's validation and CORS`, async () => {
      const fetch = page(engine);
      const item = await fetch(`${BASE}/items/1`);
      expect(await item.json()).toEqual({ id: 1, title: 'milk', done: expect.any(Boolean) });
      const update = await fetch(`${BASE}/items/1`, {
        method: 'PATCH',
        headers: { 'x-api-key': 'secret', 'content-type': 'application/json' },
        body: JSON.stringify({ done: true }),
      });
      expect(update.status).toBe(200);
      expect(update.headers.get('etag')).toBe('"1-true"');
      const invalid = await fetch(`${BASE}/items/x`);
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).issues[0]).toMatchObject({ location: 'params', path: ['id'] });
    });

    test(`${engine}: what the browser would refuse fails in the test too`, async () => {
      const fetch = page(engine);
      // A header the contract does not declare for this path: the preflight is refused.
      await expect(
        fetch(`${BASE}/items/1`, {
          method: 'PATCH',
          headers: { 'x-api-key': 'secret', 'x-debug': '1', 'content-type': 'application/json' },
          body: '{"done":true}',
        }),
      ).rejects.toBeInstanceOf(CorsError);
      // DELETE was never declared at /items/:id.
      await expect(fetch(`${BASE}/items/1`, { method: 'DELETE' })).rejects.toBeInstanceOf(CorsError);
    });
  }

  test('from another origin, the response is unreadable', async () => {
    const fetch = createCorsFetch({
      origin: 'https://evil.example',
      fetch: (request) => globalThis.fetch(request),
    });
    await expect(fetch(`${BASE}/items/1`)).rejects.toBeInstanceOf(CorsError);
  });

  test('routes without a mock fall through to the next handler', async () => {
    // Registered after the generated handlers: reached only where no mock answers.
    server.use(
      ...mockApi(api, { getItem: state.handlers.getItem }, { baseUrl: BASE }),
      http.all(`${BASE}/*`, () => HttpResponse.text('next handler')),
    );
    expect(await (await globalThis.fetch(`${BASE}/items`)).text()).toBe('next handler');
    expect(await (await globalThis.fetch(`${BASE}/items/1`)).json()).toMatchObject({ id: 1 });
  });

  test('a base path prefixes every route', async () => {
    server.use(
      ...mockApi(
        api,
        { getItem: () => ({ status: 404, body: { error: 'not-found' } }) },
        { baseUrl: 'https://example.com/api/' },
      ),
    );
    const fetch = createCorsFetch({ origin: APP, fetch: (request) => globalThis.fetch(request) });
    const response = await fetch('https://example.com/api/items/3');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not-found' });
  });

  test('a mock for a route the contract lacks is refused', () => {
    expect(() => mockApi(api, { nope: () => ({ status: 200 }) } as never, { baseUrl: BASE })).toThrow(
      'mockApi: the contract has no route nope.',
    );
  });
});
