// The CORS-preflight cache through createCorsFetch with a fake clock: max-age (default 5 s, 0,
// unparsable values), per-method and per-header-name entries that expire and refresh on their own,
// the cache key (URL, origin, credentials), wildcards, and the engines' caps and cache models.
// The first test is WPT's fetch/api/cors/cors-preflight-cache.any.js.

import { describe, expect, test } from 'vitest';
import {
  type Answer,
  API,
  answer,
  expectRejection,
  type Handler,
  harness,
  OTHER,
  PAGE,
  redirectTo,
  routes,
  withHeader,
} from './helpers';

/** A server whose preflight answer can be changed between requests. */
function switchable(initial: Answer) {
  let current = answer(initial);
  const handler: Handler = (request) => current(request);
  return {
    handler,
    set(next: Answer) {
      current = answer(next);
    },
  };
}

describe('cors-preflight-cache', () => {
  test('a second identical request within max-age sends no preflight', async () => {
    const { fetch, server } = harness(
      answer({ maxAge: '12000', allowMethods: 'POST', allowHeaders: 'x-test-header' }),
    );
    const url = `${API}/preflight?token=abc&max_age=12000&allow_methods=POST&allow_headers=x-test-header`;
    const first = await fetch(
      new Request(url, { mode: 'cors', method: 'POST', headers: [['x-test-header', 'test1']] }),
    );
    expect(first.status).toBe(200);
    expect(server.preflights()).toHaveLength(1);
    const second = await fetch(
      new Request(url, { mode: 'cors', method: 'POST', headers: [['x-test-header', 'test2']] }),
    );
    expect(second.status).toBe(200);
    expect(server.preflights()).toHaveLength(1);
    expect(server.requests().map((seen) => seen.headers['x-test-header'])).toEqual(['test1', 'test2']);
  });
});

describe('max-age', () => {
  const put = { method: 'PUT' } as const;

  test('an entry serves requests until max-age has passed, then the preflight is sent again', async () => {
    const { fetch, server, clock } = harness(answer({ allowMethods: 'PUT', maxAge: '10' }));
    await fetch(`${API}/x`, put);
    clock.advanceSeconds(9.999);
    await fetch(`${API}/x`, put);
    expect(server.preflights()).toHaveLength(1);
    clock.advanceSeconds(0.002);
    await fetch(`${API}/x`, put);
    expect(server.preflights()).toHaveLength(2);
    expect(server.requests()).toHaveLength(3);
  });

  test('without Access-Control-Max-Age the answer is cached for 5 seconds', async () => {
    const { fetch, server, clock } = harness(answer({ allowMethods: 'PUT' }));
    await fetch(`${API}/x`, put);
    clock.advanceSeconds(4.999);
    await fetch(`${API}/x`, put);
    expect(server.preflights()).toHaveLength(1);
    clock.advanceSeconds(0.002);
    await fetch(`${API}/x`, put);
    expect(server.preflights()).toHaveLength(2);
  });

  test('max-age 0: every request is preflighted', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT', maxAge: '0' }));
    for (let i = 0; i < 3; i++) await fetch(`${API}/x`, put);
    expect(server.preflights()).toHaveLength(3);
    expect(server.log.map((seen) => seen.method)).toEqual([
      'OPTIONS',
      'PUT',
      'OPTIONS',
      'PUT',
      'OPTIONS',
      'PUT',
    ]);
  });

  test.each([
    ['a negative number', '-1'],
    ['a fraction', '1.5'],
    ['a word', 'abc'],
    ['a unit', '10s'],
    ['a plus sign', '+10'],
    ['the empty string', ''],
    ['two values on two lines', ['10', '20']],
    ['two values on one line', '10, 20'],
  ])('an unparsable max-age (%s) counts as absent: 5 seconds', async (_label, maxAge) => {
    const { fetch, server, clock } = harness(answer({ allowMethods: 'PUT', maxAge }));
    await fetch(`${API}/x`, put);
    clock.advanceSeconds(4.9);
    await fetch(`${API}/x`, put);
    expect(server.preflights()).toHaveLength(1);
    clock.advanceSeconds(0.2);
    await fetch(`${API}/x`, put);
    expect(server.preflights()).toHaveLength(2);
  });

  test('the spec itself imposes no cap: a day is a day', async () => {
    const { fetch, server, clock } = harness(answer({ allowMethods: 'PUT', maxAge: '86400' }));
    await fetch(`${API}/x`, put);
    clock.advanceSeconds(86399);
    await fetch(`${API}/x`, put);
    expect(server.preflights()).toHaveLength(1);
  });
});

