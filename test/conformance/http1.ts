import { STATUS_CODES } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { bindLoopback } from '../support/loopback.ts';

// A minimal HTTP/1.1 server that hands each request to a Fetch-API handler.
// Node's own http parser answers 400 to method tokens it does not know (`patch`, `delete`, `FOO`),
// which browsers send verbatim, so the conformance servers parse requests themselves.

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface Http1Server {
  port: number;
  close(): Promise<void>;
}

const MAX_HEAD_BYTES = 64 * 1024;

/**
 * Listens on an OS-assigned loopback port, on 127.0.0.1 and (where the machine has it) on ::1 too,
 * so that a browser resolving `localhost` to either address reaches the same handler.
 */
export async function listen(handler: FetchHandler): Promise<Http1Server> {
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serveConnection(socket, handler);
  };
  const { port, servers } = await bindLoopback(() => createServer(onConnection));
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

/** Reads requests off one keep-alive connection, answering them in order. */
function serveConnection(socket: Socket, handler: FetchHandler): void {
  let buffered = Buffer.alloc(0);
  let busy = false;

  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      for (;;) {
        const parsed = parseRequest(buffered);
        if (parsed === 'incomplete') break;
        if (parsed === 'invalid') {
          socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          return;
        }
        buffered = buffered.subarray(parsed.consumed);
        const host = parsed.headers.find(([name]) => name === 'host')?.[1] ?? '127.0.0.1';
        const response = await answer(handler, () => toRequest(parsed, host));
        if (socket.destroyed) return;
        socket.write(await serializeResponse(response, parsed.method === 'HEAD'));
        if (/close/i.test(parsed.headers.find(([name]) => name === 'connection')?.[1] ?? '')) {
          socket.end();
          return;
        }
      }
    } finally {
      busy = false;
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    void pump();
  });
}

async function answer(handler: FetchHandler, makeRequest: () => Request): Promise<Response> {
  try {
    return await handler(makeRequest());
  } catch (error) {
    return new Response(`handler failed: ${String(error)}`, { status: 500 });
  }
}

interface ParsedRequest {
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body: Buffer | null;
  consumed: number;
}

function parseRequest(data: Buffer): ParsedRequest | 'incomplete' | 'invalid' {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return data.length > MAX_HEAD_BYTES ? 'invalid' : 'incomplete';
  // latin1 keeps every byte as one code unit, as Headers' ByteString values expect.
  const [requestLine = '', ...headerLines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const requestMatch = /^(\S+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (!requestMatch) return 'invalid';

  const headers: Array<[string, string]> = [];
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'invalid';
    headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }

  const bodyStart = headEnd + 4;
  const header = (name: string) => headers.find(([n]) => n === name)?.[1];
  if (/chunked/i.test(header('transfer-encoding') ?? '')) {
    const chunked = decodeChunked(data, bodyStart);
    if (chunked === 'incomplete' || chunked === 'invalid') return chunked;
    return { method: requestMatch[1]!, target: requestMatch[2]!, headers, ...chunked };
  }
  const length = Number(header('content-length') ?? 0);
  if (!Number.isInteger(length) || length < 0) return 'invalid';
  if (data.length < bodyStart + length) return 'incomplete';
  return {
    method: requestMatch[1]!,
    target: requestMatch[2]!,
    headers,
    body: length > 0 ? data.subarray(bodyStart, bodyStart + length) : null,
    consumed: bodyStart + length,
  };
}

function decodeChunked(
  data: Buffer,
  start: number,
): { body: Buffer; consumed: number } | 'incomplete' | 'invalid' {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return 'incomplete';
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return 'invalid';
    const chunkStart = lineEnd + 2;
    if (size === 0) {
      // No trailers are expected from browsers: the last chunk is followed by an empty line.
      if (data.length < chunkStart + 2) return 'incomplete';
      return { body: Buffer.concat(parts), consumed: chunkStart + 2 };
    }
    if (data.length < chunkStart + size + 2) return 'incomplete';
    parts.push(data.subarray(chunkStart, chunkStart + size));
    at = chunkStart + size + 2;
  }
}

function toRequest(parsed: ParsedRequest, host: string): Request {
  const headers = new Headers();
  for (const [name, value] of parsed.headers) headers.append(name, value);
  const hasBody = parsed.body !== null && parsed.method !== 'GET' && parsed.method !== 'HEAD';
  return new Request(`http://${host}${parsed.target}`, {
    method: parsed.method,
    headers,
    body: hasBody ? new Uint8Array(parsed.body!) : null,
  });
}

async function serializeResponse(response: Response, isHead: boolean): Promise<Buffer> {
  const body = isHead || response.body === null ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? 'Status'}`];
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') lines.push(`${name}: ${value}`);
  }
  for (const cookie of response.headers.getSetCookie()) lines.push(`set-cookie: ${cookie}`);
  if (!response.headers.has('content-length') && response.status !== 204 && response.status !== 304) {
    lines.push(`content-length: ${body.byteLength}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
