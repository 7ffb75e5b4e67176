// The example API as one Fetch API handler, `(request: Request) => Promise<Response>`, which is
// what Deno.serve, Bun.serve, Cloudflare Workers (workerd) and Next.js route handlers take.
// withCors wraps the routes, so it answers preflights before any route runs and gives every
// response the CORS headers; the routes never mention CORS.
import {
  type Answer,
  type ApiOptions,
  apiPolicy,
  createApi,
  NOT_FOUND,
  reportChunks,
  reportHeaders,
} from '@corskit/example-api';
import { withCors } from '@corskit/server';

export function fetchApi(options: ApiOptions = {}): (request: Request) => Promise<Response> {
  const api = createApi();
  return withCors(apiPolicy(options.appOrigins), async (request) => {
    const { pathname } = new URL(request.url);
    const itemId = /^\/items\/([^/]+)$/.exec(pathname)?.[1];
    const apiKey = request.headers.get('x-api-key') ?? undefined;
    const { method } = request;
    if (method === 'GET' && pathname === '/items') return respond(api.listItems());
    if (method === 'PATCH' && itemId !== undefined) {
      // An unreadable body reaches the API as undefined, which answers 400 (as on node:http).
      const patch = await request.json().catch(() => undefined);
      return respond(api.updateItem(itemId, apiKey, patch));
    }
    if (method === 'DELETE' && itemId !== undefined) return respond(api.deleteItem(itemId, apiKey));
    if (method === 'POST' && pathname === '/session') return respond(api.login());
    if (method === 'GET' && pathname === '/me')
      return respond(api.me(request.headers.get('cookie') ?? undefined));
    if (method === 'GET' && pathname === '/report.csv') {
      return new Response(streamOf(reportChunks(options.reportPaceMs)), { headers: reportHeaders() });
    }
    return respond({ status: 404, body: NOT_FOUND });
  });
}

/** An API answer as a Response (shared with the Hono server). */
export function respond({ status, headers, body }: Answer): Response {
  return body === undefined
    ? new Response(null, { status, headers })
    : Response.json(body, { status, headers });
}

/** A ReadableStream over an async iterator (ReadableStream.from is not in every runtime yet). */
function streamOf(chunks: AsyncIterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
}
