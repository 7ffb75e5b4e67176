// Request headers in classify(): the CORS-safelisted request-headers and their value rules, the
// 128-byte and 1024-byte limits, forbidden request-headers, invalid names and values, and the
// no-cors guard. Request shapes follow WPT's cors/cors-safelisted-request-header.any.js,
// fetch/api/cors/resources/not-cors-safelisted.json, fetch/api/cors/cors-no-preflight.any.js,
// fetch/api/basic/request-forbidden-headers.any.js and fetch/api/headers/headers-no-cors.any.js.

import { describe, expect, test } from 'vitest';
import {
  API,
  classifyFrom,
  expectTypeError,
  hex,
  PAGE,
  reasonCodes,
  repeatHeader,
  VALUE_BYTES,
  withHeader,
} from './helpers';

// The Fetch Standard's CORS-unsafe request-header bytes, written out from the spec text.
const UNSAFE_PUNCTUATION = [
  0x22, 0x28, 0x29, 0x3a, 0x3c, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x7b, 0x7d, 0x7f,
];
const isCorsUnsafeByte = (b: number) => (b < 0x20 && b !== 0x09) || UNSAFE_PUNCTUATION.includes(b);
// Accept-Language and Content-Language: 0-9 A-Z a-z space * , - . ; = and nothing else.
const isLanguageByte = (b: number) => /^[0-9A-Za-z *,\-.;=]$/.test(String.fromCharCode(b));

/** Cross-origin GET with one header: does it preflight, and with which reasons? */
function oneHeader(name: string, value: string) {
  return classifyFrom(`${API}/x`, withHeader(name, value));
}

describe('CORS-unsafe request-header bytes, byte by byte', () => {
  // Each row: a safelisted header, a value template around the byte, whether the byte must preflight.
  const rows = [
    ['accept', (c: string) => `text/x${c}y`, isCorsUnsafeByte],
    ['content-type', (c: string) => `text/plain;p=x${c}y`, isCorsUnsafeByte],
    ['accept-language', (c: string) => `x${c}y`, (b: number) => !isLanguageByte(b)],
    ['content-language', (c: string) => `x${c}y`, (b: number) => !isLanguageByte(b)],
  ] as const;

  test.each(rows)(
    '%s: exactly the bytes the standard names make it non-safelisted',
    (name, value, unsafe) => {
      const wrong = VALUE_BYTES.filter(
        (b) => oneHeader(name, value(String.fromCharCode(b))).preflight !== unsafe(b),
      ).map(hex);
      expect(wrong).toEqual([]);
    },
  );

  test.each(UNSAFE_PUNCTUATION.map((b) => [hex(b), String.fromCharCode(b)]))(
    'accept and content-type with %s (%j) preflight with header-value-not-safelisted',
    (_hex, c) => {
      for (const [name, value] of [
        ['accept', `application/json${c}`],
        ['content-type', `text/plain;x=${c}`],
      ] as const) {
        const result = oneHeader(name, value);
        expect(result.preflight).toBe(true);
        expect(result.requestHeaders).toEqual([name]);
        expect(result.reasons).toEqual([
          expect.objectContaining({ code: 'header-value-not-safelisted', header: name }),
        ]);
      }
    },
  );

  test.each([0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1f].map((b) => [hex(b), String.fromCharCode(b)]))(
    'the control byte %s inside accept preflights; a tab does not',
    (_hex, c) => {
      expect(oneHeader('accept', `a${c}b`).preflight).toBe(true);
      expect(oneHeader('accept', 'a\tb').preflight).toBe(false);
    },
  );

  test('bytes above 0x7F are not CORS-unsafe for accept, but are not language bytes', () => {
    expect(oneHeader('accept', 'text/\u00e9').preflight).toBe(false);
    expect(oneHeader('content-type', 'text/plain;charset=\u00ff').preflight).toBe(false);
    expect(oneHeader('accept-language', 'fr-\u00e9').preflight).toBe(true);
  });
});

