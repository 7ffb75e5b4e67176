// The API on Node's http module: serveApi serves the contract (routing, validation, the CORS of
// each path), fetchListener puts that Fetch handler on node:http. The handlers never think about
// CORS, and never see a request the contract does not allow.
import type { RequestListener } from 'node:http';
import { serveApi } from '@corskit/server';
import { fetchListener } from '@corskit/server/node';
import { createApi, reportChunks, reportHeaders, streamOf } from './api.ts';
import { apiContract } from './contract.ts';

export interface ApiOptions {
  /** The origins of the browser apps allowed to call the API. */
  appOrigins?: readonly string[];
  /** Milliseconds between report chunks (0 in tests that only count bytes). */
  reportPaceMs?: number;
}

/** The API as a Fetch handler (for Deno, Bun, Workers, or msw). */
export function apiHandler(options: ApiOptions = {}): (request: Request) => Promise<Response> {
  const store = createApi();
  return serveApi(apiContract(options.appOrigins), {
    listItems: () => store.listItems(),
    updateItem: ({ params, headers, body }) => store.updateItem(params.id, headers['x-api-key'], body),
    deleteItem: ({ params, headers }) => store.deleteItem(params.id, headers['x-api-key']),
    login: () => store.login(),
    // The session cookie is a header no contract can declare (scripts cannot set it): read it raw.
    me: ({ request }) => store.me(request.headers.get('cookie') ?? undefined),
    report: () => ({
      status: 200,
      headers: reportHeaders(),
      body: streamOf(reportChunks(options.reportPaceMs)),
    }),
  });
}

export function apiListener(options: ApiOptions = {}): RequestListener {
  return fetchListener(apiHandler(options));
}
