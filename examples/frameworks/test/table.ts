// The calls every server of the example API must answer alike, in order, with what a page script
// at APP sees for each (the node:http server's answers, spelled out), and runTable, which makes
// the calls through one engine's tab. same-api.test.ts runs it against every framework and runtime
// here; examples/nextjs runs it against the Next.js route handler.
import type { Engine } from '@corskit/core';
import { DEMO_API_KEY, REPORT_BYTES } from '@corskit/example-api';
import { type Call, type Outcome, pageSession, type WireAnswer } from './page-session.ts';

/** The browser app's origin, which the servers are started for. */
export const APP = 'http://localhost:5173';

// What the contract's per-path policies (examples/api's contract.ts) put on the wire: credentials
// only on /session and /me, each path exposing only the headers its routes declare.
const ALLOWED = { 'access-control-allow-origin': APP };
const CREDENTIALED = { ...ALLOWED, 'access-control-allow-credentials': 'true' };
const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
const answered = (status: number, cors: Record<string, string> = {}): WireAnswer => ({
  status,
  cors: { ...ALLOWED, ...cors, vary: 'Origin' },
});
const ITEMS_EXPOSE = { 'access-control-expose-headers': 'x-request-id' };
const REPORT_EXPOSE = { 'access-control-expose-headers': 'content-encoding, x-decoded-content-length' };
const preflightAllows = (method: string, headers: string): WireAnswer => ({
  status: 204,
  cors: {
    ...ALLOWED,
    'access-control-allow-methods': method,
    'access-control-allow-headers': headers,
    'access-control-max-age': '600',
    vary: PREFLIGHT_VARY,
  },
});
const PREFLIGHT_REFUSED: WireAnswer = { status: 403, cors: { vary: PREFLIGHT_VARY } };

const WRITE_HEADERS = { 'X-API-Key': DEMO_API_KEY, 'Content-Type': 'application/json' };
const PATCH_ITEM_2: RequestInit = { method: 'PATCH', headers: WRITE_HEADERS, body: '{"done":true}' };
const ITEM_2_DONE = { id: 2, name: 'Answer preflights with a long max-age', done: true };

export interface TableRow extends Call {
  name: string;
  expected: Outcome;
}

// In order: later rows rely on earlier ones (the PATCH's cached preflight, the session cookie).
export const TABLE: TableRow[] = [
  {
    name: 'simple GET /items',
    path: '/items',
    expected: {
      result: 200,
      readable: ['content-length', 'content-type', 'x-request-id'],
      body: [
        { id: 1, name: 'Read the Fetch Standard', done: true },
        { id: 2, name: 'Answer preflights with a long max-age', done: false },
        { id: 3, name: 'Expose the headers the client reads', done: false },
      ],
      preflight: null,
      response: answered(200, ITEMS_EXPOSE),
    },
  },
  {
    name: 'PATCH with X-API-Key and JSON (preflighted)',
    path: '/items/2',
    init: PATCH_ITEM_2,
    expected: {
      result: 200,
      readable: ['content-length', 'content-type', 'x-request-id'],
      body: ITEM_2_DONE,
      preflight: preflightAllows('PATCH', 'content-type,x-api-key'),
      response: answered(200, ITEMS_EXPOSE),
    },
  },
  {
    name: 'the same PATCH again (answered from the preflight cache)',
    path: '/items/2',
    init: PATCH_ITEM_2,
    expected: {
      result: 200,
      readable: ['content-length', 'content-type', 'x-request-id'],
      body: ITEM_2_DONE,
      preflight: null,
      response: answered(200, ITEMS_EXPOSE),
    },
  },
  {
    name: 'DELETE with X-API-Key (preflighted)',
    path: '/items/3',
    init: { method: 'DELETE', headers: { 'X-API-Key': DEMO_API_KEY } },
    expected: {
      result: 204,
      readable: [],
      body: null,
      preflight: preflightAllows('DELETE', 'x-api-key'),
      response: answered(204, ITEMS_EXPOSE),
    },
  },
  {
    name: 'PUT (a method the policy refuses)',
    path: '/items/1',
    init: { ...PATCH_ITEM_2, method: 'PUT' },
    expected: { result: 'allow-origin-missing', preflight: PREFLIGHT_REFUSED, response: null },
  },
  {
    name: 'GET with X-Debug (a header the policy refuses)',
    path: '/items',
    init: { headers: { 'X-Debug': '1' } },
    expected: { result: 'allow-origin-missing', preflight: PREFLIGHT_REFUSED, response: null },
  },
  {
    name: 'GET from an origin the policy refuses',
    path: '/items',
    from: 'https://elsewhere.example',
    // Sent (it is simple) and answered, but without CORS headers the script gets no response.
    expected: {
      result: 'allow-origin-missing',
      preflight: null,
      response: { status: 200, cors: { vary: 'Origin' } },
    },
  },
  {
    name: 'POST /session with credentials',
    path: '/session',
    init: { method: 'POST', credentials: 'include' },
    // Set-Cookie is never readable; the cookie is still kept for the next call.
    expected: {
      result: 200,
      readable: ['content-length', 'content-type'],
      body: { user: 'ada' },
      preflight: null,
      response: answered(200, CREDENTIALED),
    },
  },
  {
    name: 'GET /me with credentials (the session cookie)',
    path: '/me',
    init: { credentials: 'include' },
    expected: {
      result: 200,
      readable: ['content-length', 'content-type'],
      body: { user: 'ada' },
      preflight: null,
      response: answered(200, CREDENTIALED),
    },
  },
  {
    name: 'GET /report.csv (streamed; its decoded length is readable)',
    path: '/report.csv',
    expected: {
      result: 200,
      readable: ['content-length', 'content-type', 'x-decoded-content-length'],
      body: REPORT_BYTES,
      preflight: null,
      response: answered(200, REPORT_EXPOSE),
    },
  },
  {
    name: 'GET an unknown route (the 404 carries CORS headers too)',
    path: '/nope',
    expected: {
      result: 404,
      readable: ['content-length', 'content-type'],
      body: { error: 'not-found', message: 'No route serves this path.' },
      preflight: null,
      response: answered(404, CREDENTIALED),
    },
  },
];

/** Makes every call of the table, in order, from one tab in `engine`, against the API at `origin`. */
export async function runTable(origin: string, engine: Engine): Promise<Outcome[]> {
  const call = pageSession(origin, APP, engine);
  const results: Outcome[] = [];
  for (const row of TABLE) results.push(await call(row));
  return results;
}
