import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { API, collectWarnings, corsApi, PAGE, pageFetch, testPolicy, useMsw } from './helpers.js';

const server = useMsw();

function setup(extra: Parameters<typeof createClient>[0] = {}) {
  const api = corsApi({ origins: [PAGE], methods: ['PUT', 'DELETE'], requestHeaders: '*' });
  server.use(api.handler);
  const { warnings, onWarning } = collectWarnings();
  const fetch = pageFetch(extra.engine ?? 'spec');
  const client = createClient({ baseUrl: API, origin: PAGE, fetch, onWarning, retry: 0, ...extra });
  return { api, warnings, client };
}

describe('preflight warnings', () => {
  it('say why, what it costs and what would avoid it', async () => {
    const { warnings, client } = setup({ engine: 'chromium' });
    await client.put('items/42', { json: { a: 1 }, headers: { 'x-trace': 'abc' } });
    expect(warnings).toHaveLength(1);
    const [warning] = warnings;
    expect(warning?.kind).toBe('preflight');
    expect(warning?.route).toBe(`PUT ${API}/items/:id`);
    expect(warning?.codes).toEqual([
      'method-not-safelisted',
      'content-type-not-safelisted',
      'header-not-safelisted',
    ]);
    const message = warning?.message ?? '';
    expect(message).toContain('PUT is not a CORS-safelisted method');
    expect(message).toContain('The x-trace header is not CORS-safelisted');
    expect(message).toMatch(/one extra round trip/);
    expect(message).toMatch(/every distinct URL/);
    expect(message).toMatch(/5 s when it sends none; 7200 s at most/);
    expect(message).toMatch(/safelisted Content-Type/);
    expect(message).toMatch(/drop the x-trace header, or move its value/);
    expect(message).toMatch(/longer Access-Control-Max-Age \(up to 7200 s in chromium\)/);
    expect(message).toMatch(/same-origin proxy/);
  });

  it('come once per route shape, again for a new reason', async () => {
    const { warnings, client } = setup();
    await client.delete('items/1');
    await client.delete('items/2');
    await client.delete('items/3f2a9c1e-7b4d-4e8f-9a6b-1c2d3e4f5a6b');
    expect(warnings).toHaveLength(1);
    await client.delete('items/3', { headers: { 'x-extra': '1' } });
    expect(warnings).toHaveLength(2);
    await client.delete('orders/1');
    expect(warnings.map((warning) => warning.route)).toEqual([
      `DELETE ${API}/items/:id`,
      `DELETE ${API}/items/:id`,
      `DELETE ${API}/orders/:id`,
    ]);
  });

  it('name the policy max-age window when a policy is given', async () => {
    const policy = testPolicy({ origins: [PAGE], methods: ['PUT'], maxAge: 600 });
    const { warnings, client } = setup({ engine: 'webkit', policy });
    await client.put('items/1', { body: 'x' });
    expect(warnings[0]?.message).toMatch(
      /webkit keeps a preflight answer for 600 s \(the policy's maxAge 600 s\)/,
    );
    expect(warnings[0]?.message).not.toMatch(/longer Access-Control-Max-Age/);
  });

  it('stay quiet for simple and same-origin calls', async () => {
    const { warnings, client } = setup();
    server.use(corsApi({ origins: [PAGE] }).handler);
    await client.get('items');
    await client.post('items', { body: new URLSearchParams({ a: '1' }) });
    expect(warnings).toEqual([]);
  });

  it('go to console.warn by default', async () => {
    const api = corsApi({ origins: [PAGE], methods: ['PUT'] });
    server.use(api.handler);
    const original = console.warn;
    const printed: unknown[] = [];
    console.warn = (...args: unknown[]) => void printed.push(args);
    try {
      await createClient({ baseUrl: API, origin: PAGE, fetch: pageFetch() }).put('a', { body: 'x' });
    } finally {
      console.warn = original;
    }
    expect(printed).toHaveLength(1);
    expect(String((printed[0] as unknown[])[0])).toMatch(/^\[corskit\] PUT .* will be preflighted/);
  });

  it('say that upload progress streams the body and forces a preflight', async () => {
    const { warnings, client } = setup();
    await client.predict('upload', { method: 'post', body: 'x', onUploadProgress: () => {} });
    expect(warnings).toEqual([]);
    await expect(client.post('upload', { body: 'x', onUploadProgress: () => {} })).resolves.toBeDefined();
    const upload = warnings.find((warning) => warning.kind === 'upload-progress');
    expect(upload?.message).toMatch(/forces a preflight/);
    expect(upload?.message).toMatch(/HTTP\/2 or HTTP\/3/);
    expect(upload?.message).toMatch(/Firefox and Safari cannot stream uploads/);
  });
});

describe('policy warnings', () => {
  it('warn before a call the policy would refuse, naming the fix', async () => {
    const policy = testPolicy({ origins: ['https://other.example.com'], requestHeaders: ['x-a'] });
    const { warnings, client } = setup({ policy });
    await client.get('items', { headers: { 'x-b': '1' } as never }).catch(() => {});
    const warning = warnings.find((entry) => entry.kind === 'policy');
    expect(warning?.codes).toEqual(['policy-origin-not-allowed', 'policy-header-not-allowed']);
    expect(warning?.message).toContain(`add '${PAGE}' (or a pattern that matches it) to its origins`);
    expect(warning?.message).toContain(`add 'x-b' to its requestHeaders`);
  });

  it('catch methods that differ only in case, and credentials the policy does not allow', async () => {
    const policy = testPolicy({ origins: [PAGE], methods: ['patch'] });
    const { warnings, client } = setup({ policy });
    await client('items', { method: 'PATCH' as never, credentials: 'include' as never }).catch(() => {});
    const codes = warnings.find((entry) => entry.kind === 'policy')?.codes;
    expect(codes).toEqual(['policy-method-not-allowed', 'policy-credentials-not-allowed']);
    expect(warnings.find((entry) => entry.kind === 'policy')?.message).toMatch(
      /compare methods case-sensitively/,
    );
  });

  it('explain that * does not cover Authorization', async () => {
    const policy = testPolicy({ origins: [PAGE], requestHeaders: '*' });
    const { warnings, client } = setup({ policy, engine: 'chromium' });
    await client.get('items', { headers: { authorization: 'Bearer x' } as never });
    const warning = warnings.find((entry) => entry.kind === 'policy');
    expect(warning?.codes).toEqual(['policy-authorization-not-covered']);
    expect(warning?.message).toMatch(/chromium still lets it through, deprecated/);
  });
});

describe('client.preflightReport', () => {
  it('counts requests and predicted preflights by route and by reason', async () => {
    const { client } = setup();
    await client.get('items');
    await client.put('items/1', { json: {} });
    await client.put('items/2', { json: {} });
    await client.post('items', { json: {} });
    const report = client.preflightReport();
    expect(report).toEqual({
      requests: 4,
      crossOrigin: 4,
      preflights: 3,
      byRoute: {
        [`GET ${API}/items`]: { requests: 1, preflights: 0, reasons: {} },
        [`PUT ${API}/items/:id`]: {
          requests: 2,
          preflights: 2,
          reasons: { 'method-not-safelisted': 2, 'content-type-not-safelisted': 2 },
        },
        [`POST ${API}/items`]: { requests: 1, preflights: 1, reasons: { 'content-type-not-safelisted': 1 } },
      },
      byReason: { 'method-not-safelisted': 2, 'content-type-not-safelisted': 3 },
    });
  });

  it('is shared by extended clients and cannot be changed by callers', async () => {
    const { client } = setup();
    const extended = client.extend({ headers: { 'x-extended': '1' } });
    await extended.get('a');
    await client.get('b');
    const report = client.preflightReport();
    expect(report.requests).toBe(2);
    expect(report.byReason).toEqual({ 'header-not-safelisted': 1 });
    report.requests = 99;
    expect(extended.preflightReport().requests).toBe(2);
  });
});
