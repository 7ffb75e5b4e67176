// What the API does, with no framework in it: each route takes the parts of the request it needs
// and returns `{ status, headers, body }` as the contract declares it, so serveApi takes the answers
// as they are and the Hono and Express servers are only wiring.
import { DEMO_API_KEY, type Item } from './contract.ts';

export type { Item };

/** An answer: the shape of serveApi's handler results. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON (the report's body streams instead). */
  body?: unknown;
}

/** serveApi's answer to a path no route serves; the frameworks' routers answer the same. */
export const NOT_FOUND = { error: 'not-found', message: 'No route serves this path.' };

const failure = <S extends number>(status: S, error: string) => ({ status, body: { error } });

/** Set by POST /session, read by GET /me: the cookie-authenticated part of the API. */
export const SESSION_COOKIE = 'corskit_session';
const SESSION_VALUE = 'ada';

/** The download: a CSV report big enough for a progress bar to move. */
export const REPORT_BYTES = 1_048_576;
export const REPORT_CHUNK_BYTES = 65_536;

export function createApi() {
  const items: Item[] = [
    { id: 1, name: 'Read the Fetch Standard', done: true },
    { id: 2, name: 'Answer preflights with a long max-age', done: false },
    { id: 3, name: 'Expose the headers the client reads', done: false },
  ];
  let requests = 0;
  const requestId = () => `req-${++requests}`;

  return {
    listItems() {
      return { status: 200 as const, headers: { 'x-request-id': requestId() }, body: items };
    },

    /** `patch` is validated by the contract under serveApi; checked again for the frameworks' routers. */
    updateItem(id: string | number, apiKey: string | undefined, patch: unknown) {
      if (apiKey !== DEMO_API_KEY) return failure(401, 'Send X-API-Key: demo-key.');
      const item = items.find((candidate) => String(candidate.id) === String(id));
      if (item === undefined) return failure(404, `No item ${id}.`);
      const changes = readPatch(patch);
      if (changes === null) return failure(400, 'Send {"name"?: string, "done"?: boolean}.');
      Object.assign(item, changes);
      return { status: 200 as const, headers: { 'x-request-id': requestId() }, body: item };
    },

    deleteItem(id: string | number, apiKey: string | undefined) {
      if (apiKey !== DEMO_API_KEY) return failure(401, 'Send X-API-Key: demo-key.');
      const index = items.findIndex((candidate) => String(candidate.id) === String(id));
      if (index < 0) return failure(404, `No item ${id}.`);
      items.splice(index, 1);
      return { status: 204 as const };
    },

    login() {
      // SameSite=Lax is enough: localhost:5173 and localhost:8787 are the same site (ports don't count).
      // Set-Cookie is sent but not declared in the contract: no script can read it anyway.
      const cookie = `${SESSION_COOKIE}=${SESSION_VALUE}; Path=/; HttpOnly; SameSite=Lax`;
      return { status: 200 as const, headers: { 'set-cookie': cookie }, body: { user: SESSION_VALUE } };
    },

    me(cookieHeader: string | undefined) {
      const session = readCookie(cookieHeader, SESSION_COOKIE);
      if (session !== SESSION_VALUE) return failure(401, 'Not signed in: POST /session first.');
      return { status: 200 as const, body: { user: session } };
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** The report's headers: the decoded length is what lets a cross-origin script show a real total. */
export function reportHeaders() {
  return {
    'content-type': 'text/csv',
    'content-length': String(REPORT_BYTES),
    'x-decoded-content-length': String(REPORT_BYTES),
    'content-disposition': 'attachment; filename="report.csv"',
  } satisfies Record<string, string>;
}

/** An async iterable as a web stream (serveApi's bodies are Fetch bodies). */
export function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** The report, a chunk at a time, paced so that progress is visible on loopback. */
export async function* reportChunks(paceMs = 25): AsyncGenerator<Uint8Array> {
  const line = new TextEncoder().encode('2026-11-23,preflight,OPTIONS /items,204,0.4 ms\n');
  const chunk = new Uint8Array(REPORT_CHUNK_BYTES);
  for (let offset = 0; offset < chunk.length; offset += line.length) {
    chunk.set(line.subarray(0, chunk.length - offset), offset);
  }
  for (let sent = 0; sent < REPORT_BYTES; sent += chunk.length) {
    if (sent > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
    yield chunk;
  }
}

function readPatch(patch: unknown): Partial<Omit<Item, 'id'>> | null {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return null;
  const { name, done } = patch as Record<string, unknown>;
  if (name !== undefined && typeof name !== 'string') return null;
  if (done !== undefined && typeof done !== 'boolean') return null;
  return { ...(name === undefined ? {} : { name }), ...(done === undefined ? {} : { done }) };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
