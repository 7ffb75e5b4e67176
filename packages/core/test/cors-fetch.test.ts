// createCorsFetch against an in-test server that answers like WPT's preflight.py: the CORS check,
// preflights (what they ask and how their answers are checked), response tainting and filtering,
// credentials, and the Origin header. Shapes from WPT's fetch/api/cors/cors-basic, cors-no-preflight,
// cors-preflight, cors-preflight-not-cors-safelisted, cors-preflight-star, cors-preflight-status,
// cors-preflight-response-validation, cors-origin, cors-multiple-origins,
// cors-filtering, cors-expose-star and cors-keepalive. Referer is not modelled (nothing in CORS
// depends on it), so cors-preflight-referrer is left out.

import { CorsError, createCorsFetch, ENGINES, engineProfile } from '@corskit/core';
import { describe, expect, test } from 'vitest';
import {
  API,
  API_HTTP,
  answer,
  CROSS_ORIGINS,
  expectRejection,
  expectTypeError,
  harness,
  headerNames,
  OTHER,
  PAGE,
  PAGE_OTHER_PORT,
  withHeader,
} from './helpers';

describe('cors-basic: the three response types', () => {
  describe.each(CROSS_ORIGINS)('%s', (_label, origin) => {
    test('no-cors mode gives an opaque response: status 0, no status text, no headers, empty body', async () => {
      const { fetch, server } = harness(answer({ headers: [['x-secret', '1']] }));
      const response = await fetch(`${origin}/top.txt`, { mode: 'no-cors' });
      expect(response.type).toBe('opaque');
      expect(response.status).toBe(0);
      expect(response.statusText).toBe('');
      expect(response.ok).toBe(false);
      expect(response.url).toBe('');
      expect(headerNames(response)).toEqual([]);
      expect(await response.text()).toBe('');
      expect(server.requests()).toHaveLength(1);
    });

    test('cors mode without Access-Control-Allow-Origin rejects', async () => {
      const { fetch } = harness(answer({ allowOrigin: null }));
      const error = await expectRejection(
        fetch(`${origin}/top.txt`, { mode: 'cors' }),
        'allow-origin-missing',
      );
      expect(error).toBeInstanceOf(CorsError);
    });

    test('cors mode with Access-Control-Allow-Origin: * gives a cors response', async () => {
      const { fetch, server } = harness(answer());
      const response = await fetch(`${origin}/top.txt`, { mode: 'cors' });
      expect(response.type).toBe('cors');
      expect(response.status).toBe(200);
      expect(response.url).toBe(`${origin}/top.txt`);
      expect(response.redirected).toBe(false);
      expect(await response.text()).toBe('ok');
      expect(server.preflights()).toEqual([]);
    });
  });

  test('a same-origin response is basic: every header but Set-Cookie is readable', async () => {
    const { fetch } = harness(
      answer({
        allowOrigin: null,
        headers: [
          ['x-custom', '1'],
          ['server', 'test'],
          ['set-cookie', 'a=b'],
          ['set-cookie2', 'c=d'],
        ],
      }),
    );
    const response = await fetch(`${PAGE}/same`);
    expect(response.type).toBe('basic');
    expect(response.status).toBe(200);
    expect(headerNames(response)).toEqual(['content-type', 'server', 'x-custom']);
  });

  test('a same-origin request never preflights and needs no CORS headers', async () => {
    const { fetch, server } = harness(answer({ allowOrigin: null }));
    const response = await fetch(`${PAGE}/same`, { method: 'PATCH', headers: { 'X-Test': '1' } });
    expect(response.type).toBe('basic');
    expect(server.preflights()).toEqual([]);
    expect(server.requests()[0]?.method).toBe('PATCH');
  });

  test('the status of a CORS response can be anything, e.g. 404', async () => {
    const { fetch } = harness(answer({ status: 404, body: 'missing' }));
    const response = await fetch(`${API}/nope`);
    expect(response.type).toBe('cors');
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
    expect(await response.text()).toBe('missing');
  });

  test('HEAD and 204 responses have a null body', async () => {
    const { fetch } = harness(answer({ status: 204 }));
    expect((await fetch(`${API}/x`)).body).toBeNull();
    const head = harness(answer());
    expect((await head.fetch(`${API}/x`, { method: 'HEAD' })).body).toBeNull();
  });

  test('keepalive requests behave as without keepalive (cors-keepalive)', async () => {
    const opaque = await harness(answer()).fetch(`${API}/top.txt`, { keepalive: true, mode: 'no-cors' });
    expect(opaque.type).toBe('opaque');
    expect(opaque.status).toBe(0);
    await expectRejection(
      harness(answer({ allowOrigin: null })).fetch(`${API}/top.txt`, { keepalive: true }),
    );
    const cors = await harness(answer()).fetch(`${API}/top.txt`, { keepalive: true, mode: 'cors' });
    expect(cors.type).toBe('cors');
    expect(cors.status).toBe(200);
  });
});

