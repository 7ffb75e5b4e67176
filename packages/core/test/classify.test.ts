// classify(): methods, modes, credentials, URLs and origins, and every place where the Request
// constructor (and so fetch()) throws a TypeError before anything is sent. Request shapes follow
// WPT's fetch/api/request/request-error.any.js, fetch/api/basic/mode-*.js and the method rows of
// fetch/api/cors/cors-preflight*.any.js. Headers and bodies have their own files.

import { classify } from '@corskit/core';
import { describe, expect, test } from 'vitest';
import {
  API,
  API_HTTP,
  API_OTHER_PORT,
  CROSS_ORIGINS,
  classifyFrom,
  expectTypeError,
  PAGE,
  PAGE_HTTP,
  PAGE_OTHER_PORT,
  reasonCodes,
} from './helpers';

describe('method normalization and the safelisted methods', () => {
  // [as written by the script, as sent, needs a preflight cross-origin]
  test.each([
    ['GET', 'GET', false],
    ['get', 'GET', false],
    ['Get', 'GET', false],
    ['HEAD', 'HEAD', false],
    ['head', 'HEAD', false],
    ['POST', 'POST', false],
    ['post', 'POST', false],
    ['pOsT', 'POST', false],
    ['PUT', 'PUT', true],
    ['put', 'PUT', true],
    ['DELETE', 'DELETE', true],
    ['delete', 'DELETE', true],
    ['OPTIONS', 'OPTIONS', true],
    ['options', 'OPTIONS', true],
    // Only DELETE, GET, HEAD, OPTIONS, POST and PUT are normalized: PATCH keeps its case.
    ['PATCH', 'PATCH', true],
    ['patch', 'patch', true],
    ['Patch', 'Patch', true],
    ['NEW', 'NEW', true],
    ['SUPER', 'SUPER', true],
    ['OK', 'OK', true],
    ['*', '*', true],
    ['propfind', 'propfind', true],
    ['M-SEARCH', 'M-SEARCH', true],
    ["!#$%&'*+-.^_`|~09azAZ", "!#$%&'*+-.^_`|~09azAZ", true],
  ])('%s is sent as %s (cross-origin preflight: %s)', (written, sent, preflight) => {
    const cross = classifyFrom(`${API}/resource`, { method: written });
    expect(cross.method).toBe(sent);
    expect(cross.preflight).toBe(preflight);
    expect(reasonCodes(cross)).toEqual(preflight ? ['method-not-safelisted'] : []);
    expect(cross.requestHeaders).toEqual([]);

    const same = classifyFrom(`${PAGE}/resource`, { method: written });
    expect(same.method).toBe(sent);
    expect(same.preflight).toBe(false);
    expect(same.reasons).toEqual([]);
  });

  test('the method reason names the method and the Access-Control-Allow-Methods line that allows it', () => {
    const [reason] = classifyFrom(API, { method: 'patch' }).reasons;
    expect(reason?.code).toBe('method-not-safelisted');
    expect(reason?.header).toBeUndefined();
    expect(reason?.message).toContain('Access-Control-Allow-Methods: patch');
  });

  test('the method defaults to GET, and to the Request input method when init has none', () => {
    expect(classifyFrom(API).method).toBe('GET');
    expect(classifyFrom(API, {}).method).toBe('GET');
    expect(classifyFrom(new Request(`${API}/x`, { method: 'delete' })).method).toBe('DELETE');
  });

  test.each(['CONNECT', 'connect', 'Connect', 'TRACE', 'trace', 'TrAcE', 'TRACK', 'track'])(
    'the forbidden method %s throws a TypeError, whatever the origin or mode',
    (method) => {
      expectTypeError(() => classifyFrom(`${API}/x`, { method }));
      expectTypeError(() => classifyFrom(`${PAGE}/x`, { method }));
      expectTypeError(() => classifyFrom(`${API}/x`, { method, mode: 'no-cors' }));
    },
  );

  test.each([
    ['the empty string', ''],
    ['a space inside', 'IN VALID'],
    ['a leading space', ' GET'],
    ['a trailing space', 'GET '],
    ['a tab', 'G\tET'],
    ['a line feed', 'GET\n'],
    ['NUL', 'GET\u0000'],
    ['a non-ASCII letter', 'GÉT'],
    ['a code point above U+00FF', 'G\u0100T'],
    ['(', 'a(b'],
    [')', 'a)b'],
    [',', 'a,b'],
    ['/', 'a/b'],
    [':', 'a:b'],
    [';', 'a;b'],
    ['<', 'a<b'],
    ['=', 'a=b'],
    ['>', 'a>b'],
    ['?', 'a?b'],
    ['@', 'a@b'],
    ['[', 'a[b'],
    ['\\', 'a\\b'],
    [']', 'a]b'],
    ['{', 'a{b'],
    ['}', 'a}b'],
    ['a double quote', '"GET"'],
    ['DEL', 'GET\u007f'],
  ])('a method that is not a token (%s) throws a TypeError', (_label, method) => {
    expectTypeError(() => classifyFrom(`${API}/x`, { method }));
  });
});

