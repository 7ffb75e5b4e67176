import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { API, collectWarnings, corsApi, PAGE, pageFetch, useMsw } from './helpers.js';

const server = useMsw();

function client(extra: Parameters<typeof createClient>[0] = {}) {
  return createClient({ baseUrl: API, origin: PAGE, fetch: pageFetch(), onWarning: () => {}, ...extra });
}

describe('client.predict', () => {
  it('counts the Content-Type that ky’s json option sets', async () => {
    const prediction = await client().predict('items', { method: 'post', json: { a: 1 } });
    expect(prediction.preflight).toBe(true);
    expect(prediction.method).toBe('POST');
    expect(prediction.reasons.map((reason) => reason.code)).toEqual(['content-type-not-safelisted']);
    expect(prediction.requestHeaders).toEqual(['content-type']);
  });

  it('predicts no preflight for a text body and a safelisted GET', async () => {
    const api = client();
    expect((await api.predict('items', { method: 'post', body: 'plain' })).preflight).toBe(false);
    expect((await api.predict('items')).preflight).toBe(false);
  });

  it('counts client default headers, call headers, searchParams and the URL they make', async () => {
    const api = client({ headers: { 'x-client': '1' } });
    const prediction = await api.predict('items', {
      headers: { 'x-call': '2', accept: 'text/html' },
      searchParams: { page: 3 },
    });
    expect(prediction.url).toBe(`${API}/items?page=3`);
    expect(prediction.requestHeaders).toEqual(['x-call', 'x-client']);
  });

  it('counts headers added by init and beforeRequest hooks, including ones added by extend()', async () => {
    const api = client({
      hooks: {
        init: [
          (options) => {
            options.headers = { ...options.headers, 'x-init': '1' };
          },
        ],
        beforeRequest: [({ request }) => void request.headers.set('authorization', 'Bearer t')],
      },
    }).extend({ hooks: { beforeRequest: [({ request }) => void request.headers.set('x-extended', '1')] } });
    const prediction = await api.predict('items');
    expect(prediction.requestHeaders).toEqual(['authorization', 'x-extended', 'x-init']);
  });

  it('counts the Accept header that .json() sets when told the response type', async () => {
    const prediction = await client().predict('items', { responseType: 'json' });
    expect(prediction.headers).toContainEqual(['accept', 'application/json']);
    expect(prediction.preflight).toBe(false);
  });

  it('counts the stream body that onUploadProgress makes', async () => {
    const prediction = await client().predict('upload', {
      method: 'post',
      body: 'data',
      onUploadProgress: () => {},
    });
    expect(prediction.reasons.map((reason) => reason.code)).toEqual(['stream-body']);
    expect(prediction.body).toBe('stream');
  });

  it('applies the engine profile: Chromium safelists client hints, the spec does not', async () => {
    const headers = { dpr: '2' };
    expect((await client({ engine: 'chromium' }).predict('x', { headers })).preflight).toBe(false);
    expect((await client({ engine: 'firefox' }).predict('x', { headers })).preflight).toBe(true);
  });

  it('sends nothing, runs no afterResponse or beforeError hook, and records nothing', async () => {
    const api = corsApi({ origins: [PAGE] });
    server.use(api.handler);
    const calls: string[] = [];
    const { warnings, onWarning } = collectWarnings();
    const predicting = client({
      onWarning,
      hooks: {
        afterResponse: [() => void calls.push('after')],
        beforeError: [
          ({ error }) => {
            calls.push('error');
            return error;
          },
        ],
      },
    });
    await predicting.predict('items', { method: 'put', json: {} });
    expect(api.seen).toEqual([]);
    expect(calls).toEqual([]);
    expect(warnings).toEqual([]);
    expect(predicting.preflightReport().requests).toBe(0);
  });

  it('rejects when a beforeRequest hook answers the call itself', async () => {
    const api = client({ hooks: { beforeRequest: [() => new Response('cached')] } });
    await expect(api.predict('items')).rejects.toThrow(/no request is sent/);
  });

  it('treats same-origin calls as not cross-origin', async () => {
    const prediction = await client().predict(`${PAGE}/local`, { method: 'put', json: {} });
    expect(prediction.crossOrigin).toBe(false);
    expect(prediction.preflight).toBe(false);
  });
});

describe('predictions against the preflights createCorsFetch sends', () => {
  const calls: Array<[string, Parameters<ReturnType<typeof createClient>>[1]]> = [
    ['get', {}],
    ['json', { method: 'post', json: { a: 1 } }],
    ['form', { method: 'post', body: new URLSearchParams({ a: '1' }) }],
    ['put', { method: 'put', body: 'x' }],
    ['header', { headers: { 'x-trace': '1' } }],
    ['language', { headers: { 'accept-language': 'en;q=0.9' } }],
    ['bad-language', { headers: { 'content-language': 'en@x' } }],
    ['range', { headers: { range: 'bytes=0-10' } }],
    ['multi-range', { headers: { range: 'bytes=0-1,5-6' } }],
  ];

  it.each(calls)('%s', async (name, options) => {
    const api = corsApi({ origins: [PAGE], methods: ['PUT'], requestHeaders: '*' });
    server.use(api.handler);
    const corsClient = client({ retry: 0 });
    const prediction = await corsClient.predict(`cases/${name}`, options);
    await corsClient(`cases/${name}`, options);
    expect(api.seen.filter((entry) => entry.method === 'OPTIONS').length).toBe(prediction.preflight ? 1 : 0);
  });
});
