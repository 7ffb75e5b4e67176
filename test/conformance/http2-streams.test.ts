// HTTPS with HTTP/2 in Chromium, measured: a page on https calls an API that speaks HTTP/2 and one
// that speaks only HTTP/1.1 (both on TLS, with a certificate from a throwaway CA that Chromium's
// NSS database trusts), with a ReadableStream upload (`duplex: 'half'`) and with ky's onUploadProgress
// through @corskit/fetch's createClient. createCorsFetch for chromium must predict the preflight and
// the outcome over HTTP/2. CORSKIT_SKIP_ENGINES=chromium skips it visibly.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCorsFetch } from '@corskit/core';
import { createClient } from '@corskit/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visit } from '../support/browsers.ts';
import { bundleForBrowser } from '../support/bundle.ts';
import { localCertificateAuthority } from '../support/certificates.ts';
import type { ScenarioResult } from './http2/page.ts';

const UPLOAD_BYTES = 100_000;

interface Arrival {
  api: 'h1' | 'h2';
  path: string;
  method: string;
  preflight: boolean;
  acrh: string | null;
  httpVersion: string;
  bodyBytes: number;
}

/** What both APIs answer, in the browser's run and the model's: CORS for the page, the byte count. */
function answer(page: string, method: string, preflight: boolean, bodyBytes: number) {
  const cors = { 'access-control-allow-origin': page };
  if (preflight)
    return {
      status: 204,
      headers: { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': '*' },
      body: null,
    };
  return {
    status: 200,
    headers: { ...cors, 'cache-control': 'no-store' },
    body: `${method} ${bodyBytes} bytes`,
  };
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`https://localhost:${(server.address() as AddressInfo).port}`),
    ),
  );

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

