import type { HandlerInput } from '@corskit/contract';
import { type ApiHandlers, serveApi } from '@corskit/server';
import { expectTypeOf, test } from 'vitest';
import { api, itemsHandlers } from './fixture.js';

type A = typeof api;
const { handlers } = itemsHandlers();

test('handlers receive validated, typed input', () => {
  serveApi(api, {
    ...handlers,
    updateItem: ({ params, headers, body, request }) => {
      expectTypeOf(params.id).toEqualTypeOf<number>();
      expectTypeOf(headers['x-api-key']).toEqualTypeOf<string>();
      expectTypeOf(body).toEqualTypeOf<{ done: boolean }>();
      expectTypeOf(request).toEqualTypeOf<Request>();
      return { status: 404, body: { error: 'not-found' } };
    },
  });
  expectTypeOf<HandlerInput<A, 'listItems'>['query']['limit']>().toEqualTypeOf<number | undefined>();
});

test('a handler returning an undeclared status or body is a compile error', () => {
  serveApi(api, {
    ...handlers,
    // @ts-expect-error 201 is not a status of getItem
    getItem: () => ({ status: 201, body: { id: 1, title: 't', done: false } }),
  });
  serveApi(api, {
    ...handlers,
    // @ts-expect-error the 200 body is an Item
    getItem: () => ({ status: 200, body: { id: 'one' } }),
  });
  serveApi(api, {
    ...handlers,
    // @ts-expect-error the shared 500's body is { error: string }
    me: async () => ({ status: 500, body: { message: 'x' } }),
  });
  // The shared 500 is declared for every route.
  serveApi(api, { ...handlers, me: async () => ({ status: 500, body: { error: 'down' } }) });
});

test('every route needs a handler', () => {
  const { explode: _explode, ...rest } = handlers;
  // @ts-expect-error explode is missing
  const partial: ApiHandlers<A> = rest;
  void partial;
});

test('mockApi handlers are typed per route and status, and partial', async () => {
  const { mockApi } = await import('@corskit/server/msw');
  mockApi(
    api,
    { getItem: ({ params }) => ({ status: 200, body: { id: params.id, title: 't', done: false } }) },
    { baseUrl: 'https://api.example.com' },
  );
  // @ts-expect-error 418 is not declared
  mockApi(api, { getItem: () => ({ status: 418 }) }, { baseUrl: 'https://api.example.com' });
});
