// A script in a dedicated worker (createCorsFetch's `worker` option): what the engines do there that
// they do not do in a document, as the real-browser suite measured from data: and blob: workers
// (test/conformance/page-kinds.ts). Everything else is the same as in a document.

import { createCorsFetch, ENGINES } from '@corskit/core';
import { describe, expect, test } from 'vitest';
import { API, answer, harness, OTHER, PAGE, redirectTo, routes } from './helpers';

/** A blob: (or same-origin) worker the page started: its origin is the page's. */
const BLOB_WORKER = { origin: PAGE, worker: { creatorOrigin: PAGE } };
/** A data: worker the page started: opaque, its creator is not. */
const DATA_WORKER = { origin: 'null', worker: { creatorOrigin: PAGE } };
/** A data: worker a sandboxed iframe started: opaque, and so is its creator. */
const DATA_WORKER_OF_OPAQUE = { origin: 'null', worker: { creatorOrigin: 'null' } };

const conditional = { headers: { 'if-none-match': '"a"' } };

describe('a conditional request (If-* headers, cache mode default)', () => {
  test('Chromium revalidates it in a document (Cache-Control: max-age=0) but not in a worker', async () => {
    const document = harness(answer({ allowHeaders: '*' }), { engine: 'chromium' });
    await document.fetch(`${API}/x`, conditional);
    expect(document.server.requests()[0]?.headers['cache-control']).toBe('max-age=0');

    const worker = harness(answer({ allowHeaders: '*' }), { engine: 'chromium', ...BLOB_WORKER });
    await worker.fetch(`${API}/x`, conditional);
    expect(worker.server.requests()[0]?.headers['cache-control']).toBeUndefined();
  });

  test('Chromium: in a worker it uses the cached preflight answer, like any default-mode request', async () => {
    const put = (extra: Record<string, string>) => ({ method: 'PUT', headers: { 'x-a': '1', ...extra } });
    const run = async (options: Parameters<typeof harness>[1]) => {
      const { fetch, server } = harness(
        answer({ allowMethods: 'PUT', allowHeaders: '*', maxAge: '60' }),
        options,
      );
      await fetch(`${API}/x`, put({}));
      await fetch(`${API}/x`, put({ 'if-none-match': '"a"' }));
      return server.preflights().length;
    };
    expect(await run({ engine: 'chromium' })).toBe(2);
    expect(await run({ engine: 'chromium', ...BLOB_WORKER })).toBe(1);
  });

  test.each(['spec', 'firefox', 'webkit'] as const)(
    '%s: the same in a worker as in a document',
    async (engine) => {
      const document = harness(answer({ allowHeaders: '*' }), { engine });
      const worker = harness(answer({ allowHeaders: '*' }), { engine, ...BLOB_WORKER });
      await document.fetch(`${API}/x`, conditional);
      await worker.fetch(`${API}/x`, conditional);
      expect(worker.server.requests()[0]?.headers).toEqual(document.server.requests()[0]?.headers);
      expect(worker.server.requests()[0]?.headers['cache-control']).toBe('no-cache');
    },
  );
});

describe("a no-cors GET with credentials: 'include' from an opaque origin", () => {
  const credentialed = { mode: 'no-cors', credentials: 'include' } as const;
  const originSent = async (options: Parameters<typeof harness>[1]) => {
    const { fetch, server } = harness(answer(), options);
    await fetch(`${API}/x`, credentialed);
    return server.requests()[0]?.headers.origin ?? 'none';
  };

  test('Chromium: Origin: null from an opaque document, or from a worker an opaque document started', async () => {
    expect(await originSent({ engine: 'chromium', origin: 'null' })).toBe('null');
    expect(await originSent({ engine: 'chromium', ...DATA_WORKER })).toBe('none');
    expect(await originSent({ engine: 'chromium', ...DATA_WORKER_OF_OPAQUE })).toBe('null');
  });

  test('Firefox: Origin: null from an opaque document only, never from a worker', async () => {
    expect(await originSent({ engine: 'firefox', origin: 'null' })).toBe('null');
    expect(await originSent({ engine: 'firefox', ...DATA_WORKER })).toBe('none');
    expect(await originSent({ engine: 'firefox', ...DATA_WORKER_OF_OPAQUE })).toBe('none');
  });

  test.each(['spec', 'webkit'] as const)('%s: no Origin, document or worker', async (engine) => {
    expect(await originSent({ engine, origin: 'null' })).toBe('none');
    expect(await originSent({ engine, ...DATA_WORKER })).toBe('none');
  });
});

