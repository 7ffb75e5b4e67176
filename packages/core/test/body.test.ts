// Request bodies: what "extract a body" decides (kind and implied Content-Type), which bodies
// preflight, and the TypeErrors around bodies (GET/HEAD with a body, streams without duplex,
// keepalive streams, locked streams). Shapes from WPT's fetch/api/request/request-init-stream.any.js,
// request-error.any.js, fetch/api/basic/request-upload.any.js and headers-no-cors.any.js.

import { describe, expect, test } from 'vitest';
import {
  API,
  answer,
  classifyFrom,
  expectRejection,
  expectTypeError,
  harness,
  PAGE,
  reasonCodes,
  withHeader,
} from './helpers';

const stream = (text = 'streamed') =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });

/** An init that needs `duplex`, which the DOM RequestInit type may not declare. */
const streamInit = (init: RequestInit & { duplex?: string }) => init as RequestInit;

describe('body kinds and the Content-Type they imply', () => {
  // [label, body factory, kind, Content-Type the body adds (essence-level check), preflight]
  const kinds: Array<[string, () => BodyInit, string, string | null, boolean]> = [
    ['a string', () => 'hello', 'string', 'text/plain;charset=UTF-8', false],
    ['an empty string', () => '', 'string', 'text/plain;charset=UTF-8', false],
    [
      'URLSearchParams',
      () => new URLSearchParams({ a: '1' }),
      'urlsearchparams',
      'application/x-www-form-urlencoded;charset=UTF-8',
      false,
    ],
    ['FormData', () => new FormData(), 'formdata', 'multipart/form-data', false],
    ['a text/plain Blob', () => new Blob(['x'], { type: 'text/plain' }), 'blob', 'text/plain', false],
    ['an untyped Blob', () => new Blob(['x']), 'blob', null, false],
    [
      'an application/json Blob',
      () => new Blob(['{}'], { type: 'application/json' }),
      'blob',
      'application/json',
      true,
    ],
    ['an ArrayBuffer', () => new ArrayBuffer(4), 'buffer', null, false],
    ['a Uint8Array', () => new Uint8Array([1, 2, 3]), 'buffer', null, false],
    ['a Float64Array', () => new Float64Array(2), 'buffer', null, false],
    ['a DataView', () => new DataView(new ArrayBuffer(2)), 'buffer', null, false],
  ];
  test.each(kinds)(
    '%s: kind %s, Content-Type %s, preflight %s',
    (_label, body, kind, contentType, preflight) => {
      const result = classifyFrom(`${API}/upload`, { method: 'POST', body: body() });
      expect(result.body).toBe(kind);
      const sent = result.headers.find(([name]) => name === 'content-type')?.[1] ?? null;
      if (contentType === null) expect(sent).toBeNull();
      else expect(sent?.startsWith(contentType)).toBe(true);
      expect(result.preflight).toBe(preflight);
      expect(result.requestHeaders).toEqual(preflight ? ['content-type'] : []);
      expect(reasonCodes(result)).toEqual(preflight ? ['content-type-not-safelisted'] : []);
    },
  );

  test('FormData gets a multipart boundary parameter', () => {
    const result = classifyFrom(`${API}/upload`, { method: 'POST', body: new FormData() });
    const [, value] = result.headers.find(([name]) => name === 'content-type') ?? [];
    expect(value).toMatch(/^multipart\/form-data; ?boundary=/);
  });

  test('a Blob type with parameters keeps them and is judged by its essence', () => {
    const result = classifyFrom(`${API}/upload`, {
      method: 'POST',
      body: new Blob(['x'], { type: 'text/plain;charset=utf-8' }),
    });
    expect(result.headers).toEqual([['content-type', 'text/plain;charset=utf-8']]);
    expect(result.preflight).toBe(false);
  });

  test('an object that is no body type is converted to a string', () => {
    const result = classifyFrom(`${API}/upload`, { method: 'POST', body: { a: 1 } as unknown as BodyInit });
    expect(result.body).toBe('string');
    expect(result.headers).toEqual([['content-type', 'text/plain;charset=UTF-8']]);
  });

  test('a null body is no body, even with GET', () => {
    expect(classifyFrom(`${API}/x`, { body: null }).body).toBe('none');
    expect(classifyFrom(`${API}/x`, { method: 'POST', body: null }).headers).toEqual([]);
  });
});

