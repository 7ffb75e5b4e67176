// A Fetch handler (withCors, serveApi) as a node:http listener: Request in, Response streamed out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FetchHandler } from '../types.js';

/** The Request a Node request stands for (the body streams, unread until the handler reads it). */
export function toRequest(request: IncomingMessage): Request {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const method = request.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = Readable.toWeb(request) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(url, init);
}

async function write(response: Response, target: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  target.writeHead(response.status, headers);
  if (response.body === null) {
    target.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!target.write(chunk)) await new Promise((resolve) => target.once('drain', resolve));
  }
  target.end();
}

/**
 * `http.createServer(fetchListener(serveApi(api, handlers)))`: serves a Fetch handler on node:http,
 * streaming the response. A handler that rejects (rather than answering a 500) ends the connection.
 */
export function fetchListener(
  handler: FetchHandler,
): (request: IncomingMessage, response: ServerResponse) => void {
  if (typeof handler !== 'function')
    throw new TypeError('fetchListener(handler): handler must be a function.');
  return (request, response) => {
    Promise.resolve()
      .then(() => handler(toRequest(request)))
      .then((answer) => write(answer, response))
      .catch((error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))));
  };
}