describe('the safelisted request headers with ordinary values (cors-no-preflight)', () => {
  test.each([
    ['Accept', '*/*'],
    ['Accept', 'application/json, text/plain;q=0.9, */*;q=0.1'],
    ['Accept', ''],
    ['Accept-Language', 'fr'],
    ['Accept-Language', 'en-US,en;q=0.5'],
    ['Accept-Language', 'bzh'],
    ['Accept-Language', '*'],
    ['Content-Language', 'eu'],
    ['Content-Language', 'de-DE, en-CA'],
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['Content-Type', 'multipart/form-data'],
    ['Content-Type', 'text/plain'],
    ['Content-Type', 'text/plain;charset=utf-8'],
    ['Content-Type', 'Text/Plain;charset=utf-8'],
    ['Range', 'bytes=0-'],
    ['Range', 'bytes=100-200'],
  ])('GET with %s: %j sends no preflight', (name, value) => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const result = classifyFrom(`${API}/x`, withHeader(name, value, { method }));
      expect(result.preflight).toBe(false);
      expect(result.requestHeaders).toEqual([]);
      expect(result.headers).toEqual([[name.toLowerCase(), value]]);
    }
  });
});

describe('not-cors-safelisted.json: each of these needs a preflight that asks for the header', () => {
  const digits129 =
    '012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678';
  test.each([
    ['accept', '"', 'header-value-not-safelisted'],
    ['accept', digits129, 'header-value-too-long'],
    ['accept-language', '\u0001', 'header-value-not-safelisted'],
    ['accept-language', '@', 'header-value-not-safelisted'],
    ['authorization', 'basics', 'header-not-safelisted'],
    ['content-language', '\u0001', 'header-value-not-safelisted'],
    ['content-language', '@', 'header-value-not-safelisted'],
    ['content-type', 'text/html', 'content-type-not-safelisted'],
    ['content-type', `text/plain; long=${digits129.slice(0, 112)}`, 'header-value-too-long'],
    ['last-event-id', '"', 'header-not-safelisted'],
    ['last-event-id', digits129, 'header-not-safelisted'],
    ['last-event-id', 'abc123', 'header-not-safelisted'],
    ['range', 'bytes 0-', 'range-not-simple'],
    ['test', 'hi', 'header-not-safelisted'],
  ])('%s: %j (%s)', (name, value, code) => {
    const result = oneHeader(name, value);
    expect(result.preflight).toBe(true);
    expect(result.requestHeaders).toEqual([name]);
    expect(result.reasons).toEqual([expect.objectContaining({ code, header: name })]);
  });
});

