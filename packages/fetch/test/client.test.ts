import { TimeoutError } from 'ky';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, detectEngine } from '../src/index.js';
import { API, corsApi, PAGE, pageFetch, useMsw } from './helpers.js';

const server = useMsw();
const base = { baseUrl: API, origin: PAGE, fetch: pageFetch(), onWarning: () => {} };

describe('the client is still ky', () => {
  it('sends json and searchParams and parses .json()', async () => {
    server.use(corsApi({ origins: [PAGE], requestHeaders: ['content-type'] }).handler);
    const client = createClient(base);
    const answer = await client.post('items', { json: { a: 1 }, searchParams: { q: 'x' } }).json();
    expect(answer).toEqual({ method: 'POST', path: '/items', search: '?q=x' });
  });

  it('runs beforeRequest and afterResponse hooks, and retries what a retry can fix', async () => {
    let failures = 1;
    server.use(
      corsApi({ origins: [PAGE], requestHeaders: ['x-hook'] }, () =>
        failures-- > 0 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ ok: true }),
      ).handler,
    );
    const statuses: number[] = [];
    const client = createClient({
      ...base,
      retry: { limit: 2, delay: () => 0 },
      hooks: {
        beforeRequest: [({ request }) => void request.headers.set('x-hook', '1')],
        afterResponse: [({ response }) => void statuses.push(response.status)],
      },
    });
    expect(await client.get('flaky').json()).toEqual({ ok: true });
    expect(statuses).toEqual([503, 200]);
  });

  it('times out like ky', async () => {
    server.use(corsApi({ origins: [PAGE] }, () => new Promise<Response>(() => {})).handler);
    const client = createClient({ ...base, timeout: 20, retry: 0 });
    await expect(client.get('slow')).rejects.toBeInstanceOf(TimeoutError);
  });

  it('keeps the CORS features through extend() and create()', async () => {
    const api = corsApi({ origins: [PAGE] });
    server.use(api.handler);
    const extended = createClient(base).extend({ searchParams: { v: '2' } });
    const created = createClient(base).create({ baseUrl: `${API}/v3/` });
    expect((await extended.predict('a')).url).toBe(`${API}/a?v=2`);
    expect((await created.predict('a')).url).toBe(`${API}/v3/a`);
    await created.get('a');
    expect(created.preflightReport().requests).toBe(1);
    expect(api.real().map((entry) => entry.path)).toEqual(['/v3/a']);
  });

  it('routes an extend() fetch through the client', async () => {
    server.use(corsApi({ origins: ['https://other.example.com'] }).handler);
    const extended = createClient({ ...base, fetch: undefined }).extend({ fetch: pageFetch(), retry: 0 });
    await expect(extended.get('a')).rejects.toMatchObject({ name: 'CorsError' });
  });

  it('has no CORS features where there is no page origin', async () => {
    const client = createClient({ onWarning: () => {} });
    await expect(client.predict('https://api.example.com/a')).rejects.toThrow(/needs the page origin/);
  });
});

describe('detectEngine', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
      'chromium',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'firefox'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'webkit',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1',
      'webkit',
    ],
    ['Node.js/24', 'spec'],
    [undefined, 'spec'],
  ])('%s → %s', (userAgent, engine) => {
    expect(detectEngine(userAgent)).toBe(engine);
  });
});
