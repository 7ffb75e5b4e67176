import type { ResponseOf } from '@corskit/contract';
import { MutationObserver, QueryClient } from '@tanstack/query-core';
import { isHTTPError, NetworkError, TimeoutError } from 'ky';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  CorsError,
  createClient,
  ResponseValidationError,
  type ResultHTTPError,
  routeMutation,
  routeQuery,
} from '../src/index.js';
import { api, contractServer, type Item } from './contract-fixture.js';
import { API, collectWarnings, PAGE, pageFetch, useMsw } from './helpers.js';

const server = useMsw();
const item: Item = { id: 1, title: 'Write tests', done: false };
const base = { api, baseUrl: API, origin: PAGE, fetch: pageFetch(), onWarning: () => {}, retry: 0 } as const;

/** The example answers: items by id, 404 otherwise, and an echo of what the other routes received. */
async function answer(request: Request, url: URL): Promise<Response> {
  const id = url.pathname.match(/^\/items\/(.+)$/)?.[1];
  if (url.pathname === '/items') {
    return HttpResponse.json([item], { headers: { 'x-total-count': '1', 'x-query': url.search } });
  }
  if (id !== undefined) {
    if (id !== '1') return HttpResponse.json({ error: 'not-found' }, { status: 404 });
    if (request.method === 'DELETE') return new HttpResponse(null, { status: 204 });
    if (request.method === 'PATCH') {
      const patch = (await request.json()) as Partial<Item>;
      return HttpResponse.json({ ...item, ...patch }, { headers: { etag: '"v2"' } });
    }
    return HttpResponse.json(item);
  }
  if (url.pathname === '/notes')
    return new HttpResponse(`noted: ${await request.text()}`, {
      status: 201,
      headers: { 'content-type': 'text/plain' },
    });
  if (url.pathname === '/search') return HttpResponse.json({ received: await request.text() });
  if (url.pathname.startsWith('/files/')) {
    const form = await request.formData();
    const file = form.get('file') as Blob;
    return HttpResponse.json({ size: file.size, label: form.get('label') }, { status: 201 });
  }
  if (url.pathname === '/me') return HttpResponse.json({ error: 'sign in' }, { status: 401 });
  if (url.pathname === '/report.csv')
    return new HttpResponse('a,b\n1,2\n', {
      headers: { 'content-type': 'text/csv', 'x-decoded-content-length': '8' },
    });
  return new HttpResponse(null, { status: 418 });
}

describe('a method per route, resolving to the result keyed on status', () => {
  it('sends params, headers and a JSON body, and reads the body and the declared headers', async () => {
    const { handler, seen } = contractServer(answer);
    server.use(handler);
    const client = createClient(base);
    const result = await client.updateItem({
      params: { id: 1 },
      headers: { 'x-api-key': 'k' },
      body: { done: true },
    });
    expect(result).toEqual({ status: 200, body: { ...item, done: true }, headers: { etag: '"v2"' } });
    expect(seen).toEqual([
      { method: 'PATCH', url: '/items/1', contentType: 'application/json', body: '{"done":true}' },
    ]);
  });

  it('gives a declared error status as a result, not an exception', async () => {
    server.use(contractServer(answer).handler);
    const result = await createClient(base).getItem({ params: { id: 2 } });
    expect(result).toEqual({ status: 404, body: { error: 'not-found' }, headers: {} });
  });

  it('encodes each path param as one segment', async () => {
    const { handler, seen } = contractServer(answer);
    server.use(handler);
    await createClient(base).getItem({ params: { id: 'a/b?c' } });
    expect(seen[0]!.url).toBe('/items/a%2Fb%3Fc');
  });

  it('serialises the query: arrays repeat, undefined is left out', async () => {
    const { handler, seen } = contractServer(answer);
    server.use(handler);
    const result = await createClient(base).listItems({ query: { done: undefined, tag: ['a', 'b c'] } });
    expect(seen[0]!.url).toBe('/items?tag=a&tag=b+c');
    expect(result).toEqual({ status: 200, body: [item], headers: { 'x-total-count': '1' } });
  });

  it('keeps a baseUrl path, with or without its trailing slash', async () => {
    const { handler, seen } = contractServer(answer);
    server.use(handler);
    await createClient({ ...base, baseUrl: `${API}/v1` }).listItems();
    await createClient({ ...base, baseUrl: `${API}/v1/` }).listItems();
    expect(seen.map((entry) => entry.url)).toEqual(['/v1/items', '/v1/items']);
  });

  it('encodes text, form and multipart bodies for their declared media types', async () => {
    const { handler, seen } = contractServer(answer);
    server.use(handler);
    const client = createClient(base);
    expect(await client.note({ body: 'hello' })).toEqual({ status: 201, body: 'noted: hello', headers: {} });
    expect(await client.search({ body: { q: 'a&b', page: 2 } })).toMatchObject({
      body: { received: 'q=a%26b&page=2' },
    });
    const uploaded = await client.upload({
      params: { name: 'a.txt' },
      body: { file: new Blob(['12345']), label: 'five' },
    });
    expect(uploaded).toEqual({ status: 201, body: { size: 5, label: 'five' }, headers: {} });
    expect(seen.map((entry) => entry.contentType?.replace(/boundary=.*/, 'boundary=…'))).toEqual([
      'text/plain;charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=…',
    ]);
  });

  it('refuses a body it cannot encode without losing data', async () => {
    const client = createClient(base);
    // @ts-expect-error a text/plain route takes a string
    await expect(client.note({ body: { a: 1 } })).rejects.toThrow(/text\/plain body is a string/);
    // @ts-expect-error a form field is a string or number
    await expect(client.search({ body: { q: { nested: 1 }, page: 1 } })).rejects.toThrow(/q is an object/);
  });

  it('a body-less status resolves with body undefined', async () => {
    server.use(contractServer(answer).handler);
    expect(await createClient(base).remove({ params: { id: 1 }, headers: { 'x-api-key': 'k' } })).toEqual({
      status: 204,
      body: undefined,
      headers: {},
    });
  });
});