describe('Content-Type: the MIME type must parse and have a safelisted essence', () => {
  // [value, preflight, reason] - first the rows of cors-safelisted-request-header.any.js.
  test.each([
    ['text /plain', true, 'content-type-not-safelisted'],
    ['text\t/\tplain', true, 'content-type-not-safelisted'],
    ['text/plain;', false, null],
    ['text/plain;garbage', false, null],
    ['text/plain;garbage\u0001\u0002', true, 'header-value-not-safelisted'],
    ['text/plain,', true, 'content-type-not-safelisted'],
    [',text/plain', true, 'content-type-not-safelisted'],
    ['text/plain,text/plain', true, 'content-type-not-safelisted'],
    ['text/plain,x/x', true, 'content-type-not-safelisted'],
    ['text/plain\u000B', true, 'header-value-not-safelisted'],
    ['text/plain\u000C', true, 'header-value-not-safelisted'],
    ['application/www-form-urlencoded', true, 'content-type-not-safelisted'],
    ['application/x-www-form-urlencoded;\u007F', true, 'header-value-not-safelisted'],
    ['multipart/form-data', false, null],
    ['multipart/form-data;"', true, 'header-value-not-safelisted'],
    // Essences compare ASCII case-insensitively, parameters never make the parser fail.
    ['TEXT/PLAIN', false, null],
    ['Multipart/Form-Data; boundary=----x', false, null],
    ['application/x-www-form-urlencoded;charset=UTF-8', false, null],
    ['text/plain;charset=', false, null],
    ['text/plain;=;;a', false, null],
    // Trailing whitespace after the subtype is removed; leading whitespace before it is not.
    ['text/plain ;charset=utf-8', false, null],
    ['text/plain\t;charset=utf-8', false, null],
    ['text/ plain', true, 'content-type-not-safelisted'],
    ['text/\tplain', true, 'content-type-not-safelisted'],
    ['text/plain x', true, 'content-type-not-safelisted'],
    // Header values are normalized (leading and trailing HTTP whitespace stripped) first.
    [' text/plain ', false, null],
    ['\ttext/plain\t', false, null],
    // Not parsable, or not a safelisted essence.
    ['', true, 'content-type-not-safelisted'],
    ['text', true, 'content-type-not-safelisted'],
    ['text/', true, 'content-type-not-safelisted'],
    ['/plain', true, 'content-type-not-safelisted'],
    ['text/html', true, 'content-type-not-safelisted'],
    ['application/json', true, 'content-type-not-safelisted'],
    ['application/json; charset=utf-8', true, 'content-type-not-safelisted'],
    ['text/plain+json', true, 'content-type-not-safelisted'],
    ['multipart/mixed', true, 'content-type-not-safelisted'],
    ['application/csp-report', true, 'content-type-not-safelisted'],
    ['text/plain;charset="utf-8"', true, 'header-value-not-safelisted'],
    ['text/plain;a=b:c', true, 'header-value-not-safelisted'],
  ])('Content-Type: %j preflights: %s', (value, preflight, code) => {
    const result = oneHeader('Content-Type', value);
    expect(result.preflight).toBe(preflight);
    expect(result.requestHeaders).toEqual(preflight ? ['content-type'] : []);
    expect(reasonCodes(result)).toEqual(code === null ? [] : [code]);
  });

  test('the content-type reason says which types are safelisted and how to allow the others', () => {
    const [reason] = oneHeader('content-type', 'application/json').reasons;
    expect(reason?.message).toContain('text/plain');
    expect(reason?.message).toContain('multipart/form-data');
    expect(reason?.message).toContain('application/x-www-form-urlencoded');
    expect(reason?.message.toLowerCase()).toContain('access-control-allow-headers: content-type');
  });
});

describe('Range: only a single bytes=start-[end] range is safelisted', () => {
  const big = (d: string) => `${d}${'0'.repeat(60)}`;
  // The rows of cors-safelisted-request-header.any.js, then edge cases of the range parser.
  test.each([
    ['100-200', true],
    ['MB=100-200', true],
    ['bytes=100-200', false],
    ['bytes =100-200', true],
    ['bytes\t=100-200', true],
    ['bytes=  100-200', true],
    ['bytes=\t\t100-200', true],
    ['bytes= \t100-200', true],
    ['bytes=100 -200', true],
    ['bytes=100\t-200', true],
    ['bytes=100- 200', true],
    ['bytes=100-\t200', true],
    ['bytes=100-200hello', true],
    ['bytes=abc-def', true],
    ['bytes=100-200,300-400', true],
    ['bytes=-200', true],
    ['bytes=200-', false],
    ['bytes=200-100', true],
    [`bytes=${big('1')}-${big('2')}`, true],
    ['bytes 100-200', true],
    ['bytes = 100-200', true],
    [',bytes=100-200', true],
    ['bytes=,100-200', true],
    ['bytes=0-0', false],
    ['bytes=00-01', false],
    ['bytes=2-01', true],
    ['bytes=-', true],
    ['bytes=', true],
    ['bytes', true],
    ['bytes=0x1-2', true],
    ['bytes=+1-2', true],
    ['bytes=1.5-2', true],
    // Values beyond 2^53 compare as decimal numbers, not as doubles.
    ['bytes=99999999999999999999-100000000000000000000', false],
    ['bytes=100000000000000000001-100000000000000000000', true],
    // "starts with `bytes`" is a case-sensitive comparison.
    ['BYTES=0-1', true],
    ['Bytes=0-', true],
  ])('Range: %j preflights: %s', (value, preflight) => {
    const result = oneHeader('Range', value);
    expect(result.preflight).toBe(preflight);
    expect(result.requestHeaders).toEqual(preflight ? ['range'] : []);
    if (preflight && value.length <= 128) expect(reasonCodes(result)).toEqual(['range-not-simple']);
  });

  test('the range reason shows the safelisted form', () => {
    const [reason] = oneHeader('range', 'bytes=-5').reasons;
    expect(reason?.code).toBe('range-not-simple');
    expect(reason?.header).toBe('range');
    expect(reason?.message).toContain('bytes=');
  });
});