describe('entries per method and per header name', () => {
  test('every method the answer lists gets an entry, not only the one asked for', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT, DELETE', maxAge: '60' }));
    await fetch(`${API}/x`, { method: 'PUT' });
    await fetch(`${API}/x`, { method: 'DELETE' });
    expect(server.preflights()).toHaveLength(1);
    await fetch(`${API}/x`, { method: 'PATCH' }).catch(() => undefined);
    expect(server.preflights()).toHaveLength(2);
    expect(server.preflights()[1]?.headers['access-control-request-method']).toBe('PATCH');
  });

  test('every header name the answer lists gets an entry; an uncached one preflights for all unsafe names', async () => {
    const { fetch, server } = harness(answer({ allowHeaders: 'x-a, X-B', maxAge: '60' }));
    await fetch(`${API}/x`, withHeader('x-a', '1'));
    await fetch(`${API}/x`, withHeader('x-b', '1'));
    await fetch(`${API}/x`, { headers: { 'x-b': '1', 'x-a': '2' } });
    expect(server.preflights()).toHaveLength(1);
    await fetch(`${API}/x`, { headers: { 'x-c': '1', 'x-a': '2' } }).catch(() => undefined);
    expect(server.preflights()).toHaveLength(2);
    expect(server.preflights()[1]?.headers['access-control-request-headers']).toBe('x-a,x-c');
  });

  test('a cached header does not cover an uncached method; entries from two answers combine', async () => {
    const server = switchable({ allowHeaders: 'x-a', maxAge: '60' });
    const { fetch, server: seen } = harness(server.handler);
    await fetch(`${API}/x`, withHeader('x-a', '1'));
    server.set({ allowMethods: 'PUT', maxAge: '60' });
    await fetch(`${API}/x`, { method: 'PUT' });
    expect(seen.preflights()).toHaveLength(2);
    await fetch(`${API}/x`, withHeader('x-a', '2', { method: 'PUT' }));
    expect(seen.preflights()).toHaveLength(2);
  });

  test('a preflight answer is judged on its own, even for a method that is cached', async () => {
    const server = switchable({ allowMethods: 'PUT', maxAge: '60' });
    const { fetch, server: seen } = harness(server.handler);
    await fetch(`${API}/x`, { method: 'PUT' });
    server.set({ allowHeaders: 'x-a', maxAge: '60' });
    await expectRejection(fetch(`${API}/x`, withHeader('x-a', '1', { method: 'PUT' })), 'method-not-allowed');
    expect(seen.preflights()[1]?.headers['access-control-request-method']).toBe('PUT');
    expect(seen.preflights()[1]?.headers['access-control-request-headers']).toBe('x-a');
  });

  test('entries expire on their own', async () => {
    const { fetch, server, clock } = harness(answer({ allowMethods: 'PUT', maxAge: '10' }));
    await fetch(`${API}/x`, { method: 'PUT' });
    clock.advanceSeconds(6);
    await fetch(`${API}/x`, withHeader('x-a', '1')).catch(() => undefined);
    expect(server.preflights()).toHaveLength(2);
    clock.advanceSeconds(6);
    await fetch(`${API}/x`, { method: 'PUT' });
    expect(server.preflights()).toHaveLength(3);
  });

  test('a later answer that lists a cached method refreshes its entry', async () => {
    const server = switchable({ allowMethods: 'PUT', maxAge: '10' });
    const { fetch, server: seen, clock } = harness(server.handler);
    await fetch(`${API}/x`, { method: 'PUT' });
    clock.advanceSeconds(8);
    server.set({ allowMethods: 'DELETE, PUT', maxAge: '10' });
    await fetch(`${API}/x`, { method: 'DELETE' });
    clock.advanceSeconds(4);
    await fetch(`${API}/x`, { method: 'PUT' });
    expect(seen.preflights()).toHaveLength(2);
  });

  test('an answer that does not list a cached method leaves that entry alone', async () => {
    const server = switchable({ allowMethods: 'PUT', maxAge: '60' });
    const { fetch, server: seen, clock } = harness(server.handler);
    await fetch(`${API}/x`, { method: 'PUT' });
    server.set({ allowMethods: 'DELETE', maxAge: '60' });
    clock.advanceSeconds(1);
    await fetch(`${API}/x`, { method: 'DELETE' });
    await fetch(`${API}/x`, { method: 'PUT' });
    expect(seen.preflights()).toHaveLength(2);
  });
});

