import { ContractError, defineApi, type, validate } from '@corskit/contract';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const Item = z.object({ id: z.number(), title: z.string(), done: z.boolean() });

function itemsApi() {
  return defineApi({
    cors: { origins: ['https://app.example.com'], maxAge: 600, exposeHeaders: ['X-Request-Id'] },
    responses: { 500: { body: type<{ error: string }>(), headers: { 'retry-after': z.string() } } },
    routes: {
      listItems: {
        method: 'GET',
        path: '/items',
        query: { limit: z.coerce.number().optional() },
        responses: {
          200: {
            body: z.array(Item),
            headers: { 'x-total-count': z.string(), 'Content-Length': z.string() },
          },
        },
      },
      createItem: {
        method: 'POST',
        path: '/items',
        body: z.object({ title: z.string() }),
        credentials: true,
        responses: { 201: Item },
      },
      updateItem: {
        method: 'PATCH',
        path: '/items/:id',
        params: { id: z.coerce.number() },
        headers: { 'X-Api-Key': z.string(), Authorization: z.string() },
        body: z.object({ done: z.boolean() }),
        responses: { 200: { body: Item, headers: { ETag: z.string() } }, 404: type<{ error: string }>() },
      },
      deleteItem: {
        method: 'DELETE',
        path: '/items/:itemId',
        params: { itemId: v.string() },
        responses: { 204: {} },
      },
      download: {
        method: 'GET',
        path: '/files/:name',
        params: { name: type<string>() },
        progress: 'download',
        responses: { 200: type<Blob>() },
      },
      sendNote: {
        method: 'POST',
        path: '/notes',
        body: type<string>(),
        contentType: 'text/plain',
        preflight: 'forbid',
        responses: { 204: {} },
      },
    },
  });
}

describe('CORS derived per path', () => {
  const api = itemsApi();
  const path = (template: string) => api.cors.paths.find((entry) => entry.path === template)!;

  test('methods are those of the routes at the path, and only there', () => {
    expect(path('/items').methods).toEqual(['GET', 'POST']);
    // /items/:id and /items/:itemId are one path: PATCH and DELETE are allowed there, not on /items.
    expect(path('/items/:id').methods).toEqual(['DELETE', 'PATCH']);
    expect(path('/items/:id').routes).toEqual(['updateItem', 'deleteItem']);
  });

  test('request headers: the declared ones, plus content-type for a body off the safelist', () => {
    expect(path('/items').requestHeaders).toEqual(['content-type']);
    expect(path('/items/:id').requestHeaders).toEqual(['authorization', 'content-type', 'x-api-key']);
    // A text/plain body needs nothing allowed.
    expect(path('/notes').requestHeaders).toEqual([]);
  });

  test('exposed headers: declared minus safelisted, shared ones and the API-wide list included', () => {
    expect(path('/items').exposeHeaders).toEqual(['retry-after', 'x-request-id', 'x-total-count']);
    expect(path('/items/:id').exposeHeaders).toEqual(['etag', 'retry-after', 'x-request-id']);
  });

  test('credentials only where declared, progress headers only where flagged', () => {
    expect(path('/items').credentials).toBe(true);
    expect(path('/items/:id').credentials).toBe(false);
    expect(path('/files/:name').progress).toBe(true);
    expect(path('/files/:name').exposeHeaders).toEqual([
      'content-encoding',
      'retry-after',
      'x-decoded-content-length',
      'x-request-id',
    ]);
    expect(path('/items').progress).toBe(false);
  });

  test('the API-wide settings are kept', () => {
    expect(api.cors.origins).toEqual(['https://app.example.com']);
    expect(api.cors.maxAge).toBe(600);
    expect(api.cors.privateNetworkAccess).toBe(false);
  });

  test('route facts: shared responses merged in, header names lowercased, preflight from classify', () => {
    const update = api.facts.updateItem;
    expect(Object.keys(update.responses)).toEqual(['200', '404', '500']);
    expect(Object.keys(update.headers)).toEqual(['x-api-key', 'authorization']);
    expect(Object.keys(update.responses[200]!.headers)).toEqual(['etag']);
    expect(update.contentType).toBe('application/json');
    expect(update.preflight).toEqual({
      preflight: true,
      reasons: ['content-type-not-safelisted', 'header-not-safelisted', 'method-not-safelisted'],
      cachedPerUrl: true,
      requestHeaders: ['authorization', 'content-type', 'x-api-key'],
    });
    expect(api.facts.listItems.preflight.preflight).toBe(false);
    expect(api.facts.sendNote.preflight.preflight).toBe(false);
    expect(api.facts.createItem.preflight).toMatchObject({
      reasons: ['content-type-not-safelisted'],
      cachedPerUrl: false,
    });
  });

  test('the contract is frozen and keeps the definition as written', () => {
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.cors.paths[0])).toBe(true);
    expect(api.routes.updateItem.path).toBe('/items/:id');
  });

  test('a Set-Cookie response header is listed as unreadable, never exposed', () => {
    const login = defineApi({
      cors: { origins: '*' },
      routes: {
        login: {
          method: 'POST',
          path: '/login',
          responses: { 204: { headers: { 'set-cookie': type<string>() } } },
        },
      },
    } as never) as ReturnType<typeof defineApi>;
    expect(login.facts.login!.unreadableHeaders).toEqual(['set-cookie']);
    expect(login.cors.paths[0]!.exposeHeaders).toEqual([]);
  });
});