describe('cors-no-preflight: simple requests go straight to the server', () => {
  test.each([
    ['GET', undefined],
    ['POST', undefined],
    ['HEAD', undefined],
    ['GET', ['Accept', '*/*']],
    ['GET', ['Accept-Language', 'fr']],
    ['GET', ['Content-Language', 'fr']],
    ['GET', ['Content-Type', 'application/x-www-form-urlencoded']],
    ['GET', ['Content-Type', 'multipart/form-data']],
    ['GET', ['Content-Type', 'text/plain']],
    ['GET', ['Content-Type', 'text/plain;charset=utf-8']],
    ['GET', ['Content-Type', 'Text/Plain;charset=utf-8']],
  ] as const)('%s with %j', async (method, header) => {
    const { fetch, server } = harness(answer());
    const init: RequestInit = header ? withHeader(header[0], header[1], { method }) : { method };
    const response = await fetch(`${API}/preflight`, init);
    expect(response.status).toBe(200);
    expect(server.preflights()).toEqual([]);
    expect(server.requests()).toHaveLength(1);
    expect(server.requests()[0]?.method).toBe(method);
    if (header) expect(server.requests()[0]?.headers[header[0].toLowerCase()]).toBe(header[1]);
  });

  test('two Accept entries of 100 bytes each are each safelisted: no preflight', async () => {
    const { fetch, server } = harness(answer());
    await fetch(`${API}/x`, {
      headers: [
        ['accept', 'a'.repeat(100)],
        ['accept', 'b'.repeat(100)],
      ],
    });
    expect(server.preflights()).toEqual([]);
  });
});

describe('cors-preflight: what the preflight asks, and what the answer must say', () => {
  test.each(['DELETE', 'PUT', 'PATCH', 'NEW'])('%s, server allows', async (method) => {
    const { fetch, server } = harness(answer({ allowMethods: method, maxAge: '0' }));
    const response = await fetch(`${API}/preflight`, { method });
    expect(response.status).toBe(200);
    expect(server.preflights()).toHaveLength(1);
    const [preflight] = server.preflights();
    expect(preflight?.method).toBe('OPTIONS');
    expect(preflight?.headers['access-control-request-method']).toBe(method);
    expect(preflight?.headers).not.toHaveProperty('access-control-request-headers');
    expect(server.requests().map((seen) => seen.method)).toEqual([method]);
  });

  test.each(['DELETE', 'PUT', 'PATCH', 'NEW'])('%s, server refuses', async (method) => {
    const { fetch, server } = harness(answer({ maxAge: '0' }));
    await expectRejection(fetch(`${API}/preflight`, { method }), 'method-not-allowed');
    expect(server.preflights()).toHaveLength(1);
    expect(server.requests()).toEqual([]);
  });

  test('the preflight is an OPTIONS request with Origin and Accept: */*, no credentials, no body, none of the script headers', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT', allowHeaders: 'x-test' }));
    await fetch(`${API}/items?x=1`, {
      method: 'PUT',
      credentials: 'include',
      headers: { 'X-Test': 'secret', 'Content-Type': 'text/plain', 'Accept-Language': 'fr' },
      body: 'payload',
    }).catch(() => undefined);
    const [preflight] = server.preflights();
    expect(preflight?.url).toBe(`${API}/items?x=1`);
    expect(preflight?.headers).toEqual({
      accept: '*/*',
      'access-control-request-headers': 'x-test',
      'access-control-request-method': 'PUT',
      origin: PAGE,
    });
    expect(preflight?.body).toBeNull();
    expect(preflight?.credentials).toBe('omit');
  });

  test('GET with x-test-header1, server allows', async () => {
    const { fetch, server } = harness(answer({ allowHeaders: 'x-test-header1' }));
    const response = await fetch(`${API}/preflight`, withHeader('x-test-header1', 'allowed'));
    expect(response.status).toBe(200);
    expect(server.preflights()[0]?.headers['access-control-request-method']).toBe('GET');
    expect(server.preflights()[0]?.headers['access-control-request-headers']).toBe('x-test-header1');
    expect(server.requests()[0]?.headers['x-test-header1']).toBe('allowed');
  });

  test('GET with x-test-header1, server refuses', async () => {
    const { fetch, server } = harness(answer());
    await expectRejection(
      fetch(`${API}/preflight`, withHeader('x-test-header1', 'refused')),
      'header-not-allowed',
    );
    expect(server.requests()).toEqual([]);
  });

  const several: Array<[string, string]> = [
    ['x-test-header1', 'allowedOrRefused'],
    ['x-test-header2', 'allowedOrRefused'],
    ['X-test-header3', 'allowedOrRefused'],
    ['x-test-header-b', 'allowedOrRefused'],
    ['x-test-header-D', 'allowedOrRefused'],
    ['x-test-header-C', 'allowedOrRefused'],
    ['x-test-header-a', 'allowedOrRefused'],
    ['Content-Type', 'allowedOrRefused'],
  ];
  const safe: Array<[string, string]> = [
    ['Accept', '*'],
    ['Accept-Language', 'bzh'],
    ['Content-Language', 'eu'],
  ];
  const asked =
    'content-type,x-test-header-a,x-test-header-b,x-test-header-c,x-test-header-d,x-test-header1,x-test-header2,x-test-header3';

  test.each(['GET', 'PUT'])(
    '%s with several headers, server allows them (listed in any order and case)',
    async (method) => {
      const allowHeaders = several.map(([name]) => name).join(' , ');
      const { fetch, server } = harness(answer({ allowMethods: method, allowHeaders }));
      const response = await fetch(`${API}/preflight`, { method, headers: [...several, ...safe] });
      expect(response.status).toBe(200);
      expect(server.preflights()[0]?.headers['access-control-request-headers']).toBe(asked);
      const sent = server.requests()[0]?.headers;
      for (const [name, value] of [...several, ...safe]) expect(sent?.[name.toLowerCase()]).toBe(value);
    },
  );

  test.each(['GET', 'PUT'])('%s with several headers, server refuses', async (method) => {
    const { fetch, server } = harness(answer({ allowMethods: method }));
    const error = await expectRejection(
      fetch(`${API}/preflight`, { method, headers: [...several, ...safe] }),
      'header-not-allowed',
    );
    expect(error.message).toContain('x-test-header1');
    expect(server.requests()).toEqual([]);
  });

  test('PUT with only safelisted headers: the preflight has no Access-Control-Request-Headers', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT' }));
    await fetch(`${API}/preflight`, { method: 'PUT', headers: safe });
    expect(server.preflights()[0]?.headers).not.toHaveProperty('access-control-request-headers');
  });

  test('the method is asked for exactly as sent: patch stays patch and PATCH does not allow it', async () => {
    const refused = harness(answer({ allowMethods: 'PATCH' }));
    await expectRejection(refused.fetch(`${API}/x`, { method: 'patch' }), 'method-not-allowed');
    expect(refused.server.preflights()[0]?.headers['access-control-request-method']).toBe('patch');
    const allowed = harness(answer({ allowMethods: 'patch' }));
    expect((await allowed.fetch(`${API}/x`, { method: 'patch' })).status).toBe(200);
    expect(allowed.server.requests()[0]?.method).toBe('patch');
  });

  test('lowercase put is normalized to PUT before it is asked for', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT' }));
    await fetch(`${API}/x`, { method: 'put' });
    expect(server.preflights()[0]?.headers['access-control-request-method']).toBe('PUT');
    expect(server.requests()[0]?.method).toBe('PUT');
  });

  test('the preflight answer must itself pass the CORS check', async () => {
    const { fetch, server } = harness((request) =>
      request.method === 'OPTIONS'
        ? new Response(null, { headers: { 'access-control-allow-methods': 'PUT' } })
        : new Response('ok', { headers: { 'access-control-allow-origin': '*' } }),
    );
    await expectRejection(fetch(`${API}/x`, { method: 'PUT' }), 'allow-origin-missing');
    expect(server.requests()).toEqual([]);
  });
});

