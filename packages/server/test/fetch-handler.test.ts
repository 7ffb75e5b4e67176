import {
  CORS_DEBUG_HEADER,
  type CorsRefusal,
  DECODED_CONTENT_LENGTH_HEADER,
  definePolicy,
  PolicyError,
  PROGRESS_EXPOSE_HEADERS,
  progressPreset,
  routePolicies,
  withCors,
} from '@corskit/server';
import { describe, expect, test, vi } from 'vitest';
import { headersOf } from './helpers.js';

const API = 'https://api.example.com/items';
const APP = 'https://app.example.com';

const policy = definePolicy({
  origins: [APP, 'https://*.example.org', 'http://localhost:*'],
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['content-type', 'x-request-id'],
  exposeHeaders: ['X-Request-Id'],
  credentials: true,
  maxAge: 600,
});

function preflight(
  origin: string,
  method: string,
  requestHeaders?: string,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { origin, 'access-control-request-method': method, ...extra };
  if (requestHeaders !== undefined) headers['access-control-request-headers'] = requestHeaders;
  return new Request(API, { method: 'OPTIONS', headers });
}

/** A handler that records its calls and answers with `init`. */
function recordingHandler(init: ResponseInit = {}, body = 'ok') {
  const calls: Request[] = [];
  const handler = (request: Request) => {
    calls.push(request);
    return new Response(body, init);
  };
  return { calls, handler };
}