describe('modes', () => {
  test('mode defaults to cors and credentials to same-origin', () => {
    const c = classifyFrom(`${API}/x`);
    expect(c.mode).toBe('cors');
    expect(c.credentials).toBe('same-origin');
  });

  test.each(['cors', 'no-cors', 'same-origin'] as const)('mode %s is reported as given', (mode) => {
    expect(classifyFrom(`${PAGE}/x`, { mode }).mode).toBe(mode);
  });

  test.each(['omit', 'same-origin', 'include'] as const)(
    'credentials %s is reported as given',
    (credentials) => {
      expect(classifyFrom(`${API}/x`, { credentials }).credentials).toBe(credentials);
    },
  );

  test.each([
    ['mode', 'navigate'],
    ['mode', 'websocket'],
    ['mode', 'CORS'],
    ['mode', 'BAD'],
    ['credentials', 'INCLUDE'],
    ['credentials', 'BAD'],
  ])('%s: %s throws a TypeError', (option, value) => {
    expectTypeError(() => classifyFrom(`${API}/x`, { [option]: value } as RequestInit));
  });

  // request-error.any.js: "Bad {referrerPolicy,cache,redirect} init parameter value". These are
  // WebIDL enums, so the conversion throws before the Request constructor runs.
  test.each([
    ['cache', 'BAD'],
    ['redirect', 'BAD'],
    ['redirect', 'FOLLOW'],
    ['referrerPolicy', 'BAD'],
    ['priority', 'BAD'],
    ['duplex', 'full'],
  ])('an invalid enum value, %s: %s, throws a TypeError', (option, value) => {
    expectTypeError(() => classifyFrom(`${API}/x`, { [option]: value } as RequestInit));
  });

  test("RequestInit's window other than null throws a TypeError", () => {
    expectTypeError(() => classifyFrom(`${API}/x`, { window: 'http://test.url' } as unknown as RequestInit));
    expect(classifyFrom(`${API}/x`, { window: null }).preflight).toBe(false);
  });

  test("RequestInit's referrer that is not a URL throws a TypeError", () => {
    expectTypeError(() => classifyFrom(`${API}/x`, { referrer: 'http://:not a valid URL' }));
  });

  test.each([
    ['cors', `${API}/x`],
    ['no-cors', `${API}/x`],
    ['cors', `${PAGE}/x`],
  ] as const)("cache: 'only-if-cached' with mode %s (%s) throws a TypeError", (mode, url) => {
    expectTypeError(() => classifyFrom(url, { cache: 'only-if-cached', mode }));
  });

  test("cache: 'only-if-cached' is allowed with mode same-origin", () => {
    const c = classifyFrom(`${PAGE}/x`, { cache: 'only-if-cached', mode: 'same-origin' });
    expect(c.crossOrigin).toBe(false);
    expect(c.preflight).toBe(false);
  });

  test.each(CROSS_ORIGINS)(
    "mode 'same-origin' to another origin (%s) throws a TypeError",
    (_label, origin) => {
      expectTypeError(() => classifyFrom(`${origin}/x`, { mode: 'same-origin' }));
    },
  );

  test("mode 'same-origin' to the page's own origin is an ordinary same-origin request", () => {
    const c = classifyFrom(`${PAGE}/x`, { mode: 'same-origin', method: 'PUT', headers: { 'X-Test': '1' } });
    expect(c.crossOrigin).toBe(false);
    expect(c.preflight).toBe(false);
    expect(c.method).toBe('PUT');
    expect(c.headers).toEqual([['x-test', '1']]);
  });

  test.each([
    ['GET', 'GET'],
    ['head', 'HEAD'],
    ['post', 'POST'],
  ])("mode 'no-cors' allows the safelisted method %s, sent as %s, without a preflight", (method, sent) => {
    const c = classifyFrom(`${API}/x`, { mode: 'no-cors', method });
    expect(c.method).toBe(sent);
    expect(c.crossOrigin).toBe(true);
    expect(c.preflight).toBe(false);
    expect(c.reasons).toEqual([]);
  });

  test.each(['PUT', 'DELETE', 'OPTIONS', 'PATCH', 'patch', 'NEW'])(
    "mode 'no-cors' with the non-safelisted method %s throws a TypeError, on any origin",
    (method) => {
      expectTypeError(() => classifyFrom(`${API}/x`, { mode: 'no-cors', method }));
      expectTypeError(() => classifyFrom(`${PAGE}/x`, { mode: 'no-cors', method }));
    },
  );
});

