import { gzipSync } from 'node:zlib';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, type DownloadProgress } from '../src/index.js';
import { withDownloadProgress } from '../src/progress.js';
import { API, collectWarnings, corsApi, PAGE, pageFetch, useMsw } from './helpers.js';

const server = useMsw();
const BODY = 'x'.repeat(5000);

/** A body sent in several chunks, with the given headers. */
function chunked(body: string | Uint8Array, headers: Record<string, string>, chunks = 4) {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const size = Math.ceil(bytes.length / chunks);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
      controller.close();
    },
  });
  return new HttpResponse(stream, { headers });
}

async function download(
  headers: Record<string, string>,
  exposeHeaders?: string[],
  body: string | Uint8Array = BODY,
  contentLengthIsDecoded?: boolean,
) {
  server.use(corsApi({ origins: [PAGE], exposeHeaders }, () => chunked(body, headers)).handler);
  const { warnings, onWarning } = collectWarnings();
  const events: DownloadProgress[] = [];
  const client = createClient({
    baseUrl: API,
    origin: PAGE,
    fetch: pageFetch(),
    onWarning,
    contentLengthIsDecoded,
  });
  const received = await client
    .get('file', { onDownloadProgress: (progress) => void events.push({ ...progress }) })
    .text();
  return { events, warnings, received };
}

describe('download progress', () => {
  it('uses the exposed decoded length as the total', async () => {
    const { events, warnings, received } = await download(
      { 'content-length': String(BODY.length), 'x-decoded-content-length': String(BODY.length) },
      ['x-decoded-content-length'],
    );
    expect(received).toBe(BODY);
    expect(events[0]).toEqual({ transferredBytes: 0, totalBytes: 5000, percent: 0, done: false });
    for (const event of events) expect(event.percent).toBe(event.transferredBytes / 5000);
    expect(events.at(-1)).toEqual({ transferredBytes: 5000, totalBytes: 5000, percent: 1, done: true });
    expect(warnings).toEqual([]);
  });

  it('reports an unknown total when Content-Encoding is hidden, and says a total could be had', async () => {
    const { events, warnings } = await download({ 'content-length': String(BODY.length) });
    expect(events.slice(0, -1).every((event) => event.totalBytes === null && event.percent === null)).toBe(
      true,
    );
    expect(events.at(-1)).toEqual({ transferredBytes: 5000, totalBytes: 5000, percent: 1, done: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.kind).toBe('download-progress');
    expect(warnings[0]?.message).toMatch(/Content-Length \(5000 bytes\) was right/);
    expect(warnings[0]?.message).toMatch(/Expose X-Decoded-Content-Length/);
    expect(warnings[0]?.message).toMatch(/contentLengthIsDecoded: true/);
  });

  it('never advises exposing Content-Encoding for an identity body: there is none to expose', async () => {
    const { warnings } = await download({ 'content-length': String(BODY.length) }, ['content-encoding']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).not.toMatch(/Content-Encoding to Access-Control-Expose-Headers/);
    expect(warnings[0]?.message).toMatch(/Expose X-Decoded-Content-Length/);
  });

  it('contentLengthIsDecoded: true takes a readable Content-Length as the total, without warning', async () => {
    const { events, warnings } = await download({ 'content-length': String(BODY.length) }, [], BODY, true);
    expect(events[0]).toEqual({ transferredBytes: 0, totalBytes: 5000, percent: 0, done: false });
    for (const event of events) expect(event.percent).toBe(event.transferredBytes / 5000);
    expect(warnings).toEqual([]);
  });

  it('contentLengthIsDecoded: true still refuses an exposed non-identity encoding', async () => {
    const encoded = gzipSync(BODY);
    const { events } = await download(
      { 'content-length': String(encoded.length), 'content-encoding': 'gzip' },
      ['content-encoding'],
      encoded,
      true,
    );
    expect(events.slice(0, -1).every((event) => event.totalBytes === null)).toBe(true);
  });

  it('contentLengthIsDecoded: true on a server that does compress says the option is wrong', async () => {
    const encoded = gzipSync(BODY);
    const { events, warnings, received } = await download(
      { 'content-length': String(encoded.length), 'content-encoding': 'gzip' },
      [],
      encoded,
      true,
    );
    expect(received).toBe(BODY);
    expect(events.at(-1)).toEqual({ transferredBytes: 5000, totalBytes: 5000, percent: 1, done: true });
    expect(events.every((event) => event.percent === null || event.percent <= 1)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/contentLengthIsDecoded is set, but Content-Length/);
  });

  it('uses Content-Length when Content-Encoding is exposed and says identity', async () => {
    const { events } = await download(
      { 'content-length': String(BODY.length), 'content-encoding': 'identity' },
      ['content-encoding'],
    );
    expect(events[0]).toMatchObject({ totalBytes: 5000, percent: 0 });
    expect(events.every((event) => event.totalBytes === 5000)).toBe(true);
  });

  it('never uses the Content-Length of an encoded body, and says what it counted', async () => {
    const encoded = gzipSync(BODY);
    const encodedLength = encoded.length;
    // Like a browser, the fetch decodes gzip: the script reads 5000 bytes, Content-Length counts fewer.
    const { events, warnings, received } = await download(
      { 'content-length': String(encodedLength), 'content-encoding': 'gzip' },
      ['content-encoding'],
      encoded,
    );
    expect(received).toBe(BODY);
    expect(events.slice(0, -1).every((event) => event.totalBytes === null)).toBe(true);
    expect(warnings[0]?.message).toMatch(
      new RegExp(
        `Content-Length \\(${encodedLength} bytes\\) counted the encoded body, which decoded to 5000 bytes`,
      ),
    );
  });

  it('reports an unknown total for a chunked body without warning', async () => {
    const { events, warnings } = await download({});
    expect(events.length).toBeGreaterThan(2);
    expect(events.slice(0, -1).every((event) => event.totalBytes === null)).toBe(true);
    expect(events.at(-1)).toMatchObject({ transferredBytes: 5000, done: true });
    expect(warnings).toEqual([]);
  });

  it('drops a total that the body outgrows instead of showing more than 100%', async () => {
    const response = new Response(BODY, { headers: { 'content-length': '1000' } });
    const events: DownloadProgress[] = [];
    await withDownloadProgress(response, (progress) => void events.push(progress)).text();
    expect(events.every((event) => event.percent === null || event.percent <= 1)).toBe(true);
    expect(events.at(-2)?.totalBytes).toBeNull();
  });

  it('trusts Content-Length on a same-origin (fully readable) response', async () => {
    const response = new Response(BODY, { headers: { 'content-length': '5000' } });
    const events: DownloadProgress[] = [];
    const wrapped = withDownloadProgress(response, (progress) => void events.push(progress));
    await wrapped.text();
    expect(events[0]?.totalBytes).toBe(5000);
  });

  it('keeps the response shape that ky and callers read', async () => {
    server.use(corsApi({ origins: [PAGE] }).handler);
    const client = createClient({ baseUrl: API, origin: PAGE, fetch: pageFetch(), onWarning: () => {} });
    const response = await client.get('shape', { onDownloadProgress: () => {} });
    expect(response.type).toBe('cors');
    expect(response.url).toBe(`${API}/shape`);
    expect(await response.json()).toMatchObject({ path: '/shape' });
  });
});