describe('preflights', () => {
  test('an allowed preflight gets 204 and exactly what the browser needs, without reaching the handler', async () => {
    const { calls, handler } = recordingHandler();
    const answer = await withCors(policy, handler)(preflight(APP, 'PUT', 'content-type,x-request-id'));
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe('');
    expect(headersOf(answer)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type,x-request-id',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    expect(calls).toHaveLength(0);
  });

  test('a safelisted method needs no Allow-Methods; no request headers need no Allow-Headers', async () => {
    const answer = await withCors(policy, () => new Response())(preflight('http://localhost:5173', 'POST'));
    expect(answer.status).toBe(204);
    expect(answer.headers.has('access-control-allow-methods')).toBe(false);
    expect(answer.headers.has('access-control-allow-headers')).toBe(false);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  test('request header names compare case-insensitively and may carry spaces', async () => {
    const answer = await withCors(
      policy,
      () => new Response(),
    )(preflight(APP, 'DELETE', 'Content-Type, X-Request-ID'));
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-headers')).toBe('Content-Type, X-Request-ID');
  });

  test.each<[string, Request]>([
    ['a refused origin', preflight('https://evil.example', 'PUT')],
    ['the apex of a wildcard', preflight('https://example.org', 'PUT')],
    ['a method not listed', preflight(APP, 'PATCH')],
    ['a method in the wrong case', preflight(APP, 'put')],
    ['a forbidden method', preflight(APP, 'CONNECT')],
    ['a malformed method', preflight(APP, 'PUT DELETE')],
    ['a header not listed', preflight(APP, 'PUT', 'content-type,authorization')],
    ['a malformed header list', preflight(APP, 'PUT', 'content-type;x-request-id')],
    [
      'a private-network preflight when not enabled',
      preflight(APP, 'PUT', undefined, { 'access-control-request-private-network': 'true' }),
    ],
    ['10,000 commas', preflight(APP, 'PUT', ','.repeat(10_000))],
    ['a 100 KB header list of allowed names', preflight(APP, 'PUT', 'content-type,'.repeat(8_000))],
    ['a 100 KB origin', preflight(`https://${'a'.repeat(100_000)}.example.org`, 'PUT')],
    ['a 100 KB method', preflight(APP, 'P'.repeat(100_000))],
  ])('refuses %s: 403, no CORS headers, handler not called', async (_name, request) => {
    const { calls, handler } = recordingHandler();
    const answer = await withCors(policy, handler)(request);
    expect(answer.status).toBe(403);
    expect(headersOf(answer)).toEqual({
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    expect(calls).toHaveLength(0);
  });

  test('empty list elements are tolerated, as the list syntax allows', async () => {
    const answer = await withCors(
      policy,
      () => new Response(),
    )(preflight(APP, 'PUT', 'content-type,, x-request-id,'));
    expect(answer.status).toBe(204);
  });

  test('an OPTIONS without Access-Control-Request-Method is not a preflight: it reaches the handler', async () => {
    const { calls, handler } = recordingHandler({ status: 200, headers: { allow: 'GET, PUT' } });
    const response = await withCors(
      policy,
      handler,
    )(new Request(API, { method: 'OPTIONS', headers: { origin: APP } }));
    expect(calls).toHaveLength(1);
    expect(response.status).toBe(200);
    expect(response.headers.get('allow')).toBe('GET, PUT');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.has('access-control-allow-methods')).toBe(false);
  });

  test('an OPTIONS without Origin reaches the handler', async () => {
    const { calls, handler } = recordingHandler();
    await withCors(
      policy,
      handler,
    )(new Request(API, { method: 'OPTIONS', headers: { 'access-control-request-method': 'PUT' } }));
    expect(calls).toHaveLength(1);
  });

  test('the default max-age is 7200 seconds (Chromium cap), and 0 is sent as 0', async () => {
    const defaults = definePolicy({ origins: [APP], methods: ['PUT'] });
    const noCache = definePolicy({ origins: [APP], methods: ['PUT'], maxAge: 0 });
    const answer = await withCors(defaults, () => new Response())(preflight(APP, 'PUT'));
    expect(answer.headers.get('access-control-max-age')).toBe('7200');
    const uncached = await withCors(noCache, () => new Response())(preflight(APP, 'PUT'));
    expect(uncached.headers.get('access-control-max-age')).toBe('0');
  });

  test("methods ['*'] allows any method but the forbidden ones; requestHeaders '*' any header but Authorization", async () => {
    const open = definePolicy({ origins: [APP], methods: ['*'], requestHeaders: '*', credentials: true });
    const handler = withCors(open, () => new Response());
    const allowed = await handler(preflight(APP, 'PURGE', 'x-anything,x-other'));
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('PURGE');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('x-anything,x-other');
    expect((await handler(preflight(APP, 'TRACE'))).status).toBe(403);
    expect((await handler(preflight(APP, 'GET', 'authorization'))).status).toBe(403);
  });

  test('private network access, when enabled, answers Access-Control-Allow-Private-Network', async () => {
    const pna = definePolicy({ origins: [APP], privateNetworkAccess: true });
    const answer = await withCors(
      pna,
      () => new Response(),
    )(preflight(APP, 'GET', undefined, { 'access-control-request-private-network': 'true' }));
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-private-network')).toBe('true');
    expect(answer.headers.get('vary')).toBe(
      'Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network',
    );
    const plain = await withCors(pna, () => new Response())(preflight(APP, 'GET'));
    expect(plain.headers.has('access-control-allow-private-network')).toBe(false);
  });
});

describe('actual responses', () => {
  test('an allowed origin gets Allow-Origin, Allow-Credentials, Expose-Headers and Vary: Origin', async () => {
    const response = await withCors(policy, () => Response.json({ ok: true }))(
      new Request(API, { headers: { origin: APP } }),
    );
    expect(headersOf(response)).toEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Request-Id',
      vary: 'Origin',
    });
    expect(await response.json()).toEqual({ ok: true });
  });

  test("Vary: Origin is added to the handler's Vary, never replacing it and never twice", async () => {
    const cases: Array<[string, string]> = [
      ['Accept-Encoding', 'Accept-Encoding, Origin'],
      ['accept-encoding, origin', 'accept-encoding, origin'],
      ['ORIGIN', 'ORIGIN'],
      ['Accept,Origin', 'Accept,Origin'],
      ['*', '*'],
      ['Cookie , Accept-Language', 'Cookie , Accept-Language, Origin'],
    ];
    for (const [own, expected] of cases) {
      const handler = withCors(policy, () => new Response('x', { headers: { vary: own } }));
      for (const origin of [APP, 'https://evil.example', null]) {
        const request = new Request(API, origin === null ? {} : { headers: { origin } });
        expect((await handler(request)).headers.get('vary'), `${own} / ${origin}`).toBe(expected);
      }
    }
  });

  test('a request without Origin still gets Vary: Origin (a cache must not reuse it cross-origin), and no CORS headers', async () => {
    const response = await withCors(policy, () => new Response('x'))(new Request(API));
    expect(headersOf(response)).toEqual({ 'content-type': 'text/plain;charset=UTF-8', vary: 'Origin' });
  });

  test('a refused origin gets no CORS headers, even if the handler set Allow-Origin itself', async () => {
    const handler = withCors(
      policy,
      () => new Response('x', { headers: { 'access-control-allow-origin': '*' } }),
    );
    const response = await handler(new Request(API, { headers: { origin: 'https://evil.example' } }));
    expect(response.headers.has('access-control-allow-origin')).toBe(false);
    expect(response.headers.has('access-control-allow-credentials')).toBe(false);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  test('the policy overrides an Allow-Origin the handler set for an allowed origin', async () => {
    const handler = withCors(
      policy,
      () => new Response('x', { headers: { 'access-control-allow-origin': '*' } }),
    );
    const response = await handler(new Request(API, { headers: { origin: APP } }));
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  test('responses with immutable headers are rebuilt, keeping status, body and headers', async () => {
    const handler = withCors(policy, () => Response.redirect('https://api.example.com/elsewhere', 307));
    const response = await handler(new Request(API, { headers: { origin: APP } }));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('https://api.example.com/elsewhere');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  test('Response.error() passes through untouched', async () => {
    const response = await withCors(policy, () => Response.error())(
      new Request(API, { headers: { origin: APP } }),
    );
    expect(response.type).toBe('error');
  });

  test("origins '*' sends Allow-Origin: * on every response, with no Vary: Origin", async () => {
    const open = definePolicy({ origins: '*', methods: ['PUT'], exposeHeaders: ['X-Total'] });
    const handler = withCors(open, () => new Response('x'));
    for (const headers of [{ origin: 'https://anyone.example' }, { origin: 'null' }, {}] as Record<
      string,
      string
    >[]) {
      const response = await handler(new Request(API, { headers }));
      expect(headersOf(response)).toEqual({
        'content-type': 'text/plain;charset=UTF-8',
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'X-Total',
      });
    }
    const answer = await handler(preflight('https://anyone.example', 'PUT'));
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('vary')).toBe('Access-Control-Request-Method, Access-Control-Request-Headers');
  });

  test('the dangerous any-origin-with-credentials opt-in reflects the origin, with Vary: Origin', async () => {
    const open = definePolicy({
      origins: '*',
      credentials: true,
      dangerouslyAllowCredentialsWithAnyOrigin: true,
    });
    const response = await withCors(
      open,
      () => new Response('x'),
    )(new Request(API, { headers: { origin: 'https://anyone.example' } }));
    expect(response.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  test('errors thrown by the handler propagate', async () => {
    const handler = withCors(policy, () => {
      throw new Error('boom');
    });
    await expect(handler(new Request(API, { headers: { origin: APP } }))).rejects.toThrow('boom');
  });
});

describe('filterOrigin', () => {
  test('narrows the allowlist and is asked only about origins the allowlist allows', () => {
    const asked: string[] = [];
    const tenants = definePolicy({
      origins: ['https://*.example.com'],
      filterOrigin: (origin) => {
        asked.push(origin);
        return origin === 'https://active.example.com';
      },
    });
    expect(tenants.allowsOrigin('https://active.example.com')).toBe(true);
    expect(tenants.allowsOrigin('https://suspended.example.com')).toBe(false);
    expect(tenants.allowsOrigin('https://evil.example')).toBe(false);
    expect(asked).toEqual(['https://active.example.com', 'https://suspended.example.com']);
  });

  test('cannot widen it: a filter answering true for everything changes nothing', () => {
    const policyWithFilter = definePolicy({ origins: ['https://a.example.com'], filterOrigin: () => true });
    expect(policyWithFilter.allowsOrigin('https://evil.example')).toBe(false);
  });

  test('a truthy non-boolean is not a yes', () => {
    const sloppy = definePolicy({ origins: ['https://a.example.com'], filterOrigin: (() => 'yes') as never });
    expect(sloppy.allowsOrigin('https://a.example.com')).toBe(false);
  });
});

describe('debug mode', () => {
  test('a refused preflight says why in a header, and the reporter gets the refusal', async () => {
    const refusals: CorsRefusal[] = [];
    const debugging = definePolicy({
      origins: [APP],
      methods: ['PUT'],
      debug: (refusal) => refusals.push(refusal),
    });
    const handler = withCors(debugging, () => new Response());
    const answer = await handler(preflight(APP, 'PATCH'));
    expect(answer.status).toBe(403);
    expect(answer.headers.get(CORS_DEBUG_HEADER)).toBe(
      'the method PATCH is not in methods (methods compare case-sensitively).',
    );
    await handler(new Request(API, { headers: { origin: 'https://evil.example' } }));
    expect(refusals).toEqual([
      {
        kind: 'preflight',
        origin: APP,
        reason: 'the method PATCH is not in methods (methods compare case-sensitively).',
      },
      { kind: 'actual', origin: 'https://evil.example', reason: 'the origin is not allowed by the policy.' },
    ]);
  });

  test('debug: true logs a line with console.warn; hostile values are cut and made printable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const debugging = definePolicy({ origins: [APP], debug: true });
      const origin = `https://${'é'.repeat(5000)}.example`;
      const answer = await withCors(debugging, () => new Response())(preflight(origin, 'GET'));
      expect(answer.headers.get(CORS_DEBUG_HEADER)).toBe('the origin is not allowed by the policy.');
      expect(warn).toHaveBeenCalledTimes(1);
      const line = String(warn.mock.calls[0]![0]);
      expect(line).toMatch(
        /^\[corskit\] refused preflight request from https:\/\/\?{112}\.\.\.\(5016 chars\): /,
      );
    } finally {
      warn.mockRestore();
    }
  });

  test('a throwing reporter does not break the request', async () => {
    const debugging = definePolicy({
      origins: [APP],
      debug: () => {
        throw new Error('logger down');
      },
    });
    const answer = await withCors(debugging, () => new Response())(preflight('https://evil.example', 'GET'));
    expect(answer.status).toBe(403);
  });

  test('without debug, no header says why', async () => {
    const answer = await withCors(policy, () => new Response())(preflight(APP, 'PATCH'));
    expect(answer.headers.has(CORS_DEBUG_HEADER)).toBe(false);
  });
});

describe('per-route policies', () => {
  const open = definePolicy({ origins: '*' });
  const routes = routePolicies({ '/': policy, '/public': open, '/admin': null, '/api/v2/': open });
  const app = withCors(routes, (request) => new Response(new URL(request.url).pathname));
  const get = (path: string, origin = 'https://anyone.example') =>
    app(new Request(`https://api.example.com${path}`, { headers: { origin } }));

  test('the longest prefix at a segment boundary wins', async () => {
    expect((await get('/public')).headers.get('access-control-allow-origin')).toBe('*');
    expect((await get('/public/file.txt?x=1')).headers.get('access-control-allow-origin')).toBe('*');
    expect((await get('/publicity')).headers.has('access-control-allow-origin')).toBe(false);
    expect((await get('/api/v2/users')).headers.get('access-control-allow-origin')).toBe('*');
    expect((await get('/api/v1/users')).headers.has('access-control-allow-origin')).toBe(false);
    expect((await get('/api/v1/users', APP)).headers.get('access-control-allow-origin')).toBe(APP);
  });

  test('null turns CORS off below a prefix, even for origins the parent policy allows', async () => {
    const response = await get('/admin/users', APP);
    expect(response.headers.has('access-control-allow-origin')).toBe(false);
    expect(response.headers.has('vary')).toBe(false);
    const answer = await app(
      new Request('https://api.example.com/admin', {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'PUT' },
      }),
    );
    expect(await answer.text()).toBe('/admin'); // Reached the handler: no policy answers it.
  });

  test('encoded dots and slashes match no prefix, so they never borrow a broader policy', () => {
    expect(routes.policyFor('/public/%2e%2e/admin')).toBeNull();
    expect(routes.policyFor('/public%2Fadmin')).toBeNull();
    expect(routes.policyFor('/public/../admin')).toBeNull();
    expect(routes.policyFor('/public/x')).toBe(open);
    expect(routes.policyFor('/anything')).toBe(policy);
  });

  test('bad prefixes and non-policies are a PolicyError listing each', () => {
    expect(() =>
      routePolicies({ api: policy, '/a?b': policy, '/a/../b': policy, '/x': {} as never }),
    ).toThrow(PolicyError);
    try {
      routePolicies({ api: policy, '/a?b': policy, '/a/../b': policy, '/x': {} as never });
    } catch (error) {
      expect((error as PolicyError).problems).toHaveLength(4);
    }
  });
});

describe('the contract', () => {
  test('withCors refuses anything that is not a policy made by definePolicy', () => {
    const forged = { config: { origins: '*' }, allowsOrigin: () => true };
    expect(() => withCors(forged as never, () => new Response())).toThrow(TypeError);
    expect(() => withCors(policy, 'handler' as never)).toThrow(TypeError);
  });

  test('allowsOrigin answers false for non-strings instead of throwing', () => {
    expect(policy.allowsOrigin(42 as never)).toBe(false);
    expect(policy.allowsOrigin(undefined as never)).toBe(false);
  });

  test('the progress preset exposes what honest download progress needs', async () => {
    expect(DECODED_CONTENT_LENGTH_HEADER).toBe('X-Decoded-Content-Length');
    expect(PROGRESS_EXPOSE_HEADERS).toEqual([
      'Content-Encoding',
      'Content-Length',
      'X-Decoded-Content-Length',
    ]);
    const downloads = definePolicy({ ...progressPreset, origins: [APP] });
    const response = await withCors(
      downloads,
      () => new Response('x'),
    )(new Request(API, { headers: { origin: APP } }));
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'Content-Encoding, Content-Length, X-Decoded-Content-Length',
    );
  });
});