async function readBody(request: AnyRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const skipped = (process.env['CORSKIT_SKIP_ENGINES'] ?? '').toLowerCase().includes('chromium');

describe.skipIf(skipped)('Chromium over HTTPS: stream uploads on HTTP/2 and HTTP/1.1', () => {
  const arrivals: Arrival[] = [];
  let results: ScenarioResult[] = [];
  let page = '';
  const apis = { h1: '', h2: '' };
  const servers: Server[] = [];
  let certDir = '';

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'corskit-h2-'));
    const { key, cert, caFile } = localCertificateAuthority(certDir);
    const script = await bundleForBrowser('test/conformance/http2/page.ts');
    let report: (value: ScenarioResult[]) => void = () => {};
    const reported = new Promise<ScenarioResult[]>((resolve) => {
      report = resolve;
    });

    const pageServer = createSecureServer({ key, cert, allowHTTP1: true }, async (request, response) => {
      if (request.url.startsWith('/report')) {
        report(JSON.parse((await readBody(request)).toString()) as ScenarioResult[]);
        response.writeHead(204).end();
      } else if (request.url.startsWith('/page.js')) {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      } else {
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><title>corskit h2</title><script type="module" src="/page.js"></script>');
      }
    });
    const api = (name: 'h1' | 'h2') => async (request: AnyRequest, response: AnyResponse) => {
      const body = await readBody(request);
      const preflight =
        request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
      const acrh = request.headers['access-control-request-headers'];
      arrivals.push({
        api: name,
        path: request.url ?? '',
        method: request.method ?? '',
        preflight,
        acrh: typeof acrh === 'string' ? acrh : null,
        httpVersion: request.httpVersion,
        bodyBytes: body.length,
      });
      const answered = answer(page, request.method ?? '', preflight, body.length);
      (response as ServerResponse)
        .writeHead(answered.status, answered.headers)
        .end(answered.body ?? undefined);
    };
    const h2 = createSecureServer({ key, cert }, api('h2'));
    const h1 = createHttpsServer({ key, cert }, api('h1'));
    servers.push(pageServer, h2, h1);
    page = await listen(pageServer);
    apis.h2 = await listen(h2);
    apis.h1 = await listen(h1);

    const url = `${page}/?h2=${encodeURIComponent(apis.h2)}&h1=${encodeURIComponent(apis.h1)}`;
    const visited = await visit('chromium', url, reported, 120_000, { trustedCa: caFile });
    if (!visited.ok) throw new Error(visited.reason);
    results = visited.value;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  const result = (name: string) => results.find((entry) => entry.name === name)!;
  const arrivalsOf = (name: string) =>
    arrivals.filter((arrival) => arrival.path === `/${name}`).map(({ path: _path, ...rest }) => rest);

  /** The same two calls through createCorsFetch for chromium, over the same answers. */
  async function model(name: string, protocol: 'h1' | 'h2') {
    const seen: Array<Omit<Arrival, 'path'>> = [];
    const corsFetch = createCorsFetch({
      origin: page,
      engine: 'chromium',
      fetch: async (request) => {
        const bodyBytes = request.body ? (await request.arrayBuffer()).byteLength : 0;
        const preflight =
          request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
        // The model sees no protocol: the version is the one the real server spoke.
        const httpVersion = protocol === 'h2' ? '2.0' : '1.1';
        seen.push({
          api: protocol,
          method: request.method,
          preflight,
          acrh: request.headers.get('access-control-request-headers'),
          httpVersion,
          bodyBytes,
        });
        const answered = answer(page, request.method, preflight, bodyBytes);
        return new Response(answered.body, { status: answered.status, headers: answered.headers });
      },
    });
    const url = `${apis[protocol]}/${name}`;
    const call = name.startsWith('stream')
      ? () =>
          corsFetch(url, {
            method: 'POST',
            body: new Blob(['corskit streams uploads']).stream(),
            duplex: 'half',
          } as RequestInit)
      : () =>
          createClient({ fetch: corsFetch, origin: page, engine: 'chromium', retry: 0, probe: false }).post(
            url,
            {
              body: 'x'.repeat(UPLOAD_BYTES),
              onUploadProgress: () => {},
            },
          );
    try {
      const response = await call();
      return { outcome: 'resolved', status: response.status, text: await response.text(), seen };
    } catch {
      return { outcome: 'rejected', status: null, text: null, seen };
    }
  }

  const browserSide = (name: string) => {
    const { outcome, status, text } = result(name);
    return { outcome, status, text, seen: arrivalsOf(name) };
  };

  it('streams a ReadableStream upload over HTTP/2 after a preflight, as the model predicts', async () => {
    const browser = browserSide('stream-h2');
    expect(browser).toEqual({
      outcome: 'resolved',
      status: 200,
      text: 'POST 23 bytes',
      seen: [
        { api: 'h2', method: 'OPTIONS', preflight: true, acrh: null, httpVersion: '2.0', bodyBytes: 0 },
        { api: 'h2', method: 'POST', preflight: false, acrh: null, httpVersion: '2.0', bodyBytes: 23 },
      ],
    });
    expect(await model('stream-h2', 'h2')).toEqual(browser);
  });

  it("reports ky's upload progress over HTTP/2, preflighted because ky streams the body", async () => {
    const browser = browserSide('ky-progress-h2');
    expect(browser.outcome).toBe('resolved');
    expect(browser.seen.map(({ method, bodyBytes }) => [method, bodyBytes])).toEqual([
      ['OPTIONS', 0],
      ['POST', UPLOAD_BYTES],
    ]);
    const progress = result('ky-progress-h2').progress;
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([UPLOAD_BYTES, UPLOAD_BYTES, 1]);
    expect(await model('ky-progress-h2', 'h2')).toEqual(browser);
  });

  it('sends the preflight, then fails the stream upload to an HTTP/1.1 server, https or not', async () => {
    for (const name of ['stream-h1', 'ky-progress-h1']) {
      const browser = browserSide(name);
      expect(browser.outcome, name).toBe('rejected');
      expect(browser.seen[0], name).toMatchObject({ method: 'OPTIONS', preflight: true, httpVersion: '1.1' });
      // Nothing but the preflight carries the upload's path (@corskit/fetch's probe is a HEAD).
      expect(
        browser.seen.filter((arrival) => arrival.method === 'POST'),
        name,
      ).toEqual([]);
      if (name.startsWith('ky'))
        expect(result(name).message, 'the CorsError names HTTP/1.1 first').toMatch(
          /Likely causes, most likely first:\n {2}1\. The body is streamed .* only over HTTP\/2/,
        );
      // The model sees a URL, not the protocol the server speaks: for https it assumes HTTP/2.
      expect((await model(name, 'h1')).outcome, name).toBe('resolved');
    }
  });

  it('reported every scenario', () => {
    expect(results.map((entry) => entry.name)).toEqual([
      'stream-h2',
      'ky-progress-h2',
      'stream-h1',
      'ky-progress-h1',
    ]);
  });
});