describe('credentials exactly where the contract declares them', () => {
  it('sends include on /me only', async () => {
    server.use(contractServer(answer).handler);
    const sent: Array<[string, RequestCredentials]> = [];
    const corsFetch = pageFetch();
    const client = createClient({
      ...base,
      credentials: 'include',
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        sent.push([new URL(request.url).pathname, request.credentials]);
        return corsFetch(request);
      },
    });
    expect(await client.me()).toEqual({ status: 401, body: { error: 'sign in' }, headers: {} });
    await client.listItems();
    expect(sent).toEqual([
      ['/me', 'include'],
      ['/items', 'same-origin'],
    ]);
  });
});

describe('the throwing style', () => {
  it('.json() resolves to the 2xx body', async () => {
    server.use(contractServer(answer).handler);
    expect(await createClient(base).getItem.json({ params: { id: 1 } })).toEqual(item);
  });

  it('.json() rejects a non-2xx status with ky HTTPError carrying the typed result', async () => {
    server.use(contractServer(answer).handler);
    const error = (await createClient(base)
      .getItem.json({ params: { id: 9 } })
      .catch((caught: unknown) => caught)) as ResultHTTPError<ResponseOf<typeof api, 'getItem'>>;
    expect(isHTTPError(error)).toBe(true);
    expect(error.result).toEqual({ status: 404, body: { error: 'not-found' }, headers: {} });
  });
});

describe('transport failures are Error subclasses', () => {
  it('a CORS refusal is a CorsError with the likely causes', async () => {
    server.use(contractServer(answer).handler);
    const client = createClient({
      ...base,
      origin: 'https://evil.example',
      fetch: pageFetch('spec', 'https://evil.example'),
    });
    const error = await client.listItems().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorsError);
    // The contract's own CORS is the policy: the diagnosis knows this origin is not in it.
    expect((error as CorsError).causes.map((cause) => cause.code)).toEqual([
      'allow-origin-missing',
      'policy-origin-not-allowed',
    ]);
  });

  it("warns before sending a call the contract's CORS would refuse", async () => {
    server.use(contractServer(answer).handler);
    const { warnings, onWarning } = collectWarnings();
    const page = 'https://preview.example.com';
    const client = createClient({ ...base, origin: page, fetch: pageFetch('spec', page), onWarning });
    await expect(client.listItems()).rejects.toBeInstanceOf(CorsError);
    expect(warnings.map((warning) => [warning.kind, warning.codes])).toEqual([
      ['policy', ['policy-origin-not-allowed']],
    ]);
    expect(warnings[0]!.message).toContain(`add '${page}'`);
  });

  it('a network failure is ky NetworkError, a slow answer ky TimeoutError', async () => {
    const down = createClient({
      ...base,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(down.listItems()).rejects.toBeInstanceOf(NetworkError);
    server.use(contractServer(() => new Promise<Response>(() => {})).handler);
    await expect(createClient({ ...base, timeout: 20 }).listItems()).rejects.toBeInstanceOf(TimeoutError);
  });

  it('ky retries what a retry can fix, then gives the result', async () => {
    let failures = 1;
    server.use(
      contractServer((request, url) =>
        failures-- > 0 ? new HttpResponse(null, { status: 503 }) : answer(request, url),
      ).handler,
    );
    const statuses: number[] = [];
    const client = createClient({
      ...base,
      retry: { limit: 2, delay: () => 0 },
      hooks: { afterResponse: [({ response }) => void statuses.push(response.status)] },
    });
    expect(await client.getItem({ params: { id: 1 } })).toMatchObject({ status: 200, body: item });
    expect(statuses).toEqual([503, 200]);
  });

  it('a status the contract does not declare is a ResponseValidationError', async () => {
    server.use(contractServer(() => new HttpResponse('teapot', { status: 418 })).handler);
    const error = await createClient(base)
      .listItems()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ route: 'listItems', status: 418, issues: [{ path: ['status'] }] });
  });

  it('validates responses against the routes schemas when asked, per client or per call', async () => {
    const wrong = { id: '1', title: 'x', done: 'no' };
    server.use(contractServer(() => HttpResponse.json(wrong)).handler);
    const lax = createClient(base);
    expect((await lax.getItem({ params: { id: 1 } })).body).toEqual(wrong);
    const error = await lax
      .getItem({ params: { id: 1 } }, { validate: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'body.id',
      'body.done',
    ]);
    await expect(
      createClient({ ...base, validate: ['getItem'] }).getItem({ params: { id: 1 } }),
    ).rejects.toBeInstanceOf(ResponseValidationError);
    expect(
      (await createClient({ ...base, validate: ['listItems'] }).getItem({ params: { id: 1 } })).status,
    ).toBe(200);
  });

  it('validation checks declared response headers and gives the schemas output', async () => {
    server.use(contractServer(() => HttpResponse.json([item])).handler);
    const error = await createClient({ ...base, validate: true })
      .listItems()
      .catch((caught: unknown) => caught);
    expect((error as ResponseValidationError).issues).toMatchObject([{ path: ['headers', 'x-total-count'] }]);
  });
});

