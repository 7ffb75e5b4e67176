// A Cloudflare Worker (run here by workerd, Cloudflare's runtime): the example API's Fetch handler
// (src/fetch.ts) for the apps in the APP_ORIGIN binding. `node src/workerd.ts` bundles and serves it.
import { fetchApi } from './fetch.ts';

interface Env {
  APP_ORIGIN?: string;
}

/** workerd's stream that sends a body of known length with Content-Length instead of chunked. */
declare const FixedLengthStream: new (length: number) => TransformStream<Uint8Array, Uint8Array>;

let handler: ((request: Request) => Promise<Response>) | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // Bindings arrive with the first request; the API (and its items) lives as long as the isolate.
    handler ??= fetchApi({ appOrigins: env.APP_ORIGIN?.split(',').map((origin) => origin.trim()) });
    return withLength(await handler(request));
  },
};

/**
 * A streamed body whose Content-Length the API set goes out with it (workerd would otherwise drop
 * the header and send the body chunked, as Node, Deno and Bun do not).
 */
function withLength(response: Response): Response {
  const length = Number(response.headers.get('content-length'));
  if (response.body === null || !Number.isSafeInteger(length) || length <= 0) return response;
  return new Response(response.body.pipeThrough(new FixedLengthStream(length)), response);
}
