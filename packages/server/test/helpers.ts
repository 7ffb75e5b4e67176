import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type RequestListener,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CorsPolicy, withCors } from '@corskit/server';

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `listener` on an ephemeral 127.0.0.1 port. */
export async function serveOnLoopback(listener: RequestListener): Promise<LoopbackServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP/1.1 request with exactly these headers (no fetch() rules in the way). Rejects when Node
 * refuses to send a header value at all (CR, LF, NUL): such a value can never reach a server.
 */
export function rawRequest(url: string, method: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers, agent: false }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        body += chunk;
      });
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Response headers as a plain object with lowercase names, for compact assertions. */
export function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.entries());
}

/** Builds a Request, or null when the Fetch API refuses the header value (it then cannot be sent). */
export function requestOrNull(url: string, init: RequestInit): Request | null {
  try {
    return new Request(url, init);
  } catch {
    return null;
  }
}

/** A simple GET and a preflight with Origin `value`, answered through withCors. */
export async function answersTo(policy: CorsPolicy, value: string): Promise<Response[]> {
  const handler = withCors(policy, () => new Response('x'));
  const url = 'https://api.example.net/items';
  return [
    await handler(new Request(url, { headers: { origin: value } })),
    await handler(
      new Request(url, {
        method: 'OPTIONS',
        headers: { origin: value, 'access-control-request-method': 'GET' },
      }),
    ),
  ];
}
