import {
  defineApi,
  type HandlerInput,
  type HandlerOutput,
  type Preflight,
  type PreflightOf,
  type RequestOf,
  type ResponseOf,
  type StatusOf,
  type,
} from '@corskit/contract';
import * as v from 'valibot';
import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';

interface Item {
  id: number;
  title: string;
  done: boolean;
}
const ItemSchema = z.object({ id: z.number(), title: z.string(), done: z.boolean() });
type Flat<T> = { [K in keyof T]: T[K] };

const api = defineApi({
  cors: { origins: ['https://app.example.com'] },
  responses: { 500: type<{ error: string }>() },
  routes: {
    listItems: {
      method: 'GET',
      path: '/items',
      query: { limit: z.coerce.number().optional(), q: v.optional(v.string()) },
      responses: { 200: z.array(ItemSchema) },
    },
    getItem: {
      method: 'GET',
      path: '/items/:id',
      params: { id: v.pipe(v.string(), v.transform(Number)) },
      responses: { 200: type<Item>(), 404: type<{ error: 'not-found' }>() },
      preflight: 'forbid',
    },
    updateItem: {
      method: 'PATCH',
      path: '/items/:id',
      params: { id: z.coerce.number() },
      headers: { 'x-api-key': z.string() },
      body: z.object({ done: z.boolean() }),
      responses: {
        200: { body: ItemSchema, headers: { etag: z.string() } },
        404: type<{ error: 'not-found' }>(),
      },
    },
    ping: {
      method: 'POST',
      path: '/ping',
      body: type<string>(),
      contentType: 'text/plain;charset=utf-8',
      responses: { 204: {} },
      preflight: 'forbid',
    },
    upload: {
      method: 'POST',
      path: '/files/:name',
      params: { name: type<string>() },
      body: type<Blob>(),
      contentType: 'application/octet-stream',
      progress: 'upload',
      responses: { 201: {} },
    },
  },
});
type A = typeof api;

describe('client side', () => {
  test('a request takes exactly what the route declares', () => {
    type Update = RequestOf<A, 'updateItem'>;
    expectTypeOf<keyof Update>().toEqualTypeOf<'params' | 'headers' | 'body'>();
    expectTypeOf<Update['params']>().toEqualTypeOf<{ id: string | number }>();
    expectTypeOf<Update['headers']['x-api-key']>().toEqualTypeOf<string>();
    expectTypeOf<Update['body']>().toEqualTypeOf<{ done: boolean }>();
    expectTypeOf<RequestOf<A, 'getItem'>>().toEqualTypeOf<{ params: { id: string } }>();
    const none: RequestOf<A, 'listItems'> = {};
    const some: RequestOf<A, 'listItems'> = { query: { q: 'milk', limit: 3 } };
    void [none, some];
    expectTypeOf<NonNullable<RequestOf<A, 'listItems'>['query']>['q']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error the body is required
    const noBody: RequestOf<A, 'updateItem'> = { params: { id: 1 }, headers: { 'x-api-key': 'k' } };
    // @ts-expect-error the params are required
    const noParams: RequestOf<A, 'getItem'> = {};
    const badBody: RequestOf<A, 'updateItem'> = {
      params: { id: 1 },
      headers: { 'x-api-key': 'k' },
      // @ts-expect-error a wrong body type
      body: { done: 1 },
    };
    void [noBody, noParams, badBody];
  });

  test('a response is a union keyed on status, shared responses included', () => {
    type R = ResponseOf<A, 'updateItem'>;
    expectTypeOf<R['status']>().toEqualTypeOf<200 | 404 | 500>();
    expectTypeOf<Extract<R, { status: 200 }>['body']>().toEqualTypeOf<Item>();
    expectTypeOf<Extract<R, { status: 200 }>['headers']>().toEqualTypeOf<{ etag: string }>();
    expectTypeOf<Extract<R, { status: 404 }>['body']>().toEqualTypeOf<{ error: 'not-found' }>();
    expectTypeOf<Extract<R, { status: 500 }>['body']>().toEqualTypeOf<{ error: string }>();
    expectTypeOf<Extract<ResponseOf<A, 'ping'>, { status: 204 }>['body']>().toEqualTypeOf<undefined>();
    expectTypeOf<StatusOf<A, 'listItems'>>().toEqualTypeOf<200 | 500>();
  });

  test('narrowing on status gives the body', () => {
    const result = {} as ResponseOf<A, 'getItem'>;
    if (result.status === 200) expectTypeOf(result.body).toEqualTypeOf<Item>();
    else if (result.status === 404) expectTypeOf(result.body.error).toEqualTypeOf<'not-found'>();
    else expectTypeOf(result.status).toEqualTypeOf<500>();
  });
});

