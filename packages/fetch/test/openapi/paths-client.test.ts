// createPathsClient at run time: the request it builds from a path template and params, its
// `{ status, body, headers }` results, and the CORS features of the client underneath
// (prediction, development warnings, credentials, CorsError) on a CORS-enforcing fetch.
import { describe, expect, it } from 'vitest';
import { CorsError, createPathsClient } from '../../src/index.js';
import { API, collectWarnings, corsApi, PAGE, pageFetch, useMsw } from '../helpers.js';

const server = useMsw();

interface Paths {
  '/items/{id}': {
    get: {
      parameters: { path: { id: string }; query?: { tag?: string[] }; header?: { 'x-trace'?: string } };
      responses: {
        200: {
          headers: Record<string, unknown>;
          content: { 'application/json': { method: string; path: string; search: string } };
        };
        404: { headers: Record<string, unknown>; content?: never };
      };
    };
    put: {
      parameters: { path: { id: string } };
      requestBody: { content: { 'application/json': { name: string }; 'text/plain': string } };
      responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': unknown } } };
    };
  };
}

function client(config: Parameters<typeof corsApi>[0], extra: object = {}) {
  const api = corsApi(config);
  server.use(api.handler);
  const { warnings, onWarning } = collectWarnings();
  const paths = createPathsClient<Paths>({
    baseUrl: `${API}/v1`,
    origin: PAGE,
    fetch: pageFetch(),
    onWarning,
    retry: 0,
    ...extra,
  });
  return { api, warnings, paths };
}

describe('createPathsClient', () => {
  it('fills the template, encodes each param, repeats array query fields; resolves to { status, body, headers }', async () => {
    const { paths, api } = client({ origins: [PAGE], exposeHeaders: ['x-total'] });
    const result = await paths.GET('/items/{id}', {
      params: { path: { id: 'a/b' }, query: { tag: ['x', 'y'] } },
    });
    expect(result.status).toBe(200);
    if (result.status !== 200) throw new Error('not 200');
    expect(result.body).toEqual({ method: 'GET', path: '/v1/items/a%2Fb', search: '?tag=x&tag=y' });
    expect(result.headers.get('content-type')).toContain('application/json');
    expect(api.seen.map((entry) => entry.method)).toEqual(['GET']); // a simple call: no preflight
  });

  it('sends a JSON body as JSON and another media type as given, each predicted exactly', async () => {
    const { paths, api } = client({ origins: [PAGE], methods: ['PUT'], requestHeaders: ['content-type'] });
    await paths.PUT('/items/{id}', { params: { path: { id: '1' } }, body: { name: 'n' } });
    await paths.PUT('/items/{id}', { params: { path: { id: '1' } }, contentType: 'text/plain', body: 'n' });
    expect(
      api.seen.filter((entry) => entry.method === 'OPTIONS').map((entry) => entry.requestHeaders),
    ).toEqual(['content-type', null]); // both preflight for PUT (the test API caches nothing); only JSON asks for Content-Type
    const json = await paths.predict('PUT', '/items/{id}', {
      params: { path: { id: '1' } },
      body: { name: 'n' },
    });
    expect(json.reasons.map((reason) => reason.code)).toEqual([
      'method-not-safelisted',
      'content-type-not-safelisted',
    ]);
    const text = await paths.predict('PUT', '/items/{id}', {
      params: { path: { id: '1' } },
      contentType: 'text/plain',
      body: 'n',
    });
    expect(text.requestHeaders).toEqual([]);
  });

  it('warns in development about a call that preflights, naming the header param', async () => {
    const { paths, warnings } = client({ origins: [PAGE], requestHeaders: ['x-trace'] });
    await paths.GET('/items/{id}', { params: { path: { id: '1' }, header: { 'x-trace': 't' } } });
    expect(warnings.map((warning) => warning.kind)).toContain('preflight');
    expect(warnings[0]?.message).toContain('x-trace');
  });

  it('rejects with a CorsError when the server’s CORS refuses the call', async () => {
    const { paths } = client({ origins: [PAGE] }); // allows no x-trace
    const error = await paths
      .GET('/items/{id}', { params: { path: { id: '1' }, header: { 'x-trace': 't' } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorsError);
  });

  it('sends credentials when asked, with the credentialed checks', async () => {
    const { paths } = client({ origins: [PAGE] }); // no Access-Control-Allow-Credentials
    const error = await paths
      .GET('/items/{id}', { params: { path: { id: '1' } }, credentials: 'include' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorsError);
    const allowed = client({ origins: [PAGE], credentials: true }).paths;
    expect(
      (await allowed.GET('/items/{id}', { params: { path: { id: '1' } }, credentials: 'include' })).status,
    ).toBe(200);
  });

  it('throws before sending when a path param is missing', async () => {
    const { paths } = client({ origins: [PAGE] });
    // @ts-expect-error the path param is required
    await expect(paths.GET('/items/{id}', { params: {} })).rejects.toThrow(
      'The path param id of /items/{id} is missing.',
    );
  });
});