describe('the 128-byte limit on each safelisted value', () => {
  // [name, a value of exactly n bytes]
  const rows: Array<[string, (n: number) => string]> = [
    ['accept', (n) => 'a'.repeat(n)],
    ['accept-language', (n) => 'a'.repeat(n)],
    ['content-language', (n) => 'a'.repeat(n)],
    ['content-type', (n) => `text/plain;a=${'b'.repeat(n - 13)}`],
    ['range', (n) => `bytes=${'0'.repeat(n - 7)}-`],
  ];

  test.each(rows)('%s: 128 bytes is safelisted, 129 bytes is header-value-too-long', (name, value) => {
    expect(value(128)).toHaveLength(128);
    expect(oneHeader(name, value(128)).preflight).toBe(false);
    const long = oneHeader(name, value(129));
    expect(long.preflight).toBe(true);
    expect(long.requestHeaders).toEqual([name]);
    expect(long.reasons).toEqual([expect.objectContaining({ code: 'header-value-too-long', header: name })]);
    expect(long.reasons[0]?.message).toContain('128');
  });

  test('the limit applies to the normalized value (leading and trailing whitespace stripped)', () => {
    expect(oneHeader('accept', ` ${'a'.repeat(128)}\t`).preflight).toBe(false);
  });
});

describe('the 1024-byte budget across the safelisted values', () => {
  const full = 'a'.repeat(128);

  test('eight 128-byte Accept entries (1024 bytes) are still safelisted', () => {
    const result = classifyFrom(`${API}/x`, { headers: repeatHeader('accept', full, 8) });
    expect(result.preflight).toBe(false);
  });

  test('one byte more makes every safelisted header unsafe', () => {
    const result = classifyFrom(`${API}/x`, {
      headers: [...repeatHeader('accept', full, 8), ['Accept-Language', 'a']],
    });
    expect(result.preflight).toBe(true);
    expect(result.requestHeaders).toEqual(['accept', 'accept-language']);
    expect(result.reasons).toEqual([
      expect.objectContaining({ code: 'safelisted-headers-too-large', header: 'accept' }),
      expect.objectContaining({ code: 'safelisted-headers-too-large', header: 'accept-language' }),
    ]);
    expect(result.reasons[0]?.message).toContain('1024');
  });

  test('the budget spreads across names', () => {
    const result = classifyFrom(`${API}/x`, {
      headers: [
        ...repeatHeader('accept', full, 3),
        ...repeatHeader('accept-language', full, 3),
        ...repeatHeader('content-language', full, 2),
        ['content-type', 'text/plain'],
        ['x-custom', '1'],
      ],
    });
    expect(result.requestHeaders).toEqual([
      'accept',
      'accept-language',
      'content-language',
      'content-type',
      'x-custom',
    ]);
    expect(result.reasons.find((r) => r.header === 'x-custom')?.code).toBe('header-not-safelisted');
    expect(result.reasons.find((r) => r.header === 'content-type')?.code).toBe(
      'safelisted-headers-too-large',
    );
  });

  test('unsafe headers do not count towards the budget', () => {
    const result = classifyFrom(`${API}/x`, {
      headers: [...repeatHeader('accept', full, 8), ['x-big', 'a'.repeat(900)], ['accept-language', '@']],
    });
    expect(result.requestHeaders).toEqual(['accept-language', 'x-big']);
  });

  test('each entry of the header list is checked on its own (two 100-byte Accept entries)', () => {
    const result = classifyFrom(`${API}/x`, {
      headers: [
        ['accept', 'a'.repeat(100)],
        ['accept', 'b'.repeat(100)],
      ],
    });
    expect(result.preflight).toBe(false);
    expect(result.headers).toEqual([['accept', `${'a'.repeat(100)}, ${'b'.repeat(100)}`]]);
  });

  test('a Headers object hands over combined values: two 100-byte Accept values become one of 202', () => {
    const headers = new Headers();
    headers.append('accept', 'a'.repeat(100));
    headers.append('accept', 'b'.repeat(100));
    const result = classifyFrom(`${API}/x`, { headers });
    expect(result.preflight).toBe(true);
    expect(reasonCodes(result)).toEqual(['header-value-too-long']);
  });
});