describe('the cache key', () => {
  test('the URL, query included', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT', maxAge: '60' }));
    await fetch(`${API}/a`, { method: 'PUT' });
    await fetch(`${API}/a`, { method: 'PUT' });
    await fetch(`${API}/b`, { method: 'PUT' });
    await fetch(`${API}/a?v=2`, { method: 'PUT' });
    expect(server.preflights().map((seen) => seen.url)).toEqual([`${API}/a`, `${API}/b`, `${API}/a?v=2`]);
  });

  test('the request origin: an answer cached for Origin: null does not serve the page origin', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/r`]: redirectTo(307, `${OTHER}/x`, { allowMethods: 'PUT' }),
        [`${OTHER}/x`]: answer({ allowMethods: 'PUT', maxAge: '60' }),
      }),
    );
    await fetch(`${API}/r`, { method: 'PUT' });
    await fetch(`${OTHER}/x`, { method: 'PUT' });
    const atOther = server.preflights().filter((seen) => seen.url === `${OTHER}/x`);
    expect(atOther.map((seen) => seen.headers.origin)).toEqual(['null', PAGE]);
  });

  const credentialed = { allowOrigin: PAGE, allowCredentials: 'true', allowMethods: 'PUT', maxAge: '60' };

  test('an entry from a request without credentials does not serve one with credentials', async () => {
    const { fetch, server } = harness(answer(credentialed));
    await fetch(`${API}/x`, { method: 'PUT', credentials: 'omit' });
    await fetch(`${API}/x`, { method: 'PUT', credentials: 'include' });
    expect(server.preflights()).toHaveLength(2);
  });

  test('an entry from a request with credentials serves one without', async () => {
    const { fetch, server } = harness(answer(credentialed));
    await fetch(`${API}/x`, { method: 'PUT', credentials: 'include' });
    await fetch(`${API}/x`, { method: 'PUT', credentials: 'omit' });
    await fetch(`${API}/x`, { method: 'PUT' });
    expect(server.preflights()).toHaveLength(1);
  });
});

describe('wildcards in the cache', () => {
  test('without credentials, * entries cover any method and any header name', async () => {
    const { fetch, server } = harness(answer({ allowMethods: '*', allowHeaders: '*', maxAge: '60' }));
    await fetch(`${API}/x`, withHeader('x-a', '1', { method: 'PUT' }));
    await fetch(`${API}/x`, withHeader('x-b', '1', { method: 'DELETE' }));
    await fetch(`${API}/x`, withHeader('x-c', '1', { method: 'NEW' }));
    expect(server.preflights()).toHaveLength(1);
  });

  test('a * header entry does not cover Authorization (spec): preflight again, and fail', async () => {
    const { fetch, server } = harness(answer({ allowHeaders: '*', maxAge: '60' }));
    await fetch(`${API}/x`, withHeader('x-a', '1'));
    await expectRejection(fetch(`${API}/x`, withHeader('Authorization', 'Bearer t')));
    expect(server.preflights()).toHaveLength(2);
    expect(server.preflights()[1]?.headers['access-control-request-headers']).toBe('authorization');
  });

  test('Authorization named explicitly is cached like any header', async () => {
    const { fetch, server } = harness(answer({ allowHeaders: '*, authorization', maxAge: '60' }));
    await fetch(`${API}/x`, withHeader('Authorization', 'a'));
    await fetch(`${API}/x`, withHeader('Authorization', 'b'));
    expect(server.preflights()).toHaveLength(1);
  });
});

describe('what does and does not populate the cache', () => {
  test('a failed preflight caches nothing', async () => {
    const server = switchable({ allowMethods: 'PUT', maxAge: '60', preflightStatus: 500 });
    const { fetch, server: seen } = harness(server.handler);
    await expectRejection(fetch(`${API}/x`, { method: 'PUT' }), 'preflight-status');
    server.set({ allowMethods: 'PUT', maxAge: '60' });
    await fetch(`${API}/x`, { method: 'PUT' });
    await fetch(`${API}/x`, { method: 'PUT' });
    expect(seen.preflights()).toHaveLength(2);
  });

  test('a refused method caches nothing for it', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT', maxAge: '60' }));
    await expectRejection(fetch(`${API}/x`, { method: 'DELETE' }));
    await expectRejection(fetch(`${API}/x`, { method: 'DELETE' }));
    expect(server.preflights()).toHaveLength(2);
  });

  // The standard: "if corsWithPreflightResponse is a network error, then clear cache entries using
  // request"; Firefox does so too, Chromium and WebKit keep the answer (cache-failed-actual).
  test.each([
    ['spec', 2],
    ['firefox', 2],
    ['chromium', 1],
    ['webkit', 1],
  ] as const)(
    '%s: an actual response that fails the CORS check after a preflight leaves %i preflights for two PUTs',
    async (engine, preflights) => {
      const { fetch, server } = harness(
        (request) =>
          request.method === 'OPTIONS'
            ? answer({ allowMethods: 'PUT', maxAge: '60' })(request)
            : new Response('no cors here'),
        { engine },
      );
      await expectRejection(fetch(`${API}/x`, { method: 'PUT' }), 'allow-origin-missing');
      await expectRejection(fetch(`${API}/x`, { method: 'PUT' }), 'allow-origin-missing');
      expect(server.preflights()).toHaveLength(preflights);
      expect(server.requests()).toHaveLength(2);
    },
  );

  // Firefox drops them after a simple request's failure too (cache-failed-simple).
  test.each([
    ['spec', 1],
    ['chromium', 1],
    ['firefox', 2],
    ['webkit', 1],
  ] as const)(
    '%s: a simple request that fails the CORS check, between two PUTs, leaves %i preflights',
    async (engine, preflights) => {
      const { fetch, server } = harness(
        (request) =>
          request.method === 'OPTIONS'
            ? answer({ allowMethods: 'PUT', maxAge: '60' })(request)
            : request.method === 'PUT'
              ? answer({})(request)
              : new Response('no cors here'),
        { engine },
      );
      await fetch(`${API}/x`, { method: 'PUT' });
      await expectRejection(fetch(`${API}/x`), 'allow-origin-missing');
      await fetch(`${API}/x`, { method: 'PUT' });
      expect(server.preflights()).toHaveLength(preflights);
    },
  );

  test('a stream upload caches its method even though the answer lists no methods', async () => {
    const upload = () =>
      ({
        method: 'POST',
        duplex: 'half',
        body: new ReadableStream({
          start(controller) {
            controller.close();
          },
        }),
      }) as RequestInit;
    const { fetch, server } = harness(answer({ maxAge: '60' }));
    await fetch(`${API}/upload`, upload());
    await fetch(`${API}/upload`, upload());
    expect(server.preflights()).toHaveLength(1);
    await fetch(`${API}/upload`, { method: 'PUT' }).catch(() => undefined);
    expect(server.preflights()).toHaveLength(2);
  });
});

describe('stream uploads (the use-CORS-preflight flag)', () => {
  const upload = () =>
    ({
      method: 'POST',
      duplex: 'half',
      body: new ReadableStream({
        start(controller) {
          controller.close();
        },
      }),
    }) as RequestInit;

  test('an answer that lists other methods still lets the POST through, but caches no POST entry', async () => {
    const { fetch, server } = harness(answer({ allowMethods: 'PUT', maxAge: '60' }));
    expect((await fetch(`${API}/upload`, upload())).status).toBe(200);
    expect((await fetch(`${API}/upload`, upload())).status).toBe(200);
    expect(server.preflights()).toHaveLength(2);
  });

  test('an ordinary POST to the same URL needs no preflight either way', async () => {
    const { fetch, server } = harness(answer({ maxAge: '60' }));
    await fetch(`${API}/upload`, { method: 'POST', body: 'x' });
    expect(server.preflights()).toEqual([]);
    await fetch(`${API}/upload`, upload());
    expect(server.preflights()).toHaveLength(1);
  });
});

describe('engines: caps on max-age and the shape of the cache', () => {
  test.each([
    ['chromium', 7200],
    ['firefox', 86400],
    ['webkit', 600],
  ] as const)('%s caps max-age at %i seconds', async (engine, cap) => {
    const { fetch, server, clock } = harness(answer({ allowMethods: 'PUT', maxAge: '1000000' }), { engine });
    await fetch(`${API}/x`, { method: 'PUT' });
    clock.advanceSeconds(cap - 1);
    await fetch(`${API}/x`, { method: 'PUT' });
    expect(server.preflights()).toHaveLength(1);
    clock.advanceSeconds(2);
    await fetch(`${API}/x`, { method: 'PUT' });
    expect(server.preflights()).toHaveLength(2);
  });

  test.each(['spec', 'chromium', 'firefox', 'webkit'] as const)(
    '%s: absent max-age means 5 seconds',
    async (engine) => {
      const { fetch, server, clock } = harness(answer({ allowMethods: 'PUT' }), { engine });
      await fetch(`${API}/x`, { method: 'PUT' });
      clock.advanceSeconds(4.5);
      await fetch(`${API}/x`, { method: 'PUT' });
      clock.advanceSeconds(1);
      await fetch(`${API}/x`, { method: 'PUT' });
      expect(server.preflights()).toHaveLength(2);
    },
  );

  // [engine, PUT preflighted again after a DELETE preflight replaced the entry]
  test.each([
    ['spec', false],
    ['firefox', false],
    ['chromium', true],
  ] as const)(
    '%s: one entry per method (false) or one per URL, replaced (true): %s',
    async (engine, replaced) => {
      const server = switchable({ allowMethods: 'PUT', maxAge: '60' });
      const { fetch, server: seen } = harness(server.handler, { engine });
      await fetch(`${API}/x`, { method: 'PUT' });
      server.set({ allowMethods: 'DELETE', maxAge: '60' });
      await fetch(`${API}/x`, { method: 'DELETE' });
      server.set({ allowMethods: 'PUT, DELETE', maxAge: '60' });
      await fetch(`${API}/x`, { method: 'PUT' });
      expect(seen.preflights()).toHaveLength(replaced ? 3 : 2);
    },
  );
});