describe('cors-preflight-not-cors-safelisted: each needs a preflight that names it', () => {
  const digits129 =
    '012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678';
  test.each([
    ['accept', '"'],
    ['accept', digits129],
    ['accept-language', '\u0001'],
    ['accept-language', '@'],
    ['authorization', 'basics'],
    ['content-language', '\u0001'],
    ['content-language', '@'],
    ['content-type', 'text/html'],
    ['content-type', `text/plain; long=${digits129.slice(0, 112)}`],
    ['last-event-id', '"'],
    ['last-event-id', digits129],
    ['range', 'bytes 0-'],
    ['test', 'hi'],
  ])('%s: %j', async (name, value) => {
    const { fetch, server } = harness(answer({ allowHeaders: name, maxAge: '0' }));
    const response = await fetch(`${API}/preflight`, withHeader(name, value));
    expect(response.status).toBe(200);
    expect(server.preflights()).toHaveLength(1);
    expect(server.preflights()[0]?.headers['access-control-request-headers']).toBe(name);
    expect(server.requests()[0]?.headers[name]).toBe(value);
  });
});

describe('cors-preflight-star: * in the allow lists is a wildcard only without credentials', () => {
  // [succeeds, credentials, Allow-Methods, Allow-Headers, method, header]
  test.each([
    [true, false, 'get', 'x-test', 'GET', ['X-Test', '1']],
    [true, false, '*', 'x-test', 'SUPER', ['X-Test', '1']],
    [true, false, '*', '*', 'OK', ['X-Test', '1']],
    [false, true, '*', '*', 'OK', ['X-Test', '1']],
    [false, true, '*', '', 'PUT', null],
    [true, true, 'PUT', '*', 'PUT', null],
    [false, true, 'get', '*', 'GET', ['X-Test', '1']],
    [false, true, '*', '*', 'GET', ['X-Test', '1']],
    [true, true, '*', '*', '*', ['*', '1']],
    [false, true, 'put', '*', 'PUT', null],
  ] as const)(
    'succeeds: %s with credentials: %s; allowed methods %j, allowed headers %j; method %s, header %j',
    async (succeeds, withCredentials, allowMethods, allowHeaders, method, header) => {
      const { fetch, server } = harness(
        answer({
          allowOrigin: withCredentials ? PAGE : '*',
          allowCredentials: withCredentials ? 'true' : undefined,
          allowMethods,
          allowHeaders,
          headers: [['x-origin', PAGE]],
          exposeHeaders: 'x-origin',
        }),
      );
      const init: RequestInit = {
        method,
        ...(withCredentials ? { credentials: 'include' as const } : {}),
        ...(header ? { headers: [[header[0], header[1]]] } : {}),
      };
      if (succeeds) {
        const response = await fetch(`${API}/preflight`, init);
        expect(response.headers.get('x-origin')).toBe(PAGE);
      } else {
        await expectRejection(fetch(`${API}/preflight`, init));
        expect(server.requests()).toEqual([]);
      }
    },
  );

  test('spec: Access-Control-Allow-Headers: * does not cover Authorization; naming it does', async () => {
    const star = harness(answer({ allowHeaders: '*' }));
    await expectRejection(
      star.fetch(`${API}/x`, withHeader('Authorization', 'Bearer t')),
      'authorization-not-covered-by-wildcard',
    );
    expect(star.server.requests()).toEqual([]);
    const named = harness(answer({ allowHeaders: '*, Authorization' }));
    expect((await named.fetch(`${API}/x`, withHeader('Authorization', 'Bearer t'))).status).toBe(200);
  });

  test('header names compare case-insensitively; methods case-sensitively', async () => {
    const { fetch } = harness(answer({ allowMethods: 'DELETE', allowHeaders: 'X-CUSTOM-HEADER' }));
    expect((await fetch(`${API}/x`, { method: 'DELETE', headers: { 'x-custom-header': '1' } })).status).toBe(
      200,
    );
    const lower = harness(answer({ allowMethods: 'delete' }));
    await expectRejection(lower.fetch(`${API}/x`, { method: 'DELETE' }), 'method-not-allowed');
  });
});