describe('Access-Control-Request-Headers: lowercase, sorted, unique', () => {
  test('the names from corspreflight.js "several headers", without the safelisted ones', () => {
    const result = classifyFrom(`${API}/x`, {
      headers: [
        ['x-test-header1', 'allowedOrRefused'],
        ['x-test-header2', 'allowedOrRefused'],
        ['X-test-header3', 'allowedOrRefused'],
        ['x-test-header-b', 'allowedOrRefused'],
        ['x-test-header-D', 'allowedOrRefused'],
        ['x-test-header-C', 'allowedOrRefused'],
        ['x-test-header-a', 'allowedOrRefused'],
        ['Content-Type', 'allowedOrRefused'],
        ['Accept', '*'],
        ['Accept-Language', 'bzh'],
        ['Content-Language', 'eu'],
      ],
    });
    expect(result.requestHeaders).toEqual([
      'content-type',
      'x-test-header-a',
      'x-test-header-b',
      'x-test-header-c',
      'x-test-header-d',
      'x-test-header1',
      'x-test-header2',
      'x-test-header3',
    ]);
    expect(result.reasons.map((r) => r.header)).toEqual(result.requestHeaders);
  });

  test('a name set twice in different cases appears once, and its values combine', () => {
    const result = classifyFrom(`${API}/x`, {
      headers: [
        ['X-Trace', 'a'],
        ['x-trace', 'b'],
        ['X-TRACE', 'c'],
      ],
    });
    expect(result.requestHeaders).toEqual(['x-trace']);
    expect(result.reasons).toHaveLength(1);
    expect(result.headers).toEqual([['x-trace', 'a, b, c']]);
  });

  test('the header reason names the header and the Access-Control-Allow-Headers line that allows it', () => {
    const [reason] = oneHeader('X-Api-Key', 'k').reasons;
    expect(reason).toEqual(expect.objectContaining({ code: 'header-not-safelisted', header: 'x-api-key' }));
    expect(reason?.message).toContain('Access-Control-Allow-Headers: x-api-key');
  });

  test('same-origin requests never preflight, whatever their headers', () => {
    const result = classifyFrom(`${PAGE}/x`, {
      method: 'PATCH',
      headers: { 'X-A': '1', 'Content-Type': 'x/y' },
    });
    expect(result.preflight).toBe(false);
    expect(result.requestHeaders).toEqual([]);
    expect(result.reasons).toEqual([]);
  });
});

