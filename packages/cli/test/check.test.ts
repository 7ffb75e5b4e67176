// check() against in-process servers: the transport is a Fetch handler, so every request the check
// sends is counted and every answer is exactly what the test wrote.
import { definePolicy, withCors } from '@corskit/server';
import { describe, expect, it } from 'vitest';
import { type CheckOptions, check, NetworkFailure } from '../src/index.js';

const APP = 'https://app.example.com';
const API = 'https://api.example.com';

/** A transport that records requests and answers with `answer(request)`. */
function server(answer: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answer(request);
  };
  return { requests, fetch };
}

const policy = definePolicy({
  origins: [APP],
  methods: ['PATCH'],
  requestHeaders: ['content-type', 'x-api-key'],
  exposeHeaders: ['X-Request-Id'],
  credentials: true,
  maxAge: 86_400,
});

const api = () =>
  server(
    withCors(policy, () =>
      Response.json([1, 2, 3], { headers: { 'x-request-id': 'r1', 'x-internal': 'secret' } }),
    ),
  );

const run = (options: Partial<CheckOptions>, transport = api()) =>
  check({ url: `${API}/items`, origin: APP, fetch: transport.fetch, ...options }).then((report) => ({
    report,
    transport,
  }));

describe('a call the policy allows', () => {
  it('sends a simple GET once for all four engines, without a preflight', async () => {
    const { report, transport } = await run({});
    expect(report.allowed).toBe(true);
    expect(transport.requests.map((request) => request.method)).toEqual(['GET']);
    expect(report.exchanges).toEqual([
      expect.objectContaining({
        method: 'GET',
        status: 200,
        engines: ['spec', 'chromium', 'firefox', 'webkit'],
      }),
    ]);
    for (const verdict of report.engines) {
      expect(verdict).toMatchObject({ allowed: true, status: 200, failure: null });
      expect(verdict.preflight).toMatchObject({ needed: false, reasons: [], cacheSeconds: null });
    }
  });

  it('lists only the headers a script can read: safelisted and exposed, never the rest', async () => {
    const { report } = await run({});
    expect(report.engines[0]!.readableHeaders).toEqual(['content-type', 'x-request-id']);
  });

  it('sends one preflight and one PATCH however many engines are checked, and says why it preflights', async () => {
    const { report, transport } = await run({
      method: 'PATCH',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-API-Key', 'k'],
      ],
      body: '{}',
    });
    expect(report.allowed).toBe(true);
    expect(transport.requests.map((request) => request.method)).toEqual(['OPTIONS', 'PATCH']);
    const preflight = transport.requests[0]!;
    expect(preflight.headers.get('origin')).toBe(APP);
    expect(preflight.headers.get('access-control-request-method')).toBe('PATCH');
    expect(preflight.headers.get('access-control-request-headers')).toBe('content-type,x-api-key');
    expect(report.engines[0]!.preflight.reasons.map((reason) => reason.code)).toEqual([
      'method-not-safelisted',
      'content-type-not-safelisted',
      'header-not-safelisted',
    ]);
  });

  it("gives each engine's preflight cache lifetime: the server's max-age, capped by the engine", async () => {
    const { report } = await run({ method: 'PATCH' });
    const seconds = Object.fromEntries(report.engines.map((v) => [v.engine, v.preflight.cacheSeconds]));
    expect(seconds).toEqual({ spec: 86_400, chromium: 7200, firefox: 86_400, webkit: 600 });
    expect(report.engines[0]!.preflight.maxAge).toBe('86400');
  });

  it('knows the default lifetime when the server sends no max-age, and engines that cache nothing', async () => {
    const answer = (maxAge: string | null) =>
      server((request) => {
        const headers = new Headers({
          'access-control-allow-origin': APP,
          'access-control-allow-methods': 'PUT',
        });
        if (maxAge !== null) headers.set('access-control-max-age', maxAge);
        return new Response(null, { status: request.method === 'OPTIONS' ? 204 : 200, headers });
      });
    const absent = await run({ method: 'PUT' }, answer(null));
    expect(absent.report.engines.map((v) => v.preflight.cacheSeconds)).toEqual([5, 5, 5, 5]);
    const negative = await run({ method: 'PUT' }, answer('-1'));
    expect(negative.report.engines.map((v) => v.preflight.cacheSeconds)).toEqual([5, 0, 0, 0]);
  });
});