describe('URLs', () => {
  test.each([
    'http://:not a valid URL',
    'https://exa mple.com/',
    'http://[::1/',
    'https://example.com:99999/',
    'http://exa\u0000mple.com/',
    'https://a b.example/',
  ])('the invalid URL %j throws a TypeError', (url) => {
    expectTypeError(() => classifyFrom(url));
  });

  test.each([
    'https://user:pass@api.example.com/x',
    'https://user@api.example.com/x',
    'https://:pass@api.example.com/x',
    'https://user:@api.example.com/x',
    'https://user:pass@app.example.com/x',
  ])('a URL with credentials (%s) throws a TypeError, also as a URL object', (url) => {
    expectTypeError(() => classifyFrom(url));
    expectTypeError(() => classifyFrom(new URL(url)));
  });

  test('a relative URL resolves against the page', () => {
    const c = classifyFrom('/data?q=1#frag');
    expect(c.url).toBe(`${PAGE}/data?q=1#frag`);
    expect(c.crossOrigin).toBe(false);
    const schemeRelative = classifyFrom('//api.example.com/data');
    expect(schemeRelative.url).toBe(`${API}/data`);
    expect(schemeRelative.crossOrigin).toBe(true);
  });

  const crossOrigins: Array<readonly [string, string]> = [
    ...CROSS_ORIGINS,
    ['a subdomain of the page', 'https://sub.app.example.com'],
    ['a parent domain of the page', 'https://example.com'],
  ];
  test.each(crossOrigins)('%s is cross-origin', (_label, origin) => {
    const c = classifyFrom(`${origin}/x`);
    expect(c.crossOrigin).toBe(true);
    expect(c.sendsCredentials).toBe(false);
  });

  test.each([
    [`${PAGE}/`, `${PAGE}/`],
    [`${PAGE}:443/x`, `${PAGE}/x`],
    ['HTTPS://APP.EXAMPLE.COM/x', `${PAGE}/x`],
    [`${PAGE}/a/../b`, `${PAGE}/b`],
  ])('%s is same-origin and resolves to %s', (url, href) => {
    const c = classifyFrom(url);
    expect(c.crossOrigin).toBe(false);
    expect(c.url).toBe(href);
  });

  test('a URL object and a Request are accepted as input', () => {
    expect(classifyFrom(new URL(`${API}/x`)).url).toBe(`${API}/x`);
    const request = new Request(`${API}/x`, { method: 'PUT', headers: { 'X-Test': '1' } });
    const c = classifyFrom(request);
    expect(c.url).toBe(`${API}/x`);
    expect(c.method).toBe('PUT');
    expect(c.preflight).toBe(true);
    expect(c.requestHeaders).toEqual(['x-test']);
  });

  test("init overrides the Request input's method, mode and headers", () => {
    const request = new Request(`${API}/x`, { method: 'PUT', headers: { 'X-Test': '1' } });
    const c = classifyFrom(request, { method: 'GET', headers: {} });
    expect(c.method).toBe('GET');
    expect(c.preflight).toBe(false);
    expect(c.headers).toEqual([]);
    expect(classifyFrom(new Request(`${API}/x`, { mode: 'no-cors' })).mode).toBe('no-cors');
  });

  // fetch/api/basic/scheme-data.any.js: a data: URL is fetched (with a basic response), not refused.
  test('a data: URL is not a TypeError', () => {
    const c = classifyFrom('data:text/plain,hello');
    expect(c.preflight).toBe(false);
  });

  test.each(['about:blank', 'ftp://files.example.com/x', 'javascript:alert(1)'])(
    '%s is not an HTTP(S) fetch: a TypeError',
    (url) => {
      expectTypeError(() => classifyFrom(url));
    },
  );
});

