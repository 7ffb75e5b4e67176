import { CorsError as CoreCorsError } from '@corskit/core';
import { isKyError, isNetworkError, KyError, NetworkError } from 'ky';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { CorsError, createClient } from '../src/index.js';
import { API, collectWarnings, corsApi, PAGE, pageFetch, testPolicy, useMsw } from './helpers.js';

const server = useMsw();
const quiet = { onWarning: () => {}, retry: { limit: 2, delay: () => 0 } };

describe('CORS failures', () => {
  it('throw a CorsError, a KyError that is not a NetworkError, and are never retried', async () => {
    const api = corsApi({ origins: ['https://other.example.com'] });
    server.use(api.handler);
    const client = createClient({ baseUrl: API, origin: PAGE, fetch: pageFetch(), ...quiet });
    const error = await client.get('items').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorsError);
    expect(error).toBeInstanceOf(KyError);
    expect(isKyError(error)).toBe(true);
    expect(isNetworkError(error)).toBe(false);
    const cors = error as CorsError;
    expect(cors.code).toBe('allow-origin-missing');
    expect(cors.request.url).toBe(`${API}/items`);
    expect(cors.cause).toBeInstanceOf(CoreCorsError);
    expect(cors.causes[0]?.code).toBe('allow-origin-missing');
    expect(cors.message).toMatch(
      /^CORS refused GET https:\/\/api\.example\.com\/items from https:\/\/app\.example\.com/,
    );
    expect(api.real()).toHaveLength(1);
  });

  it('list the policy’s refusals first when the client has the policy', async () => {
    server.use(corsApi({ origins: [PAGE], requestHeaders: ['x-a'] }).handler);
    const policy = testPolicy({ origins: [PAGE], requestHeaders: ['x-a'] });
    const client = createClient({ baseUrl: API, origin: PAGE, fetch: pageFetch(), policy, ...quiet });
    const error = (await client
      .get('items', { headers: { 'x-b': '1' } as never })
      .catch((caught: unknown) => caught)) as CorsError;
    expect(error.code).toBe('header-not-allowed');
    expect(error.causes.map((cause) => cause.code)).toEqual([
      'header-not-allowed',
      'policy-header-not-allowed',
      'preflight-refused',
      'allow-origin-missing',
    ]);
    expect(error.causes[2]?.message).toContain('Access-Control-Allow-Headers: x-b');
  });

  it('tell a browser’s bare "Failed to fetch" from a network error with a no-cors probe', async () => {
    const probes: Request[] = [];
    let attempts = 0;
    server.use(
      http.head(`${API}/*`, ({ request }) => {
        probes.push(request);
        return new HttpResponse(null, { status: 404 });
      }),
    );
    // What a browser's fetch does on a CORS refusal: a TypeError that says nothing.
    const browserLike = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.mode === 'no-cors') return globalThis.fetch(input, init);
      attempts++;
      throw new TypeError('Failed to fetch');
    };
    const client = createClient({ baseUrl: API, origin: PAGE, fetch: browserLike, ...quiet });
    const error = (await client.put('items/1', { json: {} }).catch((caught: unknown) => caught)) as CorsError;
    expect(error).toBeInstanceOf(CorsError);
    expect(error.code).toBe('refused');
    expect(error.causes.map((cause) => cause.code)).toEqual(['preflight-refused', 'allow-origin-missing']);
    expect(error.causes[0]?.message).toContain(
      'Access-Control-Allow-Methods: PUT and Access-Control-Allow-Headers: content-type',
    );
    expect(attempts).toBe(1);
    expect(probes).toHaveLength(1);
    expect(probes[0]?.method).toBe('HEAD');
  });

  it('leave real network errors to ky, which retries them', async () => {
    let attempts = 0;
    const offline = async () => {
      attempts++;
      throw new TypeError('Failed to fetch');
    };
    const client = createClient({ baseUrl: API, origin: PAGE, fetch: offline, ...quiet });
    const error = await client.get('items').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(CorsError);
    expect(attempts).toBe(3 * 2); // three attempts, each followed by a failed probe
  });

  it('do not probe when told not to', async () => {
    const calls: string[] = [];
    const client = createClient({
      baseUrl: API,
      origin: PAGE,
      probe: false,
      ...quiet,
      retry: 0,
      fetch: async (_input, init) => {
        calls.push(init?.mode ?? 'cors');
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(client.get('items')).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toEqual(['cors']);
  });

  it('leave same-origin failures and HTTP errors alone', async () => {
    server.use(corsApi({ origins: [PAGE] }, () => new HttpResponse('nope', { status: 404 })).handler);
    const modes: string[] = [];
    const send = pageFetch();
    const client = createClient({
      origin: PAGE,
      ...quiet,
      retry: 0,
      fetch: async (input, init) => {
        modes.push(init?.mode ?? 'cors');
        if (String(input instanceof Request ? input.url : input).startsWith(PAGE)) {
          throw new TypeError('Failed to fetch');
        }
        return send(input, init);
      },
    });
    await expect(client.get(`${PAGE}/down`)).rejects.toBeInstanceOf(NetworkError);
    await expect(client.get(`${API}/missing`)).rejects.toMatchObject({ name: 'HTTPError' });
    expect(modes).toEqual(['cors', 'cors']);
  });

  it('go through beforeError hooks like any ky error', async () => {
    server.use(corsApi({ origins: ['https://other.example.com'] }).handler);
    const client = createClient({
      baseUrl: API,
      origin: PAGE,
      fetch: pageFetch(),
      ...quiet,
      hooks: { beforeError: [({ error }) => Object.assign(error, { seenByHook: true })] },
    });
    await expect(client.get('items')).rejects.toMatchObject({ name: 'CorsError', seenByHook: true });
  });
});

describe("credentials: 'include'", () => {
  it('works end to end when the server names the origin and allows credentials', async () => {
    const api = corsApi({ origins: [PAGE], credentials: true, exposeHeaders: ['x-session'] }, () =>
      HttpResponse.json({ ok: true }, { headers: { 'x-session': 'abc' } }),
    );
    server.use(api.handler);
    const policy = testPolicy({ origins: [PAGE], credentials: true });
    const sent: RequestCredentials[] = [];
    const send = pageFetch();
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (input instanceof Request) sent.push(input.credentials);
      return send(input, init);
    };
    const client = createClient({ baseUrl: API, origin: PAGE, fetch, policy, credentials: 'include' });
    const response = await client.get('me');
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('x-session')).toBe('abc');
    expect(sent).toEqual(['include']);
  });

  it('fails with a clear CorsError when the answer has Access-Control-Allow-Origin: *', async () => {
    server.use(corsApi({ origins: '*', credentials: true }).handler);
    const client = createClient({
      baseUrl: API,
      origin: PAGE,
      fetch: pageFetch(),
      credentials: 'include',
      ...quiet,
    });
    const error = (await client.get('me').catch((caught: unknown) => caught)) as CorsError;
    expect(error.code).toBe('allow-origin-wildcard-with-credentials');
    expect(error.causes.map((cause) => cause.code)).toContain('credentials-rejected');
    expect(error.message).toMatch(/must name the origin/);
  });

  it('fails with a clear CorsError when Access-Control-Allow-Credentials is missing', async () => {
    server.use(corsApi({ origins: [PAGE] }).handler);
    const { warnings, onWarning } = collectWarnings();
    const policy = testPolicy({ origins: [PAGE] });
    const client = createClient({ baseUrl: API, origin: PAGE, fetch: pageFetch(), policy, onWarning });
    const error = (await client
      .get('me', { credentials: 'include' as never })
      .catch((caught: unknown) => caught)) as CorsError;
    expect(error.code).toBe('allow-credentials-missing');
    expect(error.causes[1]?.code).toBe('policy-credentials-not-allowed');
    expect(warnings.map((warning) => warning.codes)).toContainEqual(['policy-credentials-not-allowed']);
  });

  it('is refused at createClient when the policy makes it impossible', () => {
    const wildcard = testPolicy({ origins: '*', credentials: true });
    const closed = testPolicy({ origins: [PAGE] });
    expect(() => createClient({ origin: PAGE, policy: wildcard, credentials: 'include' as never })).toThrow(
      /origins are '\*'/,
    );
    expect(() => createClient({ origin: PAGE, policy: closed, credentials: 'include' as never })).toThrow(
      /does not set credentials: true/,
    );
  });
});