describe('cors-preflight-status: only an ok status (200-299) passes', () => {
  test.each([200, 201, 202, 203, 204, 205, 206])('preflight answered with %i', async (status) => {
    const { fetch, server } = harness(
      answer({ allowHeaders: 'x-force-preflight', maxAge: '0', preflightStatus: status }),
    );
    const response = await fetch(`${API}/preflight`, withHeader('x-force-preflight', ''));
    expect(response.status).toBe(200);
    expect(server.preflights()).toHaveLength(1);
  });

  test.each([
    300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 501, 502, 503, 504, 505,
  ])('preflight answered with %i', async (status) => {
    const { fetch, server } = harness(
      answer({
        allowHeaders: 'x-force-preflight',
        maxAge: '0',
        preflightStatus: status,
        preflightHeaders: [['location', `${API}/elsewhere`]],
      }),
    );
    const error = await expectRejection(
      fetch(`${API}/preflight`, withHeader('x-force-preflight', '')),
      'preflight-status',
    );
    expect(error.message).toContain(String(status));
    expect(server.log.map((seen) => seen.method)).toEqual(['OPTIONS']);
  });
});

describe('cors-preflight-response-validation: malformed allow lists fail the preflight', () => {
  test.each([
    ['a bad Access-Control-Allow-Headers', { allowHeaders: 'x-force-preflight,Bad value' }],
    ['a bad Access-Control-Allow-Methods', { allowHeaders: 'x-force-preflight', allowMethods: 'Bad value' }],
    [
      'an Access-Control-Allow-Methods item with a slash',
      { allowHeaders: 'x-force-preflight', allowMethods: 'GET/PUT' },
    ],
    ['an Access-Control-Allow-Headers item with a colon', { allowHeaders: 'x-force-preflight, x:y' }],
  ])('%s', async (_label, allow) => {
    const { fetch, server } = harness(answer({ ...allow, maxAge: '0' }));
    await expectRejection(fetch(`${API}/preflight`, withHeader('x-force-preflight', '')));
    expect(server.requests()).toEqual([]);
    const simple = await fetch(`${API}/preflight`);
    expect(simple.status).toBe(200);
    expect(server.preflights()).toHaveLength(1);
  });

  test('empty list elements are allowed', async () => {
    const { fetch } = harness(answer({ allowMethods: ',PUT,,', allowHeaders: ' , x-a ,' }));
    expect((await fetch(`${API}/x`, { method: 'PUT', headers: { 'x-a': '1' } })).status).toBe(200);
  });

  test('the allow lists combine across header lines', async () => {
    const { fetch } = harness(
      answer({
        preflightHeaders: [
          ['access-control-allow-headers', 'x-a'],
          ['access-control-allow-headers', 'x-b'],
          ['access-control-allow-methods', 'PUT'],
        ],
      }),
    );
    expect((await fetch(`${API}/x`, { method: 'PUT', headers: { 'x-a': '1', 'x-b': '2' } })).status).toBe(
      200,
    );
  });
});

describe('cors-origin: Access-Control-Allow-Origin must be the page origin, byte for byte', () => {
  describe.each([
    ['GET', API],
    ['GET', PAGE_OTHER_PORT],
    ['GET', OTHER],
    ['POST', API],
    ['HEAD', API],
    ['PUT', API],
  ])('%s to %s', (method, target) => {
    test('[origin OK]', async () => {
      const { fetch } = harness(answer({ allowOrigin: PAGE, allowMethods: method }));
      expect((await fetch(`${target}/x`, { method })).status).toBe(200);
    });

    test('[origin KO]: the target origin itself', async () => {
      const { fetch } = harness(answer({ allowOrigin: target, allowMethods: method }));
      await expectRejection(fetch(`${target}/x`, { method }), 'allow-origin-mismatch');
    });
  });

  test.each([
    ['the empty string', ''],
    ['a trailing slash', `${PAGE}/`],
    ['another case', 'https://APP.example.com'],
    ['another scheme', 'http://app.example.com'],
    ['an explicit default port', `${PAGE}:443`],
    ['null', 'null'],
    ['a wildcard subdomain', 'https://*.example.com'],
    ['surrounding quotes', `"${PAGE}"`],
  ])('%s is not a match', async (_label, allowOrigin) => {
    const { fetch } = harness(answer({ allowOrigin }));
    const error = await expectRejection(fetch(`${API}/x`));
    expect(error).toBeInstanceOf(CorsError);
    expect((error as CorsError).fix).toContain(`Access-Control-Allow-Origin: ${PAGE}`);
  });
});

