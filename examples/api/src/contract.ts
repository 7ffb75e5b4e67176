// The API's one description: routes, what they take and answer, and so its CORS. The server serves
// it (serveApi), the frameworks examples take its per-path CORS (apiPolicies), and a client can be
// typed by it. Schemas are valibot's: small in a browser bundle, validated on the server.
import { defineApi, type } from '@corskit/contract';
import * as v from 'valibot';

/** Where the browser app runs in development (Vite's default port). */
export const DEFAULT_APP_ORIGIN = 'http://localhost:5173';

/** The API key the example accepts on writes; a real API would look keys up. */
export const DEMO_API_KEY = 'demo-key';

export const Item = v.object({ id: v.number(), name: v.string(), done: v.boolean() });
export type Item = v.InferOutput<typeof Item>;

const Failure = type<{ error: string }>();
const ItemId = v.pipe(v.string(), v.digits('An item id is a number.'), v.transform(Number));
const ApiKey = v.optional(v.string());
const RequestId = v.string();

export function apiContract(appOrigins: readonly string[] = [DEFAULT_APP_ORIGIN]) {
  return defineApi({
    info: { title: 'corskit example API', version: '1.0.0' },
    cors: { origins: appOrigins, maxAge: 600 },
    routes: {
      listItems: {
        method: 'GET',
        path: '/items',
        summary: 'The list, with an X-Request-Id',
        responses: { 200: { body: v.array(Item), headers: { 'x-request-id': RequestId } } },
      },
      updateItem: {
        method: 'PATCH',
        path: '/items/:id',
        summary: 'Rename an item or mark it done (X-API-Key: demo-key)',
        params: { id: ItemId },
        headers: { 'x-api-key': ApiKey },
        body: v.strictObject({ name: v.optional(v.string()), done: v.optional(v.boolean()) }),
        responses: {
          200: { body: Item, headers: { 'x-request-id': RequestId } },
          // serveApi answers an invalid request itself: { error: 'invalid-request', issues }.
          400: type<{ error: string; issues?: unknown[] }>(),
          401: Failure,
          404: Failure,
        },
      },
      deleteItem: {
        method: 'DELETE',
        path: '/items/:id',
        summary: 'Delete an item (X-API-Key: demo-key)',
        params: { id: ItemId },
        headers: { 'x-api-key': ApiKey },
        responses: { 204: {}, 401: Failure, 404: Failure },
      },
      login: {
        method: 'POST',
        path: '/session',
        summary: 'Sign in: sets an HttpOnly session cookie',
        credentials: true,
        responses: { 200: type<{ user: string }>() },
      },
      me: {
        method: 'GET',
        path: '/me',
        summary: 'The signed-in user, from the session cookie',
        credentials: true,
        responses: { 200: type<{ user: string }>(), 401: Failure },
      },
      report: {
        method: 'GET',
        path: '/report.csv',
        summary: '1 MiB of CSV in paced chunks, with its decoded length',
        progress: 'download',
        responses: {
          200: {
            body: type<ReadableStream<Uint8Array>>(),
            contentType: 'text/csv',
            headers: { 'x-decoded-content-length': v.string() },
          },
        },
      },
    },
  });
}

/** The contract's type: what a typed client or mock is made from. */
export type ApiContract = ReturnType<typeof apiContract>;
