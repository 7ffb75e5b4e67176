// @corskit/fetch in real Chromium: the client runs in a page on one loopback origin and calls an API
// on another. Checks that predictions match the preflights the API sees, that warnings fire with the
// right reasons, that download progress is honest, and that CorsError diagnoses refusals.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { scenarios } from './fetch-browser.page.js';
import { CHROMIUM, chromiumArgs } from './support/browsers.ts';
import { bundleForBrowser } from './support/bundle.ts';

// ---------------------------------------------------------------------------------------------
// The API: a CORS policy per first path segment, a log of every request, progress bodies.

interface ApiPolicy {
  origins: string[] | '*';
  methods?: string[];
  requestHeaders?: string[];
  exposeHeaders?: string[];
  credentials?: boolean;
}
interface Logged {
  method: string;
  path: string;
  requestHeaders: string | null;
}

const BODY = 'corskit honest progress; '.repeat(4000); // 100 000 bytes, compresses well
const BODY_BYTES = Buffer.byteLength(BODY);

function apiPolicies(page: string): Record<string, ApiPolicy> {
  return {
    api: {
      origins: [page],
      methods: ['PUT', 'DELETE'],
      requestHeaders: ['x-a', 'content-type'],
      exposeHeaders: ['x-decoded-content-length'],
    },
    closed: { origins: ['https://elsewhere.example'] },
    wild: { origins: '*' },
    cred: { origins: [page], credentials: true },
  };
}

/** Writes `bytes` in four parts with pauses, so the page reads it in several chunks. */
async function writeInParts(response: ServerResponse, bytes: Buffer) {
  const size = Math.ceil(bytes.length / 4);
  for (let at = 0; at < bytes.length; at += size) {
    response.write(bytes.subarray(at, at + size));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  response.end();
}

function progressHeaders(kind: string): { headers: Record<string, string | number>; bytes: Buffer } {
  const identity = Buffer.from(BODY);
  const gzipped = gzipSync(identity);
  switch (kind) {
    case 'identity':
      return {
        bytes: identity,
        headers: { 'content-length': BODY_BYTES, 'x-decoded-content-length': BODY_BYTES },
      };
    case 'gzip':
      return {
        bytes: gzipped,
        headers: {
          'content-encoding': 'gzip',
          'content-length': gzipped.length,
          'x-decoded-content-length': BODY_BYTES,
        },
      };
    case 'gzip-unexposed':
      return { bytes: gzipped, headers: { 'content-encoding': 'gzip', 'content-length': gzipped.length } };
    default:
      return { bytes: identity, headers: {} }; // chunked: no length at all
  }
}

function startApi(log: Logged[], policies: () => Record<string, ApiPolicy>) {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';
    const requestHeaders = request.headers['access-control-request-headers'] ?? null;
    log.push({ method, path, requestHeaders: typeof requestHeaders === 'string' ? requestHeaders : null });
    const policy = policies()[path.split('/')[1] ?? ''] ?? { origins: [] };
    const origin = request.headers.origin ?? '';
    const cors: Record<string, string> = {};
    if (policy.origins === '*' || policy.origins.includes(origin)) {
      cors['access-control-allow-origin'] = policy.origins === '*' ? '*' : origin;
      cors.vary = 'Origin';
      if (policy.credentials) cors['access-control-allow-credentials'] = 'true';
      if (policy.exposeHeaders) cors['access-control-expose-headers'] = policy.exposeHeaders.join(', ');
      if (method === 'OPTIONS') {
        if (policy.methods) cors['access-control-allow-methods'] = policy.methods.join(', ');
        if (policy.requestHeaders) cors['access-control-allow-headers'] = policy.requestHeaders.join(', ');
        cors['access-control-max-age'] = '0';
      }
    }
    request.resume();
    if (method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    const progress = /^\/api\/progress\/([\w-]+)$/.exec(path);
    if (progress) {
      const { headers, bytes } = progressHeaders(progress[1] ?? '');
      response.writeHead(200, { ...cors, 'content-type': 'text/plain; charset=utf-8', ...headers });
      void writeInParts(response, bytes);
      return;
    }
    response.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"ok":true}');
  });
}

/** The page server: an HTML page and the client bundled for the browser. */
function startPage(script: string) {
  return createServer((request, response) => {
    if (request.url?.startsWith('/client.js')) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>corskit</title><script type="module" src="/client.js"></script>');
    }
  });
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

// ---------------------------------------------------------------------------------------------
// Chromium over the DevTools protocol, so the test owns the process and can always kill it.