describe('forbidden request-headers are silently dropped', () => {
  test.each([
    ['Accept-Charset', 'utf-8'],
    ['Accept-Encoding', ''],
    ['Access-Control-Request-Headers', ''],
    ['Access-Control-Request-Method', ''],
    ['Connection', 'close'],
    ['Content-Length', '42'],
    ['Cookie', 'cookie=none'],
    ['Cookie2', 'cookie2=none'],
    ['Date', 'Wed, 04 May 1988 22:22:22 GMT'],
    ['DNT', '4'],
    ['Expect', '100-continue'],
    ['Host', 'http://wrong-host.com'],
    ['Keep-Alive', 'timeout=15'],
    ['Origin', 'http://wrong-origin.com'],
    ['Referer', 'http://wrong-referer.com'],
    ['Set-Cookie', 'a=b'],
    ['TE', 'trailers'],
    ['Trailer', 'Accept'],
    ['Transfer-Encoding', 'chunked'],
    ['Upgrade', 'HTTP/2.0'],
    ['Via', '1.1 nowhere.com'],
    ['Proxy-', 'value'],
    ['Proxy-Test', 'value'],
    ['Proxy-Authorization', 'Basic x'],
    ['Sec-', 'value'],
    ['Sec-Test', 'value'],
    ['Sec-Fetch-Site', 'same-origin'],
    ['ACCEPT-CHARSET', 'utf-8'],
    ['sec-ch-ua', '"x"'],
  ])('%s: %j', (name, value) => {
    for (const [url, mode] of [
      [`${API}/x`, 'cors'],
      [`${API}/x`, 'no-cors'],
      [`${PAGE}/x`, 'cors'],
    ] as const) {
      const result = classifyFrom(url, withHeader(name, value, { mode }));
      expect(result.dropped).toEqual([name.toLowerCase()]);
      expect(result.headers).toEqual([]);
      expect(result.preflight).toBe(false);
    }
  });

  test.each([
    ['X-HTTP-Method-Override', 'TRACE'],
    ['X-HTTP-Method-Override', 'trace'],
    ['X-HTTP-Method-Override', 'CONNECT'],
    ['X-HTTP-Method-Override', 'TRACK'],
    ['X-HTTP-Method-Override', 'GET, TRACE'],
    ['X-HTTP-Method-Override', 'GET,track'],
    ['X-HTTP-Method-Override', ' TRACE '],
    ['X-HTTP-Method', 'TRACE'],
    ['X-Method-Override', 'TRACE'],
    ['x-http-method-override', 'PUT, CONNECT, DELETE'],
  ])('%s: %j names a forbidden method, so it is dropped', (name, value) => {
    const result = oneHeader(name, value);
    expect(result.dropped).toEqual([name.toLowerCase()]);
    expect(result.headers).toEqual([]);
    expect(result.preflight).toBe(false);
  });

  test.each([
    ['X-HTTP-Method-Override', 'PUT'],
    ['X-HTTP-Method-Override', 'GET'],
    ['X-HTTP-Method-Override', 'TRACEX'],
    ['X-HTTP-Method-Override', '"TRACE"'],
    ['X-Method', 'TRACE'],
    ['User-Agent', 'corskit-test'],
    ['Authorization', 'Bearer x'],
    ['Proxy', 'x'],
    ['Sec', 'x'],
    ['X-Sec-Test', 'x'],
    ['Cookies', 'x'],
    ['Content-Length-Extra', '1'],
  ])('%s: %j is not forbidden: it is sent, and preflighted', (name, value) => {
    const result = oneHeader(name, value);
    expect(result.dropped).toEqual([]);
    expect(result.headers).toEqual([[name.toLowerCase(), value]]);
    expect(result.requestHeaders).toEqual([name.toLowerCase()]);
  });

  test('dropping one forbidden header keeps the others and lists each dropped name once', () => {
    const result = classifyFrom(`${API}/x`, {
      headers: [
        ['Cookie', 'a=1'],
        ['X-Keep', '1'],
        ['cookie', 'b=2'],
        ['Host', 'evil.example'],
      ],
    });
    expect(result.dropped).toEqual(['cookie', 'host']);
    expect(result.headers).toEqual([['x-keep', '1']]);
    expect(result.requestHeaders).toEqual(['x-keep']);
  });
});

describe('invalid header names and values throw a TypeError', () => {
  test.each([
    ['an empty name', ''],
    ['a space', 'X Test'],
    ['a colon', 'X-Test:'],
    ['a tab', 'X\tTest'],
    ['parentheses', '(x)'],
    ['a slash', 'a/b'],
    ['a non-ASCII letter', 'X-Tést'],
    ['a code point above U+00FF', 'invalid\u0100'],
    ['a line feed', 'X-Test\n'],
  ])('a name with %s', (_label, name) => {
    expectTypeError(() => classifyFrom(`${API}/x`, { headers: [[name, 'v']] }));
    expectTypeError(() => classifyFrom(`${API}/x`, { headers: [[name, 'v']], mode: 'no-cors' }));
  });

  test.each([
    ['a line feed inside', 'a\nb'],
    ['a carriage return inside', 'a\rb'],
    ['NUL', 'a\u0000b'],
    ['a code point above U+00FF', 'invalid\u0100'],
  ])('a value with %s', (_label, value) => {
    expectTypeError(() => classifyFrom(`${API}/x`, { headers: [['X-Test', value]] }));
    expectTypeError(() => classifyFrom(`${API}/x`, { headers: [['Accept', value]], mode: 'no-cors' }));
  });

  test('leading and trailing HTTP whitespace (even CR and LF) is stripped, not an error', () => {
    const result = classifyFrom(`${API}/x`, { headers: [['X-Test', '\r\n\t value \t\n']] });
    expect(result.headers).toEqual([['x-test', 'value']]);
  });

  test.each([
    ['a pair with one item', [['X-Test']]],
    ['a pair with three items', [['X-Test', 'a', 'b']]],
    ['a pair that is a string', ['X-Test']],
    ['a string', 'X-Test: 1'],
  ])('headers given as %s', (_label, headers) => {
    expectTypeError(() => classifyFrom(`${API}/x`, { headers: headers as unknown as HeadersInit }));
  });

  test('a record, an array of pairs and a Headers object are all accepted', () => {
    const expected = [['x-test', '1']];
    expect(classifyFrom(`${API}/x`, { headers: { 'X-Test': '1' } }).headers).toEqual(expected);
    expect(classifyFrom(`${API}/x`, { headers: [['X-Test', '1']] }).headers).toEqual(expected);
    expect(classifyFrom(`${API}/x`, { headers: new Headers({ 'X-Test': '1' }) }).headers).toEqual(expected);
  });
});