describe('cors-multiple-origins: Access-Control-Allow-Origin must hold exactly one value', () => {
  test.each([
    ['3 origins, the page origin third', ['""', 'http://example.com', PAGE]],
    ['3 origins, * third', ['""', 'http://example.com', '*']],
    ['the page origin twice', ['""', PAGE, PAGE]],
    ['* twice', ['*', 'http://example.com', '*']],
    ['* and the page origin', ['*', PAGE, '*', PAGE]],
    ['no match', ['', 'http://example.com', 'https://example2.com']],
    ['exactly the page origin, twice', [PAGE, PAGE]],
    ['exactly *, twice', ['*', '*']],
  ])('%s: rejected', async (_label, origins) => {
    const { fetch } = harness(answer({ allowOrigin: origins }));
    await expectRejection(fetch(`${API}/preflight`));
  });

  test('a comma-separated list in one line is rejected with allow-origin-multiple', async () => {
    const { fetch } = harness(answer({ allowOrigin: `${PAGE}, ${OTHER}` }));
    const error = await expectRejection(fetch(`${API}/x`), 'allow-origin-multiple');
    expect(error.message).toContain('exactly one');
  });
});

describe('credentials', () => {
  test.each([
    ['omit', '*', undefined, true],
    ['omit', '*', 'true', true],
    ['omit', `${PAGE}/`, undefined, false],
    ['omit', PAGE, undefined, true],
    ['include', '*', 'true', false],
    ['include', PAGE, 'true', true],
    ['include', PAGE, 'True', false],
    ['include', PAGE, undefined, false],
    ['include', PAGE, 'true, true', false],
    ['same-origin', '*', undefined, true],
  ] as const)(
    'credentials %s, Allow-Origin %j, Allow-Credentials %j: shared %s',
    async (credentials, allowOrigin, allowCredentials, shared) => {
      const { fetch } = harness(answer({ allowOrigin, allowCredentials }));
      const result = fetch(`${API}/rabbit`, { credentials });
      if (shared) expect((await result).type).toBe('cors');
      else await expectRejection(result);
    },
  );

  test('the error codes name the credentialed mistakes', async () => {
    await expectRejection(
      harness(answer({ allowCredentials: 'true' })).fetch(`${API}/x`, { credentials: 'include' }),
      'allow-origin-wildcard-with-credentials',
    );
    await expectRejection(
      harness(answer({ allowOrigin: PAGE })).fetch(`${API}/x`, { credentials: 'include' }),
      'allow-credentials-missing',
    );
  });

  test('credentials go with the request only for include, or same-origin on the same origin', async () => {
    const { fetch, server } = harness(answer({ allowOrigin: PAGE, allowCredentials: 'true' }));
    await fetch(`${API}/a`, { credentials: 'include' });
    await fetch(`${API}/b`);
    await fetch(`${API}/c`, { credentials: 'omit' });
    await fetch(`${PAGE}/d`);
    await fetch(`${PAGE}/e`, { credentials: 'omit' });
    expect(server.requests().map((seen) => seen.credentials)).toEqual([
      'include',
      'omit',
      'omit',
      'include',
      'omit',
    ]);
  });

  test('a credentialed preflight is sent without credentials and must allow credentials', async () => {
    const { fetch, server } = harness(
      (request) =>
        new Response(null, {
          headers: {
            'access-control-allow-origin': PAGE,
            'access-control-allow-methods': 'PUT',
            ...(request.method === 'OPTIONS' ? {} : { 'access-control-allow-credentials': 'true' }),
          },
        }),
    );
    await expectRejection(
      fetch(`${API}/x`, { method: 'PUT', credentials: 'include' }),
      'allow-credentials-missing',
    );
    expect(server.preflights()[0]?.credentials).toBe('omit');
    expect(server.requests()).toEqual([]);
  });
});

describe('cors-filtering: which response headers a script can read', () => {
  test.each([
    ['Cache-Control', 'no-cache', true],
    ['Content-Language', 'fr', true],
    ['Content-Length', '2', true],
    ['Content-Type', 'text/html', true],
    ['Expires', '04 May 1988 22:22:22 GMT', true],
    ['Last-Modified', '04 May 1988 22:22:22 GMT', true],
    ['Pragma', 'no-cache', true],
    ['Age', '27', false],
    ['Server', 'wptServe', false],
    ['Warning', 'Mind the gap', false],
    ['Content-Encoding', 'identity', false],
    ['ETag', '"x"', false],
    ['Set-Cookie', 'name=value', false],
    ['Set-Cookie2', 'name=value', false],
    ['Access-Control-Allow-Origin', '*', false],
  ])('%s: %j readable without exposing it: %s', async (name, value, readable) => {
    const { fetch } = harness((request) =>
      answer({ headers: name === 'Access-Control-Allow-Origin' ? [] : [[name, value]] })(request),
    );
    const response = await fetch(`${API}/top.txt`);
    expect(response.type).toBe('cors');
    expect(response.headers.has(name)).toBe(readable);
    if (readable && name !== 'Content-Type' && name !== 'Content-Length') {
      expect(response.headers.get(name)).toBe(value);
    }
  });

  test.each([
    ['Age', '27', true],
    ['Server', 'wptServe', true],
    ['Warning', 'Mind the gap', true],
    ['Content-Encoding', 'identity', true],
    ['Set-Cookie', 'name=value', false],
    ['Set-Cookie2', 'name=value', false],
  ])('%s: %j readable once exposed: %s', async (name, value, readable) => {
    const { fetch } = harness(answer({ headers: [[name, value]], exposeHeaders: name }));
    const response = await fetch(`${API}/top.txt`);
    expect(response.headers.has(name)).toBe(readable);
    if (readable) expect(response.headers.get(name)).toBe(value);
  });

  test('Access-Control-Expose-Headers names compare case-insensitively and combine across lines', async () => {
    const { fetch } = harness(
      answer({
        headers: [
          ['x-a', '1'],
          ['x-b', '2'],
          ['x-c', '3'],
        ],
        exposeHeaders: ['X-A', 'x-b'],
      }),
    );
    const response = await fetch(`${API}/x`);
    expect(response.headers.get('x-a')).toBe('1');
    expect(response.headers.get('x-b')).toBe('2');
    expect(response.headers.has('x-c')).toBe(false);
  });

  test('an Access-Control-Expose-Headers value that does not parse exposes nothing', async () => {
    const { fetch } = harness(
      answer({
        headers: [
          ['x-a', '1'],
          ['x-b', '2'],
        ],
        exposeHeaders: 'x-a, not a token',
      }),
    );
    const response = await fetch(`${API}/x`);
    expect(response.headers.has('x-a')).toBe(false);
    expect(response.headers.has('x-b')).toBe(false);
  });
});