describe("the script's Content-Type wins over the body's", () => {
  test.each([
    ['a string body sent as JSON', 'hello', 'application/json', true],
    ['a JSON Blob sent as text/plain', new Blob(['{}'], { type: 'application/json' }), 'text/plain', false],
    ['URLSearchParams sent as JSON', new URLSearchParams('a=1'), 'application/json', true],
    ['FormData sent as text/plain', new FormData(), 'text/plain', false],
  ])('%s', (_label, body, contentType, preflight) => {
    const result = classifyFrom(`${API}/upload`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': contentType },
    });
    expect(result.headers).toEqual([['content-type', contentType]]);
    expect(result.preflight).toBe(preflight);
  });

  test('a body Content-Type is added when the only Content-Type the script set was dropped (no-cors)', () => {
    const result = classifyFrom(`${API}/upload`, {
      method: 'POST',
      mode: 'no-cors',
      body: 'hello',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(result.dropped).toEqual(['content-type']);
    expect(result.headers).toEqual([['content-type', 'text/plain;charset=UTF-8']]);
  });
});

describe("mode 'no-cors' and bodies", () => {
  test('a Blob of type application/json loses its Content-Type', () => {
    const result = classifyFrom(`${API}/upload`, {
      method: 'POST',
      mode: 'no-cors',
      body: new Blob(['{}'], { type: 'application/json' }),
    });
    expect(result.headers).toEqual([]);
    expect(result.dropped).toEqual(['content-type']);
    expect(result.preflight).toBe(false);
  });

  test.each([
    ['a string', 'hello'],
    ['URLSearchParams', new URLSearchParams('a=1')],
    ['FormData', new FormData()],
    ['a text/plain Blob', new Blob(['x'], { type: 'text/plain' })],
  ])('%s keeps its safelisted Content-Type', (_label, body) => {
    const result = classifyFrom(`${API}/upload`, { method: 'POST', mode: 'no-cors', body });
    expect(result.headers.map(([name]) => name)).toEqual(['content-type']);
    expect(result.dropped).toEqual([]);
  });

  test('a ReadableStream body throws a TypeError in no-cors mode', () => {
    expectTypeError(() =>
      classifyFrom(
        `${API}/upload`,
        streamInit({ method: 'POST', mode: 'no-cors', body: stream(), duplex: 'half' }),
      ),
    );
  });
});

describe('GET and HEAD cannot have a body', () => {
  const bodies: Array<[string, () => BodyInit]> = [
    ['a string', () => 'x'],
    ['an empty string', () => ''],
    ['URLSearchParams', () => new URLSearchParams()],
    ['FormData', () => new FormData()],
    ['a Blob', () => new Blob([])],
    ['an ArrayBuffer', () => new ArrayBuffer(0)],
    ['a Uint8Array', () => new Uint8Array(0)],
  ];
  test.each(bodies)('GET, get, HEAD and head with %s throw a TypeError', (_label, body) => {
    for (const method of ['GET', 'get', 'HEAD', 'head']) {
      expectTypeError(() => classifyFrom(`${API}/x`, { method, body: body() }));
      expectTypeError(() => classifyFrom(`${PAGE}/x`, { method, body: body() }));
    }
  });

  test('GET with a stream throws a TypeError', () => {
    expectTypeError(() => classifyFrom(`${API}/x`, streamInit({ body: stream(), duplex: 'half' })));
  });

  test('the default method is GET, so a body without a method throws too', () => {
    expectTypeError(() => classifyFrom(`${API}/x`, { body: 'x' }));
  });
});

describe('ReadableStream bodies (streaming uploads)', () => {
  test("with duplex: 'half' a cross-origin POST preflights, with the reason stream-body", () => {
    const result = classifyFrom(
      `${API}/upload`,
      streamInit({ method: 'POST', body: stream(), duplex: 'half' }),
    );
    expect(result.body).toBe('stream');
    expect(result.preflight).toBe(true);
    expect(result.requestHeaders).toEqual([]);
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'stream-body' })]);
    expect(result.reasons[0]?.header).toBeUndefined();
    expect(result.reasons[0]?.message).toContain('ReadableStream');
    expect(result.headers).toEqual([]);
  });

  test('a stream with a non-safelisted method and header lists every reason', () => {
    const result = classifyFrom(
      `${API}/upload`,
      streamInit({ method: 'PUT', body: stream(), duplex: 'half', headers: { 'X-Upload': '1' } }),
    );
    expect(reasonCodes(result)).toEqual(['method-not-safelisted', 'header-not-safelisted', 'stream-body']);
    expect(result.requestHeaders).toEqual(['x-upload']);
  });

  test('a same-origin stream upload needs no preflight', () => {
    const result = classifyFrom(
      `${PAGE}/upload`,
      streamInit({ method: 'POST', body: stream(), duplex: 'half' }),
    );
    expect(result.preflight).toBe(false);
    expect(result.body).toBe('stream');
  });

  test("without duplex: 'half' a stream body throws a TypeError", () => {
    expectTypeError(() => classifyFrom(`${API}/upload`, { method: 'POST', body: stream() }));
    expectTypeError(() => classifyFrom(`${PAGE}/upload`, { method: 'POST', body: stream() }));
  });

  test("duplex: 'full' throws a TypeError, with any body", () => {
    expectTypeError(() =>
      classifyFrom(`${API}/upload`, streamInit({ method: 'POST', body: stream(), duplex: 'full' })),
    );
    expectTypeError(() =>
      classifyFrom(`${API}/upload`, streamInit({ method: 'POST', body: 'x', duplex: 'full' })),
    );
  });

  test("duplex: 'half' is allowed with other bodies and with none", () => {
    expect(
      classifyFrom(`${API}/x`, streamInit({ method: 'POST', body: 'x', duplex: 'half' })).preflight,
    ).toBe(false);
    expect(classifyFrom(`${API}/x`, streamInit({ method: 'POST', body: null, duplex: 'half' })).body).toBe(
      'none',
    );
  });

  test('a locked or disturbed stream throws a TypeError', () => {
    const locked = stream();
    locked.getReader();
    expectTypeError(() =>
      classifyFrom(`${API}/upload`, streamInit({ method: 'POST', body: locked, duplex: 'half' })),
    );
  });

  test('keepalive with a stream body throws a TypeError', () => {
    expectTypeError(() =>
      classifyFrom(
        `${API}/upload`,
        streamInit({ method: 'POST', body: stream(), duplex: 'half', keepalive: true }),
      ),
    );
  });
});