describe('a no-cors POST from a data: worker', () => {
  const post = { method: 'POST', mode: 'no-cors', body: 'x' } as const;
  const originSent = async (options: Parameters<typeof harness>[1], init: RequestInit = post) => {
    const { fetch, server } = harness(answer(), options);
    await fetch(`${API}/x`, init);
    return server.requests()[0]?.headers.origin ?? 'none';
  };

  test("WebKit sends the creator's origin where a document with an opaque origin sends null", async () => {
    expect(await originSent({ engine: 'webkit', origin: 'null' })).toBe('null');
    expect(await originSent({ engine: 'webkit', ...DATA_WORKER })).toBe(PAGE);
    expect(await originSent({ engine: 'webkit', ...DATA_WORKER_OF_OPAQUE })).toBe('null');
  });

  test('WebKit: after a 307 to another origin the POST says Origin: null, as a tainted request does', async () => {
    const { fetch, server } = harness(
      routes({ [`${API}/x`]: redirectTo(307, `${OTHER}/y`), [`${OTHER}/y`]: answer() }),
      { engine: 'webkit', ...DATA_WORKER },
    );
    await fetch(`${API}/x`, post);
    expect(server.requests().map((seen) => seen.headers.origin)).toEqual([PAGE, 'null']);
  });

  test('WebKit: a CORS request from the same worker still says Origin: null', async () => {
    expect(await originSent({ engine: 'webkit', ...DATA_WORKER }, { method: 'POST', body: 'x' })).toBe(
      'null',
    );
  });

  test.each(['spec', 'chromium', 'firefox'] as const)('%s: Origin: null', async (engine) => {
    expect(await originSent({ engine, ...DATA_WORKER })).toBe('null');
  });
});

describe('the worker option', () => {
  const make = (origin: string, worker: unknown) =>
    createCorsFetch({
      origin,
      fetch: async () => new Response(),
      worker: worker as { creatorOrigin: string },
    });

  test.each(ENGINES)('%s: a blob: worker behaves as its page on simple CORS requests', async (engine) => {
    const document = harness(answer(), { engine });
    const worker = harness(answer(), { engine, ...BLOB_WORKER });
    const a = await document.fetch(`${API}/x`);
    const b = await worker.fetch(`${API}/x`);
    expect([b.status, b.type]).toEqual([a.status, a.type]);
    expect(worker.server.log).toEqual(document.server.log);
  });

  test('accepts a worker of its creator’s origin, or an opaque one', () => {
    expect(() => make(PAGE, { creatorOrigin: PAGE })).not.toThrow();
    expect(() => make('null', { creatorOrigin: PAGE })).not.toThrow();
    expect(() => make('null', { creatorOrigin: 'null' })).not.toThrow();
  });

  test('refuses a creator origin that is not an origin, with the option named', () => {
    expect(() => make(PAGE, {})).toThrow(/options\.worker\.creatorOrigin must be the origin/);
    expect(() => make(PAGE, { creatorOrigin: `${PAGE}/` })).toThrow(TypeError);
    expect(() => make(PAGE, null)).toThrow(/got undefined/);
  });

  test('refuses a worker whose origin is neither its creator’s nor opaque', () => {
    expect(() => make(API, { creatorOrigin: PAGE })).toThrow(
      /a dedicated worker's origin is its creator's \(https:\/\/app\.example\.com\) or "null"/,
    );
  });
});