describe('a call the policy refuses', () => {
  it('stops at the refused preflight: the request itself is never sent', async () => {
    const { report, transport } = await run({ method: 'DELETE' });
    expect(report.allowed).toBe(false);
    expect(transport.requests.map((request) => request.method)).toEqual(['OPTIONS']);
    for (const verdict of report.engines) {
      expect(verdict.failure).toMatchObject({ code: 'allow-origin-missing', stage: 'preflight' });
    }
  });

  it('says the server refused the preflight outright and gives the whole answer the call needs', async () => {
    const { report } = await run({ method: 'DELETE', headers: [['X-Debug', '1']], credentials: true });
    const failure = report.engines[0]!.failure!;
    expect(failure.message).toContain('The OPTIONS answer (403) has no CORS headers at all');
    expect(failure.message).toContain('(DELETE, x-debug)');
    expect(failure.fix).toEqual([
      'HTTP/1.1 204 No Content',
      `Access-Control-Allow-Origin: ${APP}`,
      'Access-Control-Allow-Credentials: true',
      'Access-Control-Allow-Methods: DELETE',
      'Access-Control-Allow-Headers: x-debug',
    ]);
  });

  it('refuses an origin the policy does not list, at the response, with the header to send', async () => {
    const { report } = await run({ origin: 'https://evil.example' });
    expect(report.allowed).toBe(false);
    expect(report.engines[0]!.failure).toEqual({
      code: 'allow-origin-missing',
      stage: 'response',
      message: expect.stringContaining('no Access-Control-Allow-Origin'),
      fix: ['Access-Control-Allow-Origin: https://evil.example'],
    });
  });

  it('applies the credentials rules only to a credentialed call', async () => {
    const wildcard = () =>
      server(() => new Response('{}', { headers: { 'access-control-allow-origin': '*' } }));
    expect((await run({}, wildcard())).report.allowed).toBe(true);
    const { report } = await run({ credentials: true }, wildcard());
    expect(report.engines.map((v) => v.failure?.code)).toEqual(
      Array(4).fill('allow-origin-wildcard-with-credentials'),
    );
  });
});

describe('where the engines differ', () => {
  it('Chromium sends Save-Data: on without a preflight; the others ask first, and this policy refuses them', async () => {
    const { report, transport } = await run({ headers: [['Save-Data', 'on']] });
    expect(report.engines.map((v) => [v.engine, v.preflight.needed, v.allowed])).toEqual([
      ['spec', true, false],
      ['chromium', false, true],
      ['firefox', true, false],
      ['webkit', true, false],
    ]);
    // One shared preflight for the three engines that ask; the GET goes out for Chromium alone.
    expect(report.exchanges.map((e) => [e.method, e.status, e.engines])).toEqual([
      ['OPTIONS', 403, ['spec', 'firefox', 'webkit']],
      ['GET', 200, ['chromium']],
    ]);
    expect(transport.requests).toHaveLength(2);
  });

  it('Allow-Headers: * covers Authorization in the engines but not in the standard', async () => {
    const wildcard = server((request) => {
      const headers = { 'access-control-allow-origin': APP, 'access-control-allow-headers': '*' };
      return new Response(null, { status: request.method === 'OPTIONS' ? 204 : 200, headers });
    });
    const { report } = await run({ headers: [['Authorization', 'Bearer t']] }, wildcard);
    expect(report.engines.map((v) => [v.engine, v.allowed])).toEqual([
      ['spec', false],
      ['chromium', true],
      ['firefox', true],
      ['webkit', true],
    ]);
    expect(report.engines[0]!.failure?.code).toBe('authorization-not-covered-by-wildcard');
    expect(report.allowed).toBe(false);
  });

  it('Firefox names a header given twice twice, in the verdict as on the wire', async () => {
    const { report } = await run({
      method: 'PATCH',
      headers: [
        ['X-API-Key', 'a'],
        ['X-API-Key', 'b'],
      ],
    });
    expect(report.engines.map((v) => [v.engine, v.preflight.requestHeaders])).toEqual([
      ['spec', ['x-api-key']],
      ['chromium', ['x-api-key']],
      ['firefox', ['x-api-key', 'x-api-key']],
      ['webkit', ['x-api-key']],
    ]);
    const asked = report.exchanges
      .filter((e) => e.method === 'OPTIONS')
      .map((e) => [new Headers(e.requestHeaders).get('access-control-request-headers'), e.engines]);
    expect(asked).toEqual([
      ['x-api-key', ['spec', 'chromium', 'webkit']],
      ['x-api-key,x-api-key', ['firefox']],
    ]);
  });

  it('checks only the engines asked for', async () => {
    const { report } = await run({ engines: ['webkit'] });
    expect(report.engines.map((v) => v.engine)).toEqual(['webkit']);
  });
});

