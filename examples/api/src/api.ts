// What the API does, with no framework in it: each route takes the parts of the request it needs
// and returns a plain answer, so the Node, Hono and Express servers are only wiring.
import { DEMO_API_KEY } from './policy.ts';

export interface Item {
  id: number;
  name: string;
  done: boolean;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  json?: unknown;
}

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
    listItems(): Answer {
      return { status: 200, headers: { 'x-request-id': requestId() }, json: items };
    },

    updateItem(id: string, apiKey: string | undefined, patch: unknown): Answer {
      if (apiKey !== DEMO_API_KEY) return { status: 401, json: { error: 'Send X-API-Key: demo-key.' } };
      const item = items.find((candidate) => String(candidate.id) === id);
      if (item === undefined) return { status: 404, json: { error: `No item ${id}.` } };
      const changes = readPatch(patch);
      if (changes === null)
        return { status: 400, json: { error: 'Send {"name"?: string, "done"?: boolean}.' } };
      Object.assign(item, changes);
      return { status: 200, headers: { 'x-request-id': requestId() }, json: item };
    },

    deleteItem(id: string, apiKey: string | undefined): Answer {
      if (apiKey !== DEMO_API_KEY) return { status: 401, json: { error: 'Send X-API-Key: demo-key.' } };
      const index = items.findIndex((candidate) => String(candidate.id) === id);
      if (index < 0) return { status: 404, json: { error: `No item ${id}.` } };
      items.splice(index, 1);
      return { status: 204 };
    },

    login(): Answer {
      // SameSite=Lax is enough: localhost:5173 and localhost:8787 are the same site (ports don't count).
      const cookie = `${SESSION_COOKIE}=${SESSION_VALUE}; Path=/; HttpOnly; SameSite=Lax`;
      return { status: 200, headers: { 'set-cookie': cookie }, json: { user: SESSION_VALUE } };
    },

    me(cookieHeader: string | undefined): Answer {
      const session = readCookie(cookieHeader, SESSION_COOKIE);
      if (session !== SESSION_VALUE)
        return { status: 401, json: { error: 'Not signed in: POST /session first.' } };
      return { status: 200, json: { user: session } };
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** The report's headers: the decoded length is what lets a cross-origin script show a real total. */
export function reportHeaders(): Record<string, string> {
  return {
    'content-type': 'text/csv',
    'content-length': String(REPORT_BYTES),
    'x-decoded-content-length': String(REPORT_BYTES),
    'content-disposition': 'attachment; filename="report.csv"',
  };
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