describe('cors-expose-star', () => {
  const shared: Array<[string, string]> = [
    ['Test', 'X'],
    ['Set-Cookie', 'X'],
    ['*', 'whoa'],
  ];

  test('Access-Control-Expose-Headers: * exposes every header but Set-Cookie', async () => {
    const { fetch } = harness(answer({ exposeHeaders: '*', headers: shared }));
    const response = await fetch(`${API}/top.txt`);
    expect(response.status).toBe(200);
    expect(response.type).toBe('cors');
    expect(response.headers.get('test')).toBe('X');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('*')).toBe('whoa');
  });

  test('* for credentialed fetches only matches literally', async () => {
    const { fetch } = harness(
      answer({ allowOrigin: PAGE, allowCredentials: 'true', exposeHeaders: '*', headers: shared }),
    );
    const response = await fetch(`${API}/top.txt`, { credentials: 'include' });
    expect(response.status).toBe(200);
    expect(response.type).toBe('cors');
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('test')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('*')).toBe('whoa');
  });

  test('* can be one of several values', async () => {
    const { fetch } = harness(
      answer({
        exposeHeaders: ['*', 'set-cookie'],
        headers: [
          ['Test', 'X'],
          ['Set-Cookie', 'X'],
        ],
      }),
    );
    const response = await fetch(`${API}/top.txt`);
    expect(response.headers.get('test')).toBe('X');
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('the Origin header on the wire', () => {
  test.each([
    ['a cross-origin GET', `${API}/x`, {}, PAGE],
    ['a cross-origin POST', `${API}/x`, { method: 'POST' }, PAGE],
    ['a cross-origin HEAD', `${API}/x`, { method: 'HEAD' }, PAGE],
    ['a same-origin GET', `${PAGE}/x`, {}, undefined],
    ['a same-origin HEAD', `${PAGE}/x`, { method: 'HEAD' }, undefined],
    ['a same-origin POST', `${PAGE}/x`, { method: 'POST' }, PAGE],
    ['a same-origin DELETE', `${PAGE}/x`, { method: 'DELETE' }, PAGE],
    ['a no-cors GET', `${API}/x`, { mode: 'no-cors' }, undefined],
    ['a no-cors POST', `${API}/x`, { mode: 'no-cors', method: 'POST' }, PAGE],
  ] as const)('%s: %s', async (_label, url, init, origin) => {
    const { fetch, server } = harness(answer());
    await fetch(url, init as RequestInit);
    expect(server.requests()[0]?.headers.origin).toBe(origin);
  });

  test("a no-cors POST with referrerPolicy 'no-referrer' sends Origin: null", async () => {
    const { fetch, server } = harness(answer());
    await fetch(`${API}/x`, { mode: 'no-cors', method: 'POST', referrerPolicy: 'no-referrer' });
    expect(server.requests()[0]?.headers.origin).toBe('null');
  });

  test('a script cannot set Origin (or any forbidden header) itself', async () => {
    const { fetch, server } = harness(answer());
    await fetch(`${API}/x`, {
      headers: { Origin: 'https://evil.example', Cookie: 'a=b', 'Sec-Fetch-Site': 'x' },
    });
    expect(server.preflights()).toEqual([]);
    expect(server.requests()[0]?.headers.origin).toBe(PAGE);
    expect(server.requests()[0]?.headers).not.toHaveProperty('cookie');
    expect(server.requests()[0]?.headers).not.toHaveProperty('sec-fetch-site');
  });

  test('a page with an opaque origin sends Origin: null and needs Allow-Origin: null or *', async () => {
    const recorded = harness(answer({ allowOrigin: 'null' }), { origin: 'null' });
    expect((await recorded.fetch(`${API}/x`)).status).toBe(200);
    expect(recorded.server.requests()[0]?.headers.origin).toBe('null');
  });
});

describe('CorsError', () => {
  test('is a TypeError with a stable code, the stage, the URL, the origin and the fix', async () => {
    const { fetch } = harness(answer({ allowOrigin: null }));
    const error = (await expectRejection(fetch(`${API}/items`), 'allow-origin-missing')) as CorsError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.name).toBe('CorsError');
    expect(error.stage).toBe('response');
    expect(error.url).toBe(`${API}/items`);
    expect(error.origin).toBe(PAGE);
    expect(error.fix).toEqual([`Access-Control-Allow-Origin: ${PAGE}`]);
    expect(error.message).toContain(`Access-Control-Allow-Origin: ${PAGE}`);
  });

  test('a preflight failure has stage preflight and says which header to send', async () => {
    const { fetch } = harness(answer({ allowMethods: 'GET' }));
    const error = (await expectRejection(
      fetch(`${API}/x`, { method: 'DELETE' }),
      'method-not-allowed',
    )) as CorsError;
    expect(error.stage).toBe('preflight');
    expect(error.fix.join('\n')).toContain('Access-Control-Allow-Methods:');
    expect(error.fix.join('\n')).toContain('DELETE');
    expect(error.message).toContain('DELETE');
  });

  test('a missing allowed header: the fix lists it', async () => {
    const { fetch } = harness(answer({ allowHeaders: 'x-a' }));
    const error = (await expectRejection(
      fetch(`${API}/x`, { headers: { 'x-a': '1', 'x-b': '2' } }),
      'header-not-allowed',
    )) as CorsError;
    expect(error.fix.join('\n')).toMatch(/Access-Control-Allow-Headers: .*x-b/);
    expect(error.message).toContain('x-b');
  });

  test('a preflight answered with no CORS header at all: the message says so, the fix is the whole answer', async () => {
    const { fetch } = harness(
      (request) => new Response(null, { status: request.method === 'OPTIONS' ? 403 : 200 }),
    );
    const error = (await expectRejection(
      fetch(`${API}/x`, { method: 'PATCH', headers: { 'x-b': '1' }, credentials: 'include' }),
      'allow-origin-missing',
    )) as CorsError;
    expect(error.stage).toBe('preflight');
    expect(error.message).toContain('the OPTIONS answer (403) has no CORS headers at all');
    expect(error.message).toContain('(PATCH, x-b)');
    expect(error.fix).toEqual([
      'HTTP/1.1 204 No Content',
      `Access-Control-Allow-Origin: ${PAGE}`,
      'Access-Control-Allow-Credentials: true',
      'Access-Control-Allow-Methods: PATCH',
      'Access-Control-Allow-Headers: x-b',
    ]);
  });

  test('a preflight answered 2xx with some CORS headers keeps the one-line fix', async () => {
    const { fetch } = harness(answer({ allowOrigin: null, allowMethods: 'PATCH' }));
    const error = (await expectRejection(
      fetch(`${API}/x`, { method: 'PATCH' }),
      'allow-origin-missing',
    )) as CorsError;
    expect(error.fix).toEqual([`Access-Control-Allow-Origin: ${PAGE}`]);
  });

  test('a failing network is a plain TypeError, not a CORS error', async () => {
    const { fetch } = harness(() => {
      throw new Error('ECONNREFUSED');
    });
    const error = await expectRejection(fetch(`${API}/x`));
    expect(error).not.toBeInstanceOf(CorsError);
  });
});

describe('createCorsFetch options', () => {
  test.each([`${PAGE}/`, 'app.example.com', '', 'https://app.example.com/path'])(
    'the invalid origin %j throws a TypeError',
    (origin) => {
      expectTypeError(() => createCorsFetch({ origin, fetch: async () => new Response() }));
    },
  );

  test("engine 'bogus' throws a TypeError", () => {
    expectTypeError(() =>
      createCorsFetch({ origin: PAGE, engine: 'bogus' as never, fetch: async () => new Response() }),
    );
  });

  test('fetch must be a function', () => {
    expectTypeError(() => createCorsFetch({ origin: PAGE, fetch: 'nope' as never }));
  });

  test('the default engine is the spec (Authorization is not covered by *)', async () => {
    const fetch = createCorsFetch({
      origin: PAGE,
      fetch: async (request) => answer({ allowHeaders: '*' })(request),
    });
    await expectRejection(
      fetch(`${API}/x`, withHeader('Authorization', 'x')),
      'authorization-not-covered-by-wildcard',
    );
  });

  test('a Request object works as input', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT', allowHeaders: 'x-test' }));
    await fetch(new Request(`${API}/r`, { method: 'PUT', headers: { 'X-Test': '1' } }));
    expect(server.preflights()[0]?.headers['access-control-request-headers']).toBe('x-test');
    expect(server.requests()[0]?.method).toBe('PUT');
    expect(server.requests()[0]?.headers['x-test']).toBe('1');
  });

  test("a Request object's body (a string, not a stream upload) is sent without a stream preflight", async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT' }));
    const response = await fetch(new Request(`${API}/r`, { method: 'PUT', body: 'b' }));
    expect(response.status).toBe(200);
    expect(server.requests()[0]?.body).toBe('b');
    expect(server.requests()[0]?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    const post = harness(answer());
    await post.fetch(new Request(`${API}/r`, { method: 'POST', body: 'b' }));
    expect(post.server.preflights()).toEqual([]);
  });

  test("init overrides a Request object's method", async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT' }));
    await fetch(new Request(`${API}/r`, { method: 'PUT' }), { method: 'GET' });
    expect(server.log.map((seen) => seen.method)).toEqual(['GET']);
  });

  test('fetch() TypeErrors surface from the returned fetch too (nothing is sent)', async () => {
    const { fetch, server } = harness(answer());
    await expectRejection(Promise.resolve().then(() => fetch(`${API}/x`, { method: 'TRACE' })));
    await expectRejection(Promise.resolve().then(() => fetch(`${API}/x`, { body: 'x' })));
    await expectRejection(
      Promise.resolve().then(() => fetch(`${API}/x`, { mode: 'no-cors', method: 'PUT' })),
    );
    expect(server.log).toEqual([]);
  });
});

