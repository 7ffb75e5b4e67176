import { defineApi, toOpenApi, type } from '@corskit/contract';
import { compileErrors, validate as validateOpenApi } from '@readme/openapi-parser';
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const Item = z.object({ id: z.number(), title: z.string(), done: z.boolean() });

const api = defineApi({
  info: { title: 'Items', version: '1.2.0' },
  cors: { origins: ['https://app.example.com'], maxAge: 600 },
  responses: {
    500: { body: type<{ error: string }>({ type: 'object', properties: { error: { type: 'string' } } }) },
  },
  routes: {
    listItems: {
      method: 'GET',
      path: '/items',
      summary: 'Every item',
      query: { done: z.enum(['true', 'false']).optional(), limit: v.optional(v.string()) },
      responses: {
        200: { body: z.array(Item), headers: { 'x-total-count': z.string() }, description: 'The items' },
      },
    },
    updateItem: {
      method: 'PATCH',
      path: '/items/:id',
      params: { id: z.string() },
      headers: { 'x-api-key': v.string(), 'content-type': z.string() },
      body: v.object({ done: v.boolean() }),
      responses: { 200: Item, 404: type<{ error: 'not-found' }>() },
    },
    deleteItem: {
      method: 'DELETE',
      path: '/items/:itemId',
      params: { itemId: z.string() },
      credentials: true,
      responses: { 204: {} },
    },
    upload: {
      method: 'PUT',
      path: '/files/:name',
      params: { name: type<string>() },
      body: type<Blob>(),
      contentType: 'application/octet-stream',
      progress: 'upload',
      responses: { 201: {} },
    },
  },
});

const document = toOpenApi(api, {
  jsonSchema: (schema) => toJsonSchema(schema as never) as Record<string, unknown>,
  servers: ['https://api.example.com'],
});

describe('toOpenApi', () => {
  test('a maintained validator accepts the document', async () => {
    const result = await validateOpenApi(structuredClone(document) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    // The validator is strict enough to matter: a path param the template lacks is refused.
    const broken = structuredClone(document) as unknown as {
      paths: Record<string, Record<string, { parameters?: unknown[] }>>;
    };
    broken.paths['/items/{id}']!['patch']!.parameters![0] = {
      name: 'key',
      in: 'path',
      required: true,
      schema: {},
    };
    expect((await validateOpenApi(broken as never)).valid).toBe(false);
  });

  test('one operation per route, with schemas from zod (Standard JSON Schema) and valibot (the option)', () => {
    const paths = document['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(paths)).toEqual(['/items', '/items/{id}', '/files/{name}']);
    const update = paths['/items/{id}']!['patch']!;
    expect(update['operationId']).toBe('updateItem');
    expect(update['parameters']).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'x-api-key', in: 'header', required: true, schema: { type: 'string' } },
    ]);
    expect(update['requestBody']).toMatchObject({
      content: {
        'application/json': { schema: { type: 'object', properties: { done: { type: 'boolean' } } } },
      },
    });
    // The second route's :itemId is the path's {id}.
    expect(paths['/items/{id}']!['delete']!['parameters']).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    const list = paths['/items']!['get']!;
    expect(list['parameters']).toEqual([
      { name: 'done', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'string' } },
    ]);
    expect(list['responses']).toMatchObject({
      200: { description: 'The items', headers: { 'x-total-count': { schema: { type: 'string' } } } },
      500: { content: { 'application/json': { schema: { type: 'object' } } } },
    });
  });

  test('x-cors carries the derived facts', () => {
    const paths = document['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    expect(document['x-cors']).toEqual({
      origins: ['https://app.example.com'],
      maxAge: 600,
      privateNetworkAccess: false,
    });
    expect(paths['/items/{id}']!['x-cors']).toEqual({
      methods: ['DELETE', 'PATCH'],
      requestHeaders: ['content-type', 'x-api-key'],
      exposeHeaders: [],
      credentials: true,
    });
    expect(paths['/items/{id}']!['patch']!['x-cors']).toEqual({
      credentials: false,
      preflight: true,
      reasons: ['content-type-not-safelisted', 'header-not-safelisted', 'method-not-safelisted'],
      cachedPerUrl: true,
      requestHeaders: ['content-type', 'x-api-key'],
    });
    expect(paths['/files/{name}']!['put']!['x-cors']).toMatchObject({
      progress: 'upload',
      reasons: expect.arrayContaining(['stream-body']),
    });
    expect(paths['/items']!['x-cors']).toMatchObject({ exposeHeaders: ['x-total-count'] });
  });

  test('without a converter a schema is left open, never guessed', () => {
    const bare = toOpenApi(
      defineApi({
        cors: { origins: '*' },
        routes: { a: { method: 'GET', path: '/', responses: { 200: v.string() } } },
      }),
    );
    const paths = bare['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/']!['get']!['responses']).toEqual({
      200: { description: '200', content: { 'application/json': { schema: {} } } },
    });
  });
});