describe('the page origin', () => {
  test.each([
    `${PAGE}/`,
    `${PAGE}/path`,
    'app.example.com',
    '',
    'https://',
    'https://user@app.example.com',
    'not an origin',
  ])('the invalid page origin %j throws a TypeError', (origin) => {
    expectTypeError(() => classify(`${API}/x`, undefined, { origin }));
  });

  test.each([PAGE, PAGE_OTHER_PORT, PAGE_HTTP, API_OTHER_PORT, 'http://127.0.0.1:3000', 'http://[::1]:8080'])(
    '%s is a valid page origin',
    (origin) => {
      expect(classify(`${origin}/x`, undefined, { origin }).crossOrigin).toBe(false);
    },
  );

  test('an opaque page origin ("null") makes every URL cross-origin', () => {
    const c = classify(`${API}/x`, { credentials: 'same-origin' }, { origin: 'null' });
    expect(c.crossOrigin).toBe(true);
    expect(c.sendsCredentials).toBe(false);
    expect(classify(`${PAGE}/x`, undefined, { origin: 'null' }).crossOrigin).toBe(true);
  });

  test('a relative URL cannot be resolved from an opaque origin', () => {
    expectTypeError(() => classify('/x', undefined, { origin: 'null' }));
  });
});

describe('sendsCredentials', () => {
  test.each([
    ['omit', PAGE, false],
    ['omit', API, false],
    ['same-origin', PAGE, true],
    ['same-origin', API, false],
    ['same-origin', API_HTTP, false],
    ['include', PAGE, true],
    ['include', API, true],
  ] as const)('credentials %s to %s: %s', (credentials, origin, sends) => {
    expect(classifyFrom(`${origin}/x`, { credentials }).sendsCredentials).toBe(sends);
  });
});

describe('the classification as a whole', () => {
  test('a simple cross-origin GET', () => {
    expect(classifyFrom(`${API}/items?page=2`)).toEqual({
      url: `${API}/items?page=2`,
      crossOrigin: true,
      mode: 'cors',
      credentials: 'same-origin',
      sendsCredentials: false,
      method: 'GET',
      preflight: false,
      requestHeaders: [],
      reasons: [],
      dropped: [],
      headers: [],
      body: 'none',
    });
  });

  test('a preflighted PUT with a custom header and a forbidden one', () => {
    const c = classifyFrom(`${API}/items/1`, {
      method: 'put',
      credentials: 'include',
      headers: { 'X-Request-Id': 'abc', Cookie: 'a=b', Accept: 'application/json' },
      body: 'x',
    });
    expect(c.method).toBe('PUT');
    expect(c.sendsCredentials).toBe(true);
    expect(c.preflight).toBe(true);
    expect(c.requestHeaders).toEqual(['x-request-id']);
    expect(reasonCodes(c)).toEqual(['method-not-safelisted', 'header-not-safelisted']);
    expect(c.reasons[1]?.header).toBe('x-request-id');
    expect(c.dropped).toEqual(['cookie']);
    expect(c.headers).toEqual([
      ['x-request-id', 'abc'],
      ['accept', 'application/json'],
      ['content-type', 'text/plain;charset=UTF-8'],
    ]);
    expect(c.body).toBe('string');
  });

  test('classify does not depend on earlier calls (no state leaks between classifications)', () => {
    const first = classifyFrom(`${API}/x`, { method: 'PUT' });
    classifyFrom(`${API}/x`, { headers: { 'X-A': '1' } });
    expect(classifyFrom(`${API}/x`, { method: 'PUT' })).toEqual(first);
  });
});