describe('what the transport answers: a network error, or something that is not a Response', () => {
  // Where the transport fails: the whole of a same-origin or simple call, only the preflight, only
  // the request after a good preflight, or only the target of a redirect.
  const failing = (request: Request): boolean => new URL(request.url).pathname === '/down';
  const preflight = (request: Request) =>
    request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
  const where: Array<[string, string, RequestInit | undefined, (request: Request) => boolean]> = [
    ['same-origin', `${PAGE}/down`, undefined, failing],
    ['cross-origin, simple', `${API}/down`, undefined, failing],
    ['the preflight', `${API}/x`, { method: 'PUT' }, preflight],
    ['the request after its preflight', `${API}/x`, { method: 'PUT' }, (r) => !preflight(r)],
    ['a redirect target (same-origin)', `${PAGE}/moved`, undefined, failing],
    ['a redirect target (cross-origin)', `${API}/moved`, undefined, failing],
  ];
  const handler = (request: Request) =>
    new URL(request.url).pathname === '/moved'
      ? new Response(null, {
          status: 302,
          headers: { location: `${new URL(request.url).origin}/down`, 'access-control-allow-origin': '*' },
        })
      : answer({ allowMethods: 'PUT' })(request);

  test.each(ENGINES.flatMap((engine) => where.map((row) => [engine, ...row] as const)))(
    '%s: Response.error() at %s rejects with the engine network error, as the browser does',
    async (engine, _label, url, init, fails) => {
      const fetch = createCorsFetch({
        origin: PAGE,
        engine,
        fetch: async (request) => (fails(request) ? Response.error() : handler(request)),
      });
      const error = await expectRejection(fetch(url, init));
      expect(error).not.toBeInstanceOf(CorsError);
      expect(error.constructor).toBe(TypeError);
      expect(error.message).toBe(engineProfile(engine).networkErrorMessage);
    },
  );

  test.each([
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a plain object', { status: 200 }, 'a plain object'],
    ['a string', 'ok', 'the string "ok"'],
    ['a number', 200, 'the number 200'],
    ['a Headers object', new Headers(), 'a Headers'],
  ])(
    'a transport that resolves to %s gets a TypeError that says what was expected',
    async (_label, value, shown) => {
      for (const url of [`${PAGE}/x`, `${API}/x`]) {
        const fetch = createCorsFetch({ origin: PAGE, fetch: async () => value as never });
        const error = await expectRejection(fetch(url));
        expect(error).not.toBeInstanceOf(CorsError);
        expect(error.message).toBe(
          `createCorsFetch: options.fetch resolved to ${shown} for GET ${url}; it must resolve to a Response.`,
        );
      }
    },
  );
});

