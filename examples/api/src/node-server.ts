// The API on Node's http module. withCorsListener answers preflights and adds the CORS headers
// before the routes below run, so they never think about CORS.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { withCorsListener } from '@corskit/server/node';
import { type Answer, createApi, reportChunks, reportHeaders } from './api.ts';
import { apiPolicy } from './policy.ts';

export interface ApiOptions {
  /** The origins of the browser apps allowed to call the API. */
  appOrigins?: readonly string[];
  /** Milliseconds between report chunks (0 in tests that only count bytes). */
  reportPaceMs?: number;
}

export function apiListener(options: ApiOptions = {}): RequestListener {
  const api = createApi();
  const routes = async (request: IncomingMessage, response: ServerResponse) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const itemId = /^\/items\/([^/]+)$/.exec(pathname)?.[1];
    const apiKey = header(request, 'x-api-key');

    if (request.method === 'GET' && pathname === '/items') return send(response, api.listItems());
    if (request.method === 'PATCH' && itemId !== undefined) {
      return send(response, api.updateItem(itemId, apiKey, await readJson(request)));
    }
    if (request.method === 'DELETE' && itemId !== undefined)
      return send(response, api.deleteItem(itemId, apiKey));
    if (request.method === 'POST' && pathname === '/session') return send(response, api.login());
    if (request.method === 'GET' && pathname === '/me') return send(response, api.me(request.headers.cookie));
    if (request.method === 'GET' && pathname === '/report.csv') {
      response.writeHead(200, reportHeaders());
      for await (const chunk of reportChunks(options.reportPaceMs)) response.write(chunk);
      return response.end();
    }
    return send(response, { status: 404, json: { error: `No route ${request.method} ${pathname}.` } });
  };
  return withCorsListener(apiPolicy(options.appOrigins), (request, response) => {
    routes(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

function send(response: ServerResponse, answer: Answer): void {
  const body = answer.json === undefined ? undefined : JSON.stringify(answer.json);
  response.writeHead(answer.status, {
    ...(body === undefined
      ? {}
      : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
    ...answer.headers,
  });
  response.end(body);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