describe('server side', () => {
  test('a handler receives validated output types', () => {
    type In = HandlerInput<A, 'updateItem'>;
    expectTypeOf<In['params']>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<In['body']>().toEqualTypeOf<{ done: boolean }>();
    expectTypeOf<In['headers']>().toEqualTypeOf<{ 'x-api-key': string }>();
    expectTypeOf<HandlerInput<A, 'getItem'>['params']>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<HandlerInput<A, 'listItems'>['query']>().toEqualTypeOf<{
      limit: number | undefined;
      q: string | undefined;
    }>();
    expectTypeOf<HandlerInput<A, 'listItems'>['body']>().toEqualTypeOf<undefined>();
  });

  test('a handler may return only declared statuses with their bodies', () => {
    const found: HandlerOutput<A, 'updateItem'> = {
      status: 200,
      body: { id: 1, title: 't', done: true },
      headers: { etag: '"1"' },
    };
    const missing: HandlerOutput<A, 'updateItem'> = { status: 404, body: { error: 'not-found' } };
    const failed: HandlerOutput<A, 'updateItem'> = { status: 500, body: { error: 'boom' } };
    const empty: HandlerOutput<A, 'ping'> = { status: 204 };
    // @ts-expect-error 201 is not declared
    const undeclared: HandlerOutput<A, 'updateItem'> = { status: 201, body: { error: 'not-found' } };
    // @ts-expect-error the 404 body is { error: 'not-found' }
    const wrongBody: HandlerOutput<A, 'updateItem'> = { status: 404, body: { error: 'gone' } };
    // @ts-expect-error a 204 has no body
    const bodyOn204: HandlerOutput<A, 'ping'> = { status: 204, body: 'x' };
    void [found, missing, failed, empty, undeclared, wrongBody, bodyOn204];
  });
});

describe('preflight at compile time', () => {
  test('says whether and why, with core codes and the per-URL cost', () => {
    expectTypeOf<PreflightOf<A, 'listItems'>>().toEqualTypeOf<{
      preflight: false;
      reasons: never;
      cachedPerUrl: false;
    }>();
    expectTypeOf<PreflightOf<A, 'updateItem'>>().toEqualTypeOf<{
      preflight: true;
      reasons: 'method-not-safelisted' | 'header-not-safelisted' | 'content-type-not-safelisted';
      cachedPerUrl: true;
    }>();
    expectTypeOf<PreflightOf<A, 'upload'>['reasons']>().toEqualTypeOf<
      'content-type-not-safelisted' | 'stream-body'
    >();
    // Firefox and WebKit do not stream uploads, so no stream-body there.
    expectTypeOf<
      PreflightOf<A, 'upload', 'firefox'>['reasons']
    >().toEqualTypeOf<'content-type-not-safelisted'>();
    expectTypeOf<PreflightOf<A, 'ping'>['preflight']>().toEqualTypeOf<false>();
  });

  test('knows the engines: Chromium safelists client hints', () => {
    type Hint = { method: 'GET'; path: '/a'; headers: { DPR: typeof v.string }; responses: { 200: object } };
    expectTypeOf<Preflight<Hint, 'chromium'>['preflight']>().toEqualTypeOf<false>();
    expectTypeOf<Preflight<Hint, 'firefox'>['reasons']>().toEqualTypeOf<'header-not-safelisted'>();
    // @ts-expect-error a wrong expectation fails (the agreement test relies on this)
    expectTypeOf<Preflight<Hint, 'firefox'>['reasons']>().toEqualTypeOf<'method-not-safelisted'>();
  });

  test("preflight: 'forbid' makes a preflighting declaration a compile error", () => {
    defineApi({
      cors: { origins: '*' },
      routes: {
        // @ts-expect-error PUT preflights
        put: { method: 'PUT', path: '/a', preflight: 'forbid', responses: { 200: {} } },
      },
    });
    defineApi({
      cors: { origins: '*' },
      routes: {
        // @ts-expect-error a JSON body preflights
        json: {
          method: 'POST',
          path: '/a',
          body: type<object>(),
          preflight: 'forbid',
          responses: { 200: {} },
        },
      },
    });
    defineApi({
      cors: { origins: '*' },
      routes: {
        // @ts-expect-error X-Api-Key preflights
        key: {
          method: 'GET',
          path: '/a',
          headers: { 'X-Api-Key': type<string>() },
          preflight: 'forbid',
          responses: { 200: {} },
        },
      },
    });
    // Simple calls pass.
    defineApi({
      cors: { origins: '*' },
      routes: {
        form: {
          method: 'POST',
          path: '/a',
          body: type<FormData>(),
          contentType: 'multipart/form-data',
          headers: { accept: type<string>() },
          preflight: 'forbid',
          responses: { 200: {} },
        },
      },
    });
  });
});

describe('browser reality at compile time', () => {
  test('a header scripts cannot set is an error', () => {
    defineApi({
      cors: { origins: '*' },
      routes: {
        // @ts-expect-error Cookie is forbidden
        a: { method: 'GET', path: '/a', headers: { Cookie: z.string() }, responses: { 200: {} } },
      },
    });
    defineApi({
      cors: { origins: '*' },
      routes: {
        // @ts-expect-error Sec- headers are forbidden
        a: { method: 'GET', path: '/a', headers: { 'sec-fetch-mode': z.string() }, responses: { 200: {} } },
      },
    });
    defineApi({
      cors: { origins: '*' },
      routes: {
        // @ts-expect-error Chromium drops User-Agent
        a: { method: 'GET', path: '/a', headers: { 'User-Agent': z.string() }, responses: { 200: {} } },
      },
    });
  });

  test('a response header no script can read is flagged', () => {
    defineApi({
      cors: { origins: '*' },
      routes: {
        login: {
          method: 'POST',
          path: '/login',
          // @ts-expect-error Set-Cookie is never readable
          responses: { 204: { headers: { 'Set-Cookie': z.string() } } },
        },
      },
    });
    defineApi({
      cors: { origins: '*' },
      // @ts-expect-error in shared responses too
      responses: { 401: { headers: { 'set-cookie': z.string() } } },
      routes: { a: { method: 'GET', path: '/a', responses: { 200: {} } } },
    });
  });
});

test('type() is a zero-runtime marker; Flat helper compiles', () => {
  expectTypeOf<Flat<{ a: 1 }>>().toEqualTypeOf<{ a: 1 }>();
  expectTypeOf(type<Item>()).toHaveProperty('~corskit');
});
