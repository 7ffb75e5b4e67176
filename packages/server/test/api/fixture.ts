// The contract the serveApi, apiPolicies and mockApi tests share: a small items API.
import { defineApi, type } from '@corskit/contract';
import * as v from 'valibot';
import { z } from 'zod';

export const APP = 'https://app.example.com';
export const BASE = 'https://api.example.com';

export const Item = z.object({ id: z.number(), title: z.string(), done: z.boolean() });
export type Item = z.infer<typeof Item>;

export const api = defineApi({
  cors: { origins: [APP], maxAge: 600 },
  responses: { 500: type<{ error: string }>() },
  routes: {
    listItems: {
      method: 'GET',
      path: '/items',
      query: {
        done: z.enum(['true', 'false']).optional(),
        limit: z.coerce.number().int().positive().optional(),
      },
      responses: { 200: { body: z.array(Item), headers: { 'x-total-count': z.string() } } },
    },
    createItem: {
      method: 'POST',
      path: '/items',
      body: z.object({ title: z.string().min(1) }),
      responses: { 201: Item },
    },
    getItem: {
      method: 'GET',
      path: '/items/:id',
      params: { id: z.coerce.number().int() },
      responses: { 200: Item, 404: type<{ error: 'not-found' }>() },
    },
    updateItem: {
      method: 'PATCH',
      path: '/items/:id',
      params: { id: z.coerce.number().int() },
      headers: { 'x-api-key': v.pipe(v.string(), v.minLength(3)) },
      body: v.object({ done: v.boolean() }),
      responses: { 200: { body: Item, headers: { etag: z.string() } }, 404: type<{ error: 'not-found' }>() },
    },
    sendNote: {
      method: 'POST',
      path: '/notes',
      body: z.string().max(20),
      contentType: 'text/plain',
      responses: { 204: {} },
    },
    me: {
      method: 'GET',
      path: '/me',
      credentials: true,
      responses: { 200: type<{ name: string }>(), 401: {} },
    },
    explode: { method: 'GET', path: '/explode', responses: { 200: {} } },
  },
});

/** Fresh in-memory items, and handlers over them. */
export function itemsHandlers() {
  const items = new Map<number, Item>([[1, { id: 1, title: 'milk', done: false }]]);
  const calls: string[] = [];
  return {
    items,
    calls,
    handlers: {
      listItems: ({ query }: { query: { done?: 'true' | 'false'; limit?: number } }) => {
        calls.push('listItems');
        let list = [...items.values()];
        if (query.done !== undefined) list = list.filter((item) => String(item.done) === query.done);
        return {
          status: 200 as const,
          body: list.slice(0, query.limit),
          headers: { 'x-total-count': String(list.length) },
        };
      },
      createItem: ({ body }: { body: { title: string } }) => {
        calls.push('createItem');
        const item = { id: items.size + 1, title: body.title, done: false };
        items.set(item.id, item);
        return { status: 201 as const, body: item };
      },
      getItem: ({ params }: { params: { id: number } }) => {
        calls.push('getItem');
        const item = items.get(params.id);
        return item === undefined
          ? { status: 404 as const, body: { error: 'not-found' as const } }
          : { status: 200 as const, body: item };
      },
      updateItem: async ({ params, body }: { params: { id: number }; body: { done: boolean } }) => {
        calls.push('updateItem');
        const item = items.get(params.id);
        if (item === undefined) return { status: 404 as const, body: { error: 'not-found' as const } };
        item.done = body.done;
        return { status: 200 as const, body: item, headers: { etag: `"${item.id}-${item.done}"` } };
      },
      sendNote: () => {
        calls.push('sendNote');
        return { status: 204 as const };
      },
      me: () => ({ status: 200 as const, body: { name: 'ada' } }),
      explode: (): never => {
        throw new Error('boom');
      },
    },
  };
}