describe('bodies from a Request input', () => {
  test("a Request's body brings its Content-Type along", () => {
    const request = new Request(`${API}/upload`, { method: 'POST', body: 'this is my plate' });
    const result = classifyFrom(request);
    expect(result.body).not.toBe('none');
    expect(result.headers).toEqual([['content-type', 'text/plain;charset=UTF-8']]);
    expect(result.preflight).toBe(false);
  });

  test("a Request's own Content-Type wins over its body's", () => {
    const request = new Request(`${API}/upload`, {
      method: 'POST',
      body: 'this is my plate',
      headers: { 'Content-Type': 'potato' },
    });
    const result = classifyFrom(request);
    expect(result.headers).toEqual([['content-type', 'potato']]);
    expect(result.preflight).toBe(true);
  });
});

describe('bodies through createCorsFetch', () => {
  test('a stream upload sends a POST preflight without Access-Control-Request-Headers, then the body', async () => {
    const { fetch, server } = harness(answer());
    const response = await fetch(
      `${API}/upload`,
      streamInit({ method: 'POST', body: stream('chunk'), duplex: 'half' }),
    );
    expect(response.status).toBe(200);
    expect(server.preflights()).toHaveLength(1);
    const [preflight] = server.preflights();
    expect(preflight?.headers['access-control-request-method']).toBe('POST');
    expect(preflight?.headers).not.toHaveProperty('access-control-request-headers');
    const [request] = server.requests();
    expect(request?.method).toBe('POST');
    expect(request?.body).toBe('chunk');
  });

  test('a refused stream-upload preflight rejects and sends no body', async () => {
    const { fetch, server } = harness(answer({ preflightStatus: 403 }));
    await expectRejection(
      fetch(`${API}/upload`, streamInit({ method: 'POST', body: stream(), duplex: 'half' })),
      'preflight-status',
    );
    expect(server.requests()).toEqual([]);
  });

  test('an ordinary POST body reaches the server with its Content-Type and no preflight', async () => {
    const { fetch, server } = harness(answer());
    await fetch(`${API}/upload`, { method: 'POST', body: new URLSearchParams({ a: '1', b: '2' }) });
    expect(server.preflights()).toEqual([]);
    const [request] = server.requests();
    expect(request?.body).toBe('a=1&b=2');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
  });

  test('a JSON Blob preflights for content-type', async () => {
    const { fetch, server } = harness(answer({ allowHeaders: 'content-type' }));
    await fetch(`${API}/upload`, { method: 'POST', body: new Blob(['{}'], { type: 'application/json' }) });
    expect(server.preflights()[0]?.headers['access-control-request-headers']).toBe('content-type');
    expect(server.requests()[0]?.headers['content-type']).toBe('application/json');
  });

  test('a no-cors JSON Blob goes out without a Content-Type', async () => {
    const { fetch, server } = harness(answer());
    const response = await fetch(`${API}/upload`, {
      method: 'POST',
      mode: 'no-cors',
      body: new Blob(['{}'], { type: 'application/json' }),
    });
    expect(response.type).toBe('opaque');
    expect(server.requests()[0]?.headers).not.toHaveProperty('content-type');
    expect(server.requests()[0]?.body).toBe('{}');
  });

  test('keepalive: a body of up to 64 KiB is sent', async () => {
    const { fetch, server } = harness(answer());
    const response = await fetch(`${API}/beacon`, {
      method: 'POST',
      keepalive: true,
      body: 'a'.repeat(65536),
    });
    expect(response.status).toBe(200);
    expect(server.requests()).toHaveLength(1);
  });

  test('keepalive: a body over 64 KiB is a network error', async () => {
    const { fetch, server } = harness(answer());
    await expectRejection(
      fetch(`${API}/beacon`, { method: 'POST', keepalive: true, body: 'a'.repeat(65537) }),
    );
    expect(server.log).toEqual([]);
  });

  test('a header-only init without a body carries no Content-Type', async () => {
    const { fetch, server } = harness(answer());
    await fetch(`${API}/x`, withHeader('Accept', 'text/plain'));
    expect(server.requests()[0]?.headers).not.toHaveProperty('content-type');
    expect(server.requests()[0]?.body).toBeNull();
  });
});
