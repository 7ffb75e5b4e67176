// The contract the contract-client tests call, and an msw API that serves it with the CORS
// @corskit/contract derives (each path answers its own preflight; the page sees what the browser would).
import { defineApi, type } from '@corskit/contract';
import { HttpResponse, http } from 'msw';
import { z } from 'zod';
import { API } from './helpers.js';

export interface Item {
  id: number;
  title: string;
  done: boolean;
}

export const ItemSchema = z.object({ id: z.number(), title: z.string(), done: z.boolean() });

export const api = defineApi({
  cors: { origins: ['https://app.example.com'], maxAge: 600 },
  responses: { 500: type<{ error: string }>() },
  routes: {
    listItems: {
      method: 'GET',
      path: '/items',
      query: { done: z.enum(['true', 'false']).optional(), tag: type<string[] | undefined>() },
      responses: { 200: { body: z.array(ItemSchema), headers: { 'x-total-count': z.string() } } },
      preflight: 'forbid',
    },
    getItem: {
      method: 'GET',
      path: '/items/:id',
      params: { id: z.coerce.number() },
      responses: { 200: ItemSchema, 404: type<{ error: 'not-found' }>() },
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
    me: {
      method: 'GET',
      path: '/me',
      credentials: true,
      responses: { 200: type<{ name: string }>(), 401: type<{ error: string }>() },
    },
    note: {
      method: 'POST',
      path: '/notes',
      body: type<string>(),
      contentType: 'text/plain;charset=utf-8',
      responses: { 201: { body: type<string>(), contentType: 'text/plain' } },
      preflight: 'forbid',
    },
    search: {
      method: 'POST',
      path: '/search',
      body: type<{ q: string; page: number }>(),
      contentType: 'application/x-www-form-urlencoded',
      responses: { 200: type<{ received: string }>() },
    },
    upload: {
      method: 'POST',
      path: '/files/:name',
      params: { name: type<string>() },
      body: type<{ file: Blob; label: string }>(),
      contentType: 'multipart/form-data',
      responses: { 201: type<{ size: number; label: string }>() },
    },
    remove: {
      method: 'DELETE',
      path: '/items/:id',
      params: { id: type<number>() },
      headers: { 'x-api-key': type<string>() },
      responses: { 204: {} },
    },
    report: {
      method: 'GET',
      path: '/report.csv',
      progress: 'download',
      responses: { 200: { body: type<string>(), contentType: 'text/csv' } },
    },
  },
});

export type TestApi = typeof api;

/** One request the API saw. */
export interface Seen {
  method: string;
  url: string;
  contentType: string | null;
  body: string;
}

type Answer = (request: Request, url: URL) => Response | Promise<Response>;

/**
 * msw handlers for `api` with the CORS derived per path: an OPTIONS preflight is answered with that
 * path's methods, request headers and max-age; answers carry Allow-Origin (and Allow-Credentials,
 * Expose-Headers) for an allowed origin. `answer` gives the real response.
 */
export function contractServer(answer: Answer) {
  const seen: Seen[] = [];
  const origins = api.cors.origins;
  const handler = http.all(`${API}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const shape = url.pathname
      .replace(/^\/v1\//, '/')
      .replace(/^\/items\/[^/]+$/, '/items/:')
      .replace(/^\/files\/[^/]+$/, '/files/:');
    const path = api.cors.paths.find((entry) => entry.path.replace(/:\w+/g, ':') === shape);
    const origin = request.headers.get('origin') ?? '';
    const cors = new Headers();
    if (path !== undefined && origins !== '*' && origins.includes(origin)) {
      cors.set('access-control-allow-origin', origin);
      cors.set('vary', 'origin');
      if (path.credentials) cors.set('access-control-allow-credentials', 'true');
      if (path.exposeHeaders.length > 0)
        cors.set('access-control-expose-headers', path.exposeHeaders.join(', '));
    }
    if (request.method === 'OPTIONS') {
      if (path !== undefined && cors.has('access-control-allow-origin')) {
        cors.set('access-control-allow-methods', path.methods.join(', '));
        if (path.requestHeaders.length > 0)
          cors.set('access-control-allow-headers', path.requestHeaders.join(', '));
        cors.set('access-control-max-age', String(api.cors.maxAge ?? 5));
      }
      return new HttpResponse(null, { status: 204, headers: cors });
    }
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
    seen.push({
      method: request.method,
      url: url.pathname + url.search,
      contentType: request.headers.get('content-type'),
      body,
    });
    const response = await answer(request, new URL(url.href.replace('/v1/', '/')));
    const headers = new Headers(response.headers);
    cors.forEach((value, name) => {
      headers.set(name, value);
    });
    return new Response(response.body, { status: response.status, headers });
  });
  return { handler, seen };
}