describe('everything the client did keeps working through the contract', () => {
  it('predicts the exact request a route call sends', async () => {
    const client = createClient(base);
    const call = await client.updateItem.predict({
      params: { id: 1 },
      headers: { 'x-api-key': 'k' },
      body: { done: true },
    });
    expect(call.preflight).toBe(true);
    expect(call.url).toBe(`${API}/items/1`);
    expect(call.reasons.map((reason) => reason.code).sort()).toEqual(api.facts.updateItem.preflight.reasons);
    expect(call.requestHeaders).toEqual(['content-type', 'x-api-key']);
    expect((await client.listItems.predict()).preflight).toBe(false);
  });

  it('warns in development and counts route calls in the preflight report', async () => {
    server.use(contractServer(answer).handler);
    const { warnings, onWarning } = collectWarnings();
    const client = createClient({ ...base, onWarning });
    await client.updateItem({ params: { id: 1 }, headers: { 'x-api-key': 'k' }, body: { done: true } });
    await client.listItems();
    expect(warnings.map((warning) => [warning.kind, warning.route])).toEqual([
      ['preflight', `PATCH ${API}/items/:id`],
    ]);
    expect(client.preflightReport()).toMatchObject({ requests: 2, crossOrigin: 2, preflights: 1 });
  });

  it('reports honest download progress on a route flagged for it', async () => {
    server.use(contractServer(answer).handler);
    const totals: Array<number | null> = [];
    const result = await createClient(base).report(undefined, {
      onDownloadProgress: ({ totalBytes }) => totals.push(totalBytes),
    });
    expect(result).toEqual({ status: 200, body: 'a,b\n1,2\n', headers: {} });
    expect(totals[0]).toBe(8);
  });

  it('keeps the untyped ky calls', async () => {
    server.use(contractServer(answer).handler);
    expect(await createClient(base).get('items/1').json()).toEqual(item);
  });

  it('refuses a route named like a client member', () => {
    const clash = { ...api, facts: { ...api.facts, extend: api.facts.listItems } } as unknown as typeof api;
    expect(() => createClient({ ...base, api: clash })).toThrow(
      /route extend would hide the client's own extend/,
    );
  });
});

describe('TanStack Query, with no dependency on it', () => {
  it('routeQuery options feed fetchQuery, keyed by route and params', async () => {
    server.use(contractServer(answer).handler);
    const client = createClient(base);
    const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const options = routeQuery(client.getItem, { params: { id: 1 } });
    expect(options.queryKey).toEqual(['getItem', { params: { id: 1 } }]);
    expect(await queries.fetchQuery(options)).toEqual(item);
    expect(queries.getQueryData(['getItem', { params: { id: 1 } }])).toEqual(item);
    await expect(queries.fetchQuery(routeQuery(client.getItem, { params: { id: 9 } }))).rejects.toMatchObject(
      {
        result: { status: 404 },
      },
    );
  });

  it('routeMutation options feed a MutationObserver', async () => {
    server.use(contractServer(answer).handler);
    const client = createClient(base);
    const queries = new QueryClient();
    const observer = new MutationObserver(queries, routeMutation(client.updateItem));
    const updated = await observer.mutate({
      params: { id: 1 },
      headers: { 'x-api-key': 'k' },
      body: { done: true },
    });
    expect(updated).toEqual({ ...item, done: true });
    expect(queries.getMutationCache().getAll()[0]!.options.mutationKey).toEqual(['updateItem']);
  });
});