describe("Chromium: a mode 'same-origin' stream upload to another origin goes as a CORS request", () => {
  const upload = (extra: RequestInit = {}): RequestInit =>
    ({
      mode: 'same-origin',
      method: 'POST',
      body: new Blob(['hi']).stream(),
      duplex: 'half',
      ...extra,
    }) as RequestInit;

  test('over https: preflight, the upload, and a cors-filtered response', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'POST', headers: [['x-secret', '1']] }), {
      engine: 'chromium',
    });
    const response = await fetch(`${API}/up`, upload());
    expect(response.type).toBe('cors');
    expect(response.headers.get('x-secret')).toBeNull();
    expect(server.log.map((seen) => seen.method)).toEqual(['OPTIONS', 'POST']);
    expect(server.requests()[0]?.body).toBe('hi');
  });

  test('over https: the answer is CORS-checked after the upload was sent', async () => {
    const { fetch, server } = harness(
      (request) =>
        request.method === 'OPTIONS'
          ? answer({ allowMethods: 'POST' })(request)
          : new Response('no cors', { status: 200 }),
      { engine: 'chromium' },
    );
    await expectRejection(fetch(`${API}/up`, upload()), 'allow-origin-missing');
    expect(server.log.map((seen) => seen.method)).toEqual(['OPTIONS', 'POST']);
  });

  test('a refused preflight stops it, and over http the upload fails after the preflight', async () => {
    const refused = harness(answer({ allowOrigin: null }), { engine: 'chromium' });
    await expectRejection(refused.fetch(`${API}/up`, upload()));
    expect(refused.server.log.map((seen) => seen.method)).toEqual(['OPTIONS']);
    const overHttp = harness(answer({ allowMethods: 'POST' }), { engine: 'chromium' });
    await expectRejection(overHttp.fetch(`${API_HTTP}/up`, upload()));
    expect(overHttp.server.log.map((seen) => seen.method)).toEqual(['OPTIONS']);
  });

  test("with cache: 'only-if-cached' the preflight goes out, then it fails; other engines send nothing", async () => {
    const cached = harness(answer({ allowMethods: 'POST' }), { engine: 'chromium' });
    await expectRejection(cached.fetch(`${API}/up`, upload({ cache: 'only-if-cached' })));
    expect(cached.server.log.map((seen) => seen.method)).toEqual(['OPTIONS']);
    const spec = harness(answer({ allowMethods: 'POST' }));
    await expectRejection(spec.fetch(`${API}/up`, upload()));
    expect(spec.server.log).toEqual([]);
  });
});
