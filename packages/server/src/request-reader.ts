// How adapters read a request: one small reader per request type, shared by every adapter over it.
import type { IncomingMessage } from 'node:http';

/** How an adapter reads the parts of its request object that the policy looks at. */
export interface RequestReader<R> {
  method(request: R): string;
  /** A header's value by lowercase name, or null when absent (or, for Node, repeated into a list). */
  header(request: R, name: string): string | null;
  /** The `host[:port]` the request was addressed to: the URL's authority, or the Host header. */
  host(request: R): string | null;
}

/** Reads a Fetch API Request (withCors, Hono, msw, and any Request-based adapter). */
export const fetchRequestReader: RequestReader<Request> = {
  method: (request) => request.method,
  header: (request, name) => request.headers.get(name),
  host: (request) => authorityOf(request.url),
};

/** Reads a Node IncomingMessage (node:http, Express, Connect, and any adapter over Node's request). */
export const nodeRequestReader: RequestReader<IncomingMessage> = {
  method: (request) => request.method ?? 'GET',
  header: (request, name) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : null;
  },
  host: (request) => {
    const { headers } = request;
    const host = headers.host ?? headers[':authority'];
    return typeof host === 'string' ? host : null;
  },
};

/** The `host[:port]` of an absolute URL (as Request#url always is). */
function authorityOf(url: string): string | null {
  const start = url.indexOf('//');
  if (start < 0) return null;
  let end = start + 2;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 0x2f || c === 0x3f || c === 0x23) break; // / ? #
    end++;
  }
  const authority = url.slice(start + 2, end);
  const at = authority.lastIndexOf('@');
  return at < 0 ? authority : authority.slice(at + 1);
}