describe('download totals', () => {
  const body = (headers: Record<string, string>) =>
    server(
      () => new Response('x'.repeat(10), { headers: { 'access-control-allow-origin': APP, ...headers } }),
    );

  it('knows the total from an exposed X-Decoded-Content-Length', async () => {
    const transport = body({
      'x-decoded-content-length': '5000',
      'content-length': '1200',
      'content-encoding': 'gzip',
      'access-control-expose-headers': 'X-Decoded-Content-Length',
    });
    const { report } = await run({}, transport);
    expect(report.engines[0]!.progress).toMatchObject({ total: 5000, source: 'decoded-length' });
  });

  it('says a gzip Content-Length counts encoded bytes', async () => {
    const { report } = await run({}, body({ 'content-length': '1200', 'content-encoding': 'gzip' }));
    expect(report.engines[0]!.progress).toMatchObject({ total: null, source: 'none' });
    expect(report.engines[0]!.progress!.note).toContain('counts gzip-encoded bytes');
  });

  it('reads a plain Content-Length but warns that a script cannot prove the body is not compressed', async () => {
    const { report } = await run({}, body({ 'content-length': '10' }));
    expect(report.engines[0]!.progress).toMatchObject({ total: 10, source: 'content-length' });
    expect(report.engines[0]!.progress!.note).toContain('cannot tell the body is not compressed');
  });

  it('says a streamed body has no total, and a HEAD has nothing to download', async () => {
    const { report } = await run({}, body({}));
    expect(report.engines[0]!.progress).toMatchObject({ total: null, source: 'none' });
    expect(report.engines[0]!.progress!.note).toContain('no Content-Length');
    const head = await run({ method: 'HEAD' }, body({}));
    expect(head.report.engines[0]!.progress).toBeNull();
  });
});

describe('what fetch() itself refuses', () => {
  it('reports a forbidden method as refused before anything is sent', async () => {
    const { report, transport } = await run({ method: 'TRACE' });
    expect(transport.requests).toHaveLength(0);
    expect(report.engines[0]!.failure).toMatchObject({ code: 'request-invalid', stage: 'request' });
  });

  it('lists the headers a browser drops (Cookie) and sends the call without them', async () => {
    const { report, transport } = await run({ headers: [['Cookie', 'a=b']] });
    expect(report.engines[0]!.dropped).toEqual(['cookie']);
    expect(transport.requests[0]!.headers.has('cookie')).toBe(false);
  });
});

describe('bad options', () => {
  it.each([
    [{ url: 'not a url' }, /is not a URL/],
    [{ url: 'ftp://api.example.com/' }, /not an http:\/\/ or https:\/\/ URL/],
    [{ url: 'https://user:pw@api.example.com/' }, /credentials in it/],
    [{ origin: 'https://app.example.com/' }, /did you mean https:\/\/app\.example\.com\?/],
    [{ origin: 'app.example.com' }, /is not an origin/],
    [{ method: 'GE T' }, /not an HTTP method token/],
    [{ timeoutMs: 0 }, /positive number/],
    [{ engines: [] }, /No engine/],
  ] as const)('%j is a UsageError', async (options, message) => {
    await expect(run(options as Partial<CheckOptions>)).rejects.toMatchObject({
      name: 'UsageError',
      message: expect.stringMatching(message),
    });
  });
});

describe('the timeout bounds the whole check', () => {
  const later = (ms: number, answer: () => Response) =>
    new Promise<Response>((resolve) => setTimeout(() => resolve(answer()), ms));

  it('a transport that never settles and ignores its abort signal still ends in a timeout', async () => {
    const failure = await check({
      url: `${API}/items`,
      origin: APP,
      timeoutMs: 100,
      fetch: () => new Promise<Response>(() => {}),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NetworkFailure);
    expect(failure).toMatchObject({
      kind: 'timeout',
      message: `No answer from ${API} within 0.1 s (--timeout to wait longer).`,
    });
  });

  it('counts every request: a preflight and a request that each take most of it time out together', async () => {
    const transport = server((request) => later(300, () => api().fetch(request) as never));
    const failure = await run({ method: 'PATCH', timeoutMs: 500 }, transport).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ name: 'NetworkFailure', kind: 'timeout' });
    // The preflight was answered; the PATCH was sent, and given up on at the deadline.
    expect(transport.requests.map((request) => request.method)).toEqual(['OPTIONS', 'PATCH']);
  });

  it('aborts the signal it gave the transport when the time is up', async () => {
    let signal: AbortSignal | undefined;
    await check({
      url: `${API}/items`,
      origin: APP,
      timeoutMs: 50,
      fetch: (_request, init) => {
        signal = init?.signal;
        return new Promise<Response>(() => {});
      },
    }).catch(() => {});
    expect(signal?.aborted).toBe(true);
  });
});

describe('a transport that answers with a network error', () => {
  it('Response.error() is a NetworkFailure, not a verdict', async () => {
    const failure = await run(
      {},
      server(() => Response.error()),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NetworkFailure);
    expect(failure).toMatchObject({
      kind: 'other',
      message: `The request to ${API}/items failed: The transport answered with a network error (Response.error()).`,
    });
  });
});