interface Browser {
  open(url: string): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'corskit-fetch-chromium-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [...chromiumArgs(profile), '--remote-debugging-port=0', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 15_000);
      child.stderr?.on('data', (data: Buffer) => {
        output += data;
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', () => reject(new Error(`Chromium exited:\n${output}`)));
    });
    const socket = new WebSocket(endpoint);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    let nextId = 0;
    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    const listeners: Array<(message: { method?: string; sessionId?: string }) => void> = [];
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data));
      if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error.message));
        else waiter?.resolve(message.result);
      } else {
        for (const listener of listeners) listener(message);
      }
    };
    const send = <T>(method: string, params: object = {}, sessionId?: string) =>
      new Promise<T>((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, params, sessionId }));
      });
    const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    await send('Page.enable', {}, sessionId);
    return {
      async open(url) {
        const loaded = new Promise<void>((resolve) =>
          listeners.push((message) => {
            if (message.method === 'Page.loadEventFired' && message.sessionId === sessionId) resolve();
          }),
        );
        await send('Page.navigate', { url }, sessionId);
        await loaded;
      },
      async evaluate<T>(expression: string) {
        const { result, exceptionDetails } = await send<{
          result: { value: T };
          exceptionDetails?: { exception?: { description?: string }; text: string };
        }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
        if (exceptionDetails)
          throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
        return result.value;
      },
      async close() {
        socket.close();
        await kill();
      },
    };
  } catch (error) {
    await kill();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------

type Scenarios = typeof scenarios;
type Outcome<K extends keyof Scenarios> = Awaited<ReturnType<Scenarios[K]>>;

describe('@corskit/fetch in Chromium', () => {
  const log: Logged[] = [];
  let page = '';
  let browser: Browser | undefined;
  const servers: Server[] = [];
  const run = <K extends keyof Scenarios>(name: K, ...args: Parameters<Scenarios[K]>) =>
    browser!.evaluate<Outcome<K>>(`window.scenarios.${name}(...${JSON.stringify(args)})`);
  const seen = (path: string) => log.filter((entry) => entry.path === path);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (scripts/ensure-browsers.sh).`);
    const pageServer = startPage(await bundleForBrowser('test/fetch-browser.page.ts'));
    servers.push(pageServer);
    page = await listen(pageServer);
    const apiServer = startApi(log, () => apiPolicies(page));
    servers.push(apiServer);
    const api = await listen(apiServer);
    browser = await launchChromium();
    await browser.open(`${page}/?api=${encodeURIComponent(`${api}/`)}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('predicts exactly the preflights the API sees', { timeout: 60_000 }, async () => {
    const { results, report } = await run('predictions');
    expect(results.length).toBe(12);
    for (const result of results) {
      const options = seen(result.path).filter((entry) => entry.method === 'OPTIONS');
      expect(options.length, `${result.name}: preflights seen`).toBe(result.preflight ? 1 : 0);
      if (result.preflight) {
        expect(options[0]?.requestHeaders ?? '', result.name).toBe(result.requestHeaders.join(','));
      }
    }
    const byName = Object.fromEntries(results.map((result) => [result.name, result]));
    // Chromium safelists client hints (the engine was detected from the user agent).
    expect(byName['dpr']).toMatchObject({ preflight: false, outcome: 'ok' });
    expect(byName['json']).toMatchObject({
      preflight: true,
      requestHeaders: ['content-type'],
      outcome: 'ok',
    });
    expect(byName['hook']).toMatchObject({ preflight: true, requestHeaders: ['x-a'] });
    expect(byName['search']).toMatchObject({ path: '/api/pred/search?q=x', preflight: false });
    expect(byName['multi-range']).toMatchObject({ preflight: true, outcome: 'CorsError' });
    expect(report.requests).toBe(12);
    expect(report.preflights).toBe(results.filter((result) => result.preflight).length);
  });

  it('warns with the right reasons, once per route', { timeout: 60_000 }, async () => {
    const { warnings } = await run('predictions');
    const preflight = Object.fromEntries(
      warnings
        .filter((w) => w.kind === 'preflight')
        .map((w) => [w.route.replace(/^.*\/pred\//, ''), w.codes]),
    );
    expect(preflight).toEqual({
      'get-x-a': ['header-not-safelisted'],
      json: ['content-type-not-safelisted'],
      put: ['method-not-safelisted'],
      delete: ['method-not-safelisted'],
      'language-value': ['header-value-not-safelisted'],
      'multi-range': ['range-not-simple'],
      hook: ['header-not-safelisted'],
    });
    const policy = warnings
      .filter((w) => w.kind === 'policy')
      .map((w) => [w.route.replace(/^.*\/pred\//, ''), w.codes]);
    expect(policy).toEqual([
      ['language-value', ['policy-header-not-allowed']],
      ['multi-range', ['policy-header-not-allowed']],
    ]);
    const json = warnings.find((w) => w.kind === 'preflight' && w.route.endsWith('/json'));
    expect(json?.message).toMatch(/chromium keeps a preflight answer for 0 s/);
  });

  it.each([
    ['identity', 'decoded-length'],
    ['gzip', 'decoded-length'],
    ['gzip-unexposed', 'unknown'],
    ['chunked', 'unknown'],
  ])('reports honest download progress for a %s body', { timeout: 60_000 }, async (kind, source) => {
    const { events, warnings, length } = await run('progress', kind);
    expect(length).toBe(BODY_BYTES);
    const last = events.at(-1);
    expect(last).toEqual({ transferredBytes: BODY_BYTES, totalBytes: BODY_BYTES, percent: 1, done: true });
    const during = events.slice(0, -1);
    expect(during.length).toBeGreaterThanOrEqual(2);
    for (const [index, event] of during.entries()) {
      expect(event.transferredBytes).toBeGreaterThanOrEqual(during[index - 1]?.transferredBytes ?? 0);
      if (source === 'unknown') {
        expect(event).toMatchObject({ totalBytes: null, percent: null, done: false });
      } else {
        expect(event).toMatchObject({ totalBytes: BODY_BYTES, percent: event.transferredBytes / BODY_BYTES });
      }
    }
    if (kind === 'gzip-unexposed') {
      expect(warnings.map((w) => w.kind)).toEqual(['download-progress']);
      expect(warnings[0]?.message).toMatch(/counted the encoded body, which decoded to 100000 bytes/);
    } else {
      expect(warnings).toEqual([]);
    }
  });

  it('throws a diagnosed CorsError for refused calls, without retrying them', {
    timeout: 60_000,
  }, async () => {
    const outcomes = Object.fromEntries((await run('failures')).map((outcome) => [outcome.name, outcome]));
    expect(outcomes['refused-origin-policy']).toMatchObject({ isCorsError: true, code: 'refused' });
    expect(outcomes['refused-origin-policy']?.causes[0]).toBe('policy-origin-not-allowed');
    expect(outcomes['refused-origin-policy']?.message).toMatch(
      /does not allow the origin http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(outcomes['refused-origin']?.causes).toEqual(['allow-origin-missing']);
    expect(outcomes['missing-allow-headers']?.causes.slice(0, 2)).toEqual([
      'policy-header-not-allowed',
      'preflight-refused',
    ]);
    expect(outcomes['missing-allow-headers']?.message).toMatch(/Access-Control-Allow-Headers: x-b/);
    expect(outcomes['credentials-wildcard']?.causes[0]).toBe('credentials-rejected');
    expect(outcomes['credentials-wildcard']?.message).toMatch(
      /not \*\) and send Access-Control-Allow-Credentials: true/,
    );
    expect(outcomes['credentials-policy']?.causes[0]).toBe('policy-credentials-not-allowed');
    expect(outcomes['credentials-ok']?.error).toBeUndefined(); // the credentialed call succeeded
    expect(outcomes['credentials-ok']?.message).toBe('');
    expect(outcomes['network']).toMatchObject({ isCorsError: false, error: 'NetworkError' });
    // ky retries GET twice on a network error; a CORS refusal is sent once, then probed once.
    expect(seen('/closed/r1').map((entry) => entry.method)).toEqual(['GET', 'HEAD']);
    expect(seen('/api/h1').map((entry) => entry.method)).toEqual(['OPTIONS', 'HEAD']);
    expect(seen('/wild/c1').map((entry) => entry.method)).toEqual(['GET', 'HEAD']);
  });

  it('types calls by a contract, with its preflights, credentials and CORS failures as the browser has them', {
    timeout: 60_000,
  }, async () => {
    const outcome = await run('contract');
    expect(outcome.predicted).toEqual({ getOk: false, putOk: ['content-type', 'x-a'] });
    expect(outcome.getOk).toMatchObject({ status: 200, body: { ok: true } });
    expect(outcome.putOk).toMatchObject({ status: 200, body: { ok: true } });
    expect(outcome.signedIn).toMatchObject({ status: 200, body: { ok: true } });
    expect(outcome.closed).toMatchObject({ error: 'CorsError' });
    expect(outcome.closed.causes).toContain('allow-origin-missing');
    // The path param is one encoded segment; the PUT is preflighted once, the GET never.
    expect(seen('/api/ct/a%20b').map((entry) => [entry.method, entry.requestHeaders])).toEqual([
      ['OPTIONS', 'content-type,x-a'],
      ['PUT', null],
    ]);
    expect(seen('/api/ct/1').map((entry) => entry.method)).toEqual(['GET']);
    expect(outcome.warnings).toEqual(['preflight']);
  });
});
