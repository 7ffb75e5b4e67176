// The example API on every framework and runtime (node:http, Express, Fastify, Koa, Hono, Deno,
// Bun, workerd), called as a page script would call it in each engine. Every call must come out as
// the table says, on the wire (preflight or not, the CORS headers, Vary) and in the script (status
// or CorsError, readable headers, body), and byte for byte the same on every server.
import { ENGINES } from '@corskit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Outcome } from './page-session.ts';
import { serversFor } from './servers.ts';
import { APP, runTable, TABLE, type TableRow } from './table.ts';

const SERVERS = serversFor(APP);
const SERVER_NAMES = Object.keys(SERVERS);
// Three of the servers are child processes that take a few seconds to start on a loaded machine.
const START_TIMEOUT_MS = 180_000;

/**
 * The one difference that is not CORS: Bun (1.4) sends every streamed body chunked and drops the
 * Content-Length the route set, so a script there has no length to read. The CORS headers of that
 * answer are still compared whole.
 */
function onBun(row: TableRow, node: Outcome | undefined): Outcome | undefined {
  if (row.path !== '/report.csv' || node?.readable === undefined) return node;
  return { ...node, readable: node.readable.filter((name) => name !== 'content-length') };
}

describe.each(ENGINES)('%s', (engine) => {
  const outcomes = new Map<string, Outcome[]>();
  const closers: Array<() => Promise<void>> = [];

  // Fresh servers for each engine, since the table changes the items; one tab per server runs the
  // whole table in order.
  beforeAll(async () => {
    for (const name of SERVER_NAMES) {
      const server = await SERVERS[name]!();
      closers.push(server.close);
      outcomes.set(name, await runTable(server.origin, engine));
    }
  }, START_TIMEOUT_MS);
  afterAll(() => Promise.all(closers.map((close) => close())));

  test.each(TABLE)('$name', (row) => {
    const index = TABLE.indexOf(row);
    const node = outcomes.get('node:http')?.[index];
    expect(node, 'node:http').toEqual(row.expected);
    for (const name of SERVER_NAMES) {
      expect(outcomes.get(name)?.[index], name).toEqual(name === 'Bun' ? onBun(row, node) : node);
    }
  });
});
