import { constants, createSecureServer, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import { bindLoopback } from '../support/loopback.ts';
import type { FetchHandler, Http1Server } from './http1.ts';

// The conformance servers over TLS and HTTP/2 only (ALPN h2, no HTTP/1.1 fallback), handing each
// stream to the same Fetch-API handler as http1.ts. Node's HTTP/2 layer takes method tokens verbatim
// (`patch`, `FOO`), so it can use Node's own parser.

/** Header names HTTP/2 forbids in a response (RFC 9113 8.2.2): Node refuses to send them. */
const CONNECTION_SPECIFIC = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
]);

/** Listens like http1.ts's `listen` (127.0.0.1 and ::1, one OS-assigned port), over TLS. */
export async function listenHttp2(
  handler: FetchHandler,
  tls: { key: Buffer; cert: Buffer },
): Promise<Http1Server> {
  const sessions = new Set<ServerHttp2Session>();
  const make = () => {
    // Whitespace around a value is trimmed as HTTP/1.1 parsers do (WebKit sends `1, ` for `1` and
    // an empty value appended), instead of dropping the field as RFC 9113 lets a server do.
    const server = createSecureServer({ ...tls, allowHTTP1: false, strictFieldWhitespaceValidation: false });
    server.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
      session.on('error', () => session.destroy());
    });
    // Node passes the header list as received (order and repeats kept) as the fourth argument.
    server.on(
      'stream',
      (stream: ServerHttp2Stream, _headers: unknown, _flags: number, rawHeaders: string[]) =>
        serveStream(stream, rawHeaders, handler),
    );
    return server;
  };
  const { port, servers } = await bindLoopback(make);
  return {
    port,
    close: async () => {
      for (const session of sessions) session.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

async function serveStream(stream: ServerHttp2Stream, rawHeaders: string[], handler: FetchHandler) {
  stream.on('error', () => stream.destroy());
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const response = await answer(handler, () => toRequest(rawHeaders, Buffer.concat(chunks)));
  if (stream.destroyed) return;
  const head: Record<string, string | string[]> = {
    [constants.HTTP2_HEADER_STATUS]: String(response.status),
  };
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie' && !CONNECTION_SPECIFIC.has(name)) head[name] = value;
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) head['set-cookie'] = cookies;
  const isHead = rawHeaders[rawHeaders.indexOf(':method') + 1] === 'HEAD';
  const body = isHead || response.body === null ? null : Buffer.from(await response.arrayBuffer());
  if (body && !response.headers.has('content-length') && response.status !== 204 && response.status !== 304) {
    head['content-length'] = String(body.byteLength);
  }
  stream.respond(head, { endStream: body === null });
  if (body) stream.end(body);
}

async function answer(handler: FetchHandler, makeRequest: () => Request): Promise<Response> {
  try {
    return await handler(makeRequest());
  } catch (error) {
    return new Response(`handler failed: ${String(error)}`, { status: 500 });
  }
}

/** The Fetch Request for one stream: pseudo-headers give the URL and method, the rest in order. */
function toRequest(rawHeaders: string[], body: Buffer): Request {
  const pseudo: Record<string, string> = {};
  const headers = new Headers();
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    if (name.startsWith(':')) pseudo[name] = value;
    // HTTP/2 may split Cookie into one field per pair; they join with "; " (RFC 9113 8.2.3).
    else if (name === 'cookie') cookies.push(value);
    else headers.append(name, value);
  }
  if (cookies.length) headers.set('cookie', cookies.join('; '));
  const method = pseudo[':method'] ?? 'GET';
  const hasBody = body.byteLength > 0 && method !== 'GET' && method !== 'HEAD';
  return new Request(`https://${pseudo[':authority'] ?? 'localhost'}${pseudo[':path'] ?? '/'}`, {
    method,
    headers,
    body: hasBody ? new Uint8Array(body) : null,
  });
}
