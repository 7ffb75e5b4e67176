// The Next.js route handler, built with `next build` and served by `next start`, runs the example
// API's call table (examples/frameworks/test/table.ts) in every engine, like the other servers.
// Next.js answers with the same Access-Control-* headers; what it adds is its own, and said below.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ENGINES } from '@corskit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Outcome, WireAnswer } from '../../frameworks/test/page-session.ts';
import { APP, runTable, TABLE } from '../../frameworks/test/table.ts';

const here = fileURLToPath(new URL('..', import.meta.url));
const next = fileURLToPath(new URL('../node_modules/.bin/next', import.meta.url));
// `next build` takes about a minute on two busy cores (its TypeScript pass is skipped: the
// repository's own tsc checks the route).
const BUILD_TIMEOUT_MS = 600_000;

/**
 * What Next.js adds that is not CORS: its own Vary names (the RSC request headers, and
 * Accept-Encoding) around ours, and gzip on every answer (Node's fetch accepts it), so a script
 * reads Content-Encoding (the policy exposes it) where the other servers send none, and no
 * Content-Length. Remove exactly these; every Access-Control-* header must match the table.
 */
const NEXT_VARY = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'accept-encoding',
];

function withoutNextAdditions(outcome: Outcome): Outcome {
  const wire = (answer: WireAnswer | null) => {
    if (answer === null || answer.cors.vary === undefined) return answer;
    const vary = answer.cors.vary
      .split(',')
      .map((name) => name.trim())
      .filter((name) => !NEXT_VARY.includes(name.toLowerCase()))
      .join(', ');
    return { ...answer, cors: { ...answer.cors, vary } };
  };
  return {
    ...outcome,
    ...(outcome.readable ? { readable: outcome.readable.filter((name) => !FRAMING.includes(name)) } : {}),
    preflight: wire(outcome.preflight),
    response: wire(outcome.response),
  };
}

const FRAMING = ['content-encoding', 'content-length'];

const withoutFraming = (expected: Outcome): Outcome =>
  expected.readable
    ? { ...expected, readable: expected.readable.filter((name) => !FRAMING.includes(name)) }
    : expected;

/** `next start` on a free loopback port, for apps at APP; resolves once it says Ready. */
function startNext(): Promise<{ origin: string; close(): Promise<void> }> {
  const child = spawn(next, ['start', '-p', '0', '-H', '127.0.0.1'], {
    cwd: here,
    env: { ...process.env, APP_ORIGIN: APP, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port !== undefined && output.includes('Ready')) {
        resolve({
          origin: `http://localhost:${port}`,
          close: () => {
            const exited = new Promise<void>((done) => child.once('exit', () => done()));
            child.kill();
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => reject(new Error(`next start exited (${code}):\n${output}`)));
  });
}

beforeAll(async () => {
  await promisify(execFile)(next, ['build'], {
    cwd: here,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}, BUILD_TIMEOUT_MS);

describe.each(ENGINES)('Next.js route handler, %s', (engine) => {
  let outcomes: Outcome[] = [];
  let close = async () => {};
  // A fresh server for each engine, since the table changes the items.
  beforeAll(async () => {
    const server = await startNext();
    close = server.close;
    outcomes = await runTable(server.origin, engine);
  }, 60_000);
  afterAll(() => close());

  test.each(TABLE)('$name', (row) => {
    const outcome = outcomes[TABLE.indexOf(row)];
    expect(outcome && withoutNextAdditions(outcome)).toEqual(withoutFraming(row.expected));
  });
});