describe('an invalid contract throws, listing every problem', () => {
  const problemsOf = (definition: unknown): readonly string[] => {
    try {
      defineApi(definition as never);
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      return (error as ContractError).problems;
    }
    throw new Error('defineApi accepted an invalid contract');
  };
  const route = (extra: Record<string, unknown>) => ({
    method: 'GET',
    path: '/a',
    responses: { 200: {} },
    ...extra,
  });

  test('every problem at once, each naming the route', () => {
    const problems = problemsOf({
      cors: { origins: 'https://app.example.com', credentials: 'yes', maxAge: -1 },
      routes: {
        a: route({ method: 'get', path: 'items/' }),
        b: route({ path: '/b/:id', params: { key: z.string() } }),
        c: route({ headers: { 'bad name': z.string(), Cookie: z.string(), 'Sec-Fetch-Site': z.string() } }),
        d: route({ responses: { 99: {}, 600: {}, '2xx': {} } }),
        e: route({ path: '/e', body: z.string() }),
        f: route({ path: '/f', query: { q: 'string' } }),
      },
    });
    expect(problems).toEqual([
      'cors.origins is a list of origins or "*", not "https://app.example.com".',
      'cors.credentials is true or false, not "yes".',
      'cors.maxAge is a whole number of seconds, not -1.',
      'routes.a.method is one of GET, HEAD, POST, PUT, PATCH, DELETE (uppercase), not "get".',
      'routes.a.path "items/": a path template starts with "/" (like "/items/:id").',
      'routes.b: the path param :id has no schema in params.',
      'routes.b.params.key is not a :key segment of the path.',
      'routes.c.headers: "bad name" is not a header name (an HTTP token).',
      'routes.c.headers: Cookie is a header scripts cannot set (every browser drops it silently, while Node tests pass); send it another way (cookies go with credentials: true).',
      'routes.c.headers: Sec-Fetch-Site is a header scripts cannot set (every browser drops it silently, while Node tests pass); send it another way.',
      'routes.d.responses: "99" is not an HTTP status (an integer from 100 to 599).',
      'routes.d.responses: "600" is not an HTTP status (an integer from 100 to 599).',
      'routes.d.responses: "2xx" is not an HTTP status (an integer from 100 to 599).',
      'routes.d.responses declares no status; declare at least the success (like { 200: Item }).',
      'routes.e: a GET request has no body (fetch() throws); use POST or move the fields to query.',
      'routes.f.query.q is not a Standard Schema (zod, valibot, arktype, ...) or type<T>().',
      'routes.c and routes.d are both GET /a: one method and path, one route.',
    ]);
  });

  test('two routes with one method and path', () => {
    expect(
      problemsOf({
        cors: { origins: '*' },
        routes: {
          one: route({ path: '/items/:id', params: { id: z.string() } }),
          two: route({ path: '/items/:id', params: { id: z.string() } }),
        },
      }),
    ).toEqual(['routes.one and routes.two are both GET /items/:id: one method and path, one route.']);
  });

  test('two routes with one method and path shape', () => {
    expect(
      problemsOf({
        cors: { origins: '*' },
        routes: {
          one: route({ path: '/items/:id', params: { id: z.string() } }),
          two: route({ path: '/items/:key', params: { key: z.string() } }),
        },
      }),
    ).toEqual([
      'routes.one and routes.two are both GET /items/:id and /items/:key: one method and path, one route.',
    ]);
  });

  test("a preflighting route with preflight: 'forbid', and the other route options", () => {
    expect(
      problemsOf({
        cors: { origins: '*' },
        routes: {
          put: route({ method: 'PUT', preflight: 'forbid' }),
          odd: route({ path: '/odd', preflight: 'never', credentials: 1, progress: 'sideways' }),
          up: route({ path: '/up', method: 'POST', progress: 'upload' }),
          typed: route({ path: '/typed', method: 'POST', body: z.string(), contentType: 'not a type' }),
          bare: route({ path: '/bare', contentType: 'text/plain' }),
          dup: route({ path: '/dup', headers: { 'X-A': z.string(), 'x-a': z.string() } }),
          dots: route({ path: '/a/../b' }),
          twice: route({ path: '/t/:id/:id', params: { id: z.string() } }),
        },
      }),
    ).toEqual([
      "routes.put has preflight: 'forbid' but its call preflights (method-not-safelisted).",
      'routes.odd.credentials is true or false, not 1.',
      'routes.odd.progress is "download", "upload" or "both", not "sideways".',
      'routes.odd.preflight is "allow" or "forbid", not "never".',
      'routes.up.progress: upload progress needs a body to stream.',
      'routes.typed.contentType is a media type such as "application/json", not "not a type".',
      'routes.bare.contentType is set but the route has no body.',
      'routes.dup.headers: the header x-a is declared twice (names are case-insensitive).',
      'routes.dots.path "/a/../b": the segment ".." is not a plain path segment (no "." or "..", no percent-encoding, "?", "#", spaces or ":" inside).',
      'routes.twice.path "/t/:id/:id": the path param :id appears twice.',
    ]);
  });

  test('not an object at all', () => {
    expect(() => defineApi(null as never)).toThrow(ContractError);
    expect(problemsOf({ cors: null, routes: [] })).toEqual([
      'cors is an object ({ origins, credentials?, maxAge?, ... }), not null.',
      'routes is an object of routes by name, not [].',
    ]);
  });
});

describe('schemas', () => {
  test('zod and valibot validate through Standard Schema; a marker passes values through', async () => {
    expect(await validate(z.coerce.number(), '7')).toEqual({ ok: true, value: 7 });
    expect(await validate(v.pipe(v.string(), v.transform(Number)), '7')).toEqual({ ok: true, value: 7 });
    const zodFailure = await validate(z.object({ done: z.boolean() }), { done: 'yes' });
    expect(zodFailure.ok).toBe(false);
    expect(zodFailure.ok === false && zodFailure.issues[0]!.path).toEqual(['done']);
    const valibotFailure = await validate(v.object({ done: v.boolean() }), { done: 'yes' });
    expect(valibotFailure.ok === false && valibotFailure.issues[0]!.path).toEqual(['done']);
    const value = { anything: true };
    expect(await validate(type<number>(), value)).toEqual({ ok: true, value });
  });

  test('defineApi imports no schema library: a contract of markers needs none', async () => {
    const source = await import('node:fs').then((fs) =>
      fs
        .readdirSync(new URL('../src', import.meta.url), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => fs.readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8')),
    );
    for (const text of source) expect(text).not.toMatch(/from '(zod|valibot|arktype)/);
  });
});