describe("mode 'no-cors': only no-CORS-safelisted headers survive", () => {
  test.each([
    ['Accept', 'text/html'],
    ['Accept-Language', 'fr'],
    ['Content-Language', 'eu'],
    ['Content-Type', 'text/plain'],
    ['Content-Type', 'multipart/form-data; boundary=x'],
  ])('%s: %j is kept', (name, value) => {
    const result = classifyFrom(`${API}/x`, withHeader(name, value, { mode: 'no-cors' }));
    expect(result.headers).toEqual([[name.toLowerCase(), value]]);
    expect(result.dropped).toEqual([]);
    expect(result.preflight).toBe(false);
  });

  const digits129 = '0'.repeat(129);
  test.each([
    ['X-Test', 'hi'],
    ['Authorization', 'basics'],
    ['Range', 'bytes=0-'],
    ['Last-Event-ID', 'abc'],
    ['Content-Type', 'application/json'],
    ['Content-Type', 'text/html'],
    ['Accept', '"'],
    ['Accept', digits129],
    ['Accept-Language', '@'],
    ['Content-Language', '\u0001'],
    ['dpr', '2'],
    ['downlink', '1'],
    ['save-data', 'on'],
    ['viewport-width', '100'],
    ['width', '100'],
    ['rtt', '1.0'],
    ['ect', '6g'],
    ['unknown', 'doesitmatter'],
  ])('%s: %j is dropped (in every engine)', (name, value) => {
    for (const engine of ['spec', 'chromium', 'firefox', 'webkit'] as const) {
      const result = classifyFrom(`${API}/x`, withHeader(name, value, { mode: 'no-cors' }), engine);
      expect(result.headers).toEqual([]);
      expect(result.dropped).toEqual([name.toLowerCase()]);
      expect(result.preflight).toBe(false);
    }
  });

  // headers-no-cors.any.js: appending may not push the combined value past the safelist.
  const long = 's'.repeat(127);
  test.each([
    ['accept', [long, '', long]],
    ['accept-language', [long, '', long]],
    ['content-language', [long, '', long]],
    ['accept', ['', long]],
    ['accept-language', ['', long]],
    ['content-language', ['', long]],
    ['content-type', [`text/plain;${'s'.repeat(116)}`, 'text/plain']],
  ])('%s set to %j keeps only the first value', (name, values) => {
    const result = classifyFrom(`${API}/x`, {
      mode: 'no-cors',
      headers: values.map((value) => [name, value] as [string, string]),
    });
    expect(result.headers).toEqual([[name, values[0]]]);
    expect(result.dropped).toEqual([name]);
  });

  test('the no-cors guard also applies to same-origin no-cors requests', () => {
    const result = classifyFrom(`${PAGE}/x`, withHeader('X-Test', '1', { mode: 'no-cors' }));
    expect(result.headers).toEqual([]);
    expect(result.dropped).toEqual(['x-test']);
  });
});
