// Redirects through createCorsFetch: the Origin header after each hop (`null` once a redirect
// crosses origins away from a cross-origin URL), preflights after redirects, method and header
// rewriting, credentials in Location, redirect modes and the redirect limit. Shapes from WPT's
// fetch/api/cors/cors-redirect, cors-redirect-credentials, cors-redirect-preflight and
// cors-preflight-redirect (.any.js), and fetch/api/redirect/*.

import { describe, expect, test } from 'vitest';
import {
  API,
  answer,
  expectRejection,
  type Handler,
  harness,
  headerNames,
  OTHER,
  PAGE,
  PAGE_OTHER_PORT,
  REDIRECT_STATUSES,
  redirectTo,
  routes,
  withHeader,
} from './helpers';

const streamInit = (init: RequestInit & { duplex?: string }) => init as RequestInit;
const stream = () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array([1, 2, 3]));
      controller.close();
    },
  });

describe.each(REDIRECT_STATUSES)('cors-redirect: %i', (status) => {
  // [label, redirecting origin, target origin, Origin the target receives]
  test.each([
    ['cors to same cors', API, API, PAGE],
    ['cors to another cors', API, PAGE_OTHER_PORT, 'null'],
    ['same origin to cors', PAGE, API, PAGE],
    ['cors to same origin', API, PAGE, 'null'],
    ['cors to a third origin', API, OTHER, 'null'],
  ])('%s', async (_label, from, to, expectedOrigin) => {
    const { fetch, server } = harness(
      routes({
        [`${from}/redirect`]: redirectTo(status, `${to}/preflight`),
        [`${to}/preflight`]: answer(),
      }),
    );
    const response = await fetch(`${from}/redirect`, { mode: 'cors', redirect: 'follow' });
    expect(response.status).toBe(200);
    expect(response.type).toBe('cors');
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${to}/preflight`);
    expect(server.preflights()).toEqual([]);
    expect(server.requests().map((seen) => seen.url)).toEqual([`${from}/redirect`, `${to}/preflight`]);
    expect(server.requests()[1]?.headers.origin).toBe(expectedOrigin);
  });

  test('same origin to same origin stays basic and sends no Origin on GET', async () => {
    const { fetch, server } = harness(
      routes({
        [`${PAGE}/redirect`]: redirectTo(status, '/final'),
        [`${PAGE}/final`]: answer({ allowOrigin: null }),
      }),
    );
    const response = await fetch(`${PAGE}/redirect`);
    expect(response.type).toBe('basic');
    expect(response.url).toBe(`${PAGE}/final`);
    expect(server.requests()[1]?.headers).not.toHaveProperty('origin');
  });
});

describe('the tainted Origin', () => {
  test('once null, it stays null, even back on the first cross-origin server', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/r1`]: redirectTo(302, `${OTHER}/r2`),
        [`${OTHER}/r2`]: redirectTo(302, `${API}/final`),
        [`${API}/final`]: answer(),
      }),
    );
    await fetch(`${API}/r1`);
    expect(server.requests().map((seen) => seen.headers.origin)).toEqual([PAGE, 'null', 'null']);
  });

  test('same origin to cors and back to the page is tainted and needs Access-Control-Allow-Origin', async () => {
    const { fetch, server } = harness(
      routes({
        [`${PAGE}/r1`]: redirectTo(302, `${API}/r2`),
        [`${API}/r2`]: redirectTo(302, `${PAGE}/final`),
        [`${PAGE}/final`]: answer({ allowOrigin: null }),
      }),
    );
    await expectRejection(fetch(`${PAGE}/r1`), 'allow-origin-missing');
    expect(server.requests()[2]?.headers.origin).toBe('null');
  });

  test('Access-Control-Allow-Origin: null passes for a tainted request', async () => {
    const { fetch } = harness(
      routes({
        [`${API}/r`]: redirectTo(302, `${OTHER}/final`),
        [`${OTHER}/final`]: answer({ allowOrigin: 'null' }),
      }),
    );
    const response = await fetch(`${API}/r`);
    expect(response.type).toBe('cors');
  });

  test('the page origin does not pass for a tainted request', async () => {
    const { fetch } = harness(
      routes({
        [`${API}/r`]: redirectTo(302, `${OTHER}/final`),
        [`${OTHER}/final`]: answer({ allowOrigin: PAGE }),
      }),
    );
    await expectRejection(fetch(`${API}/r`), 'allow-origin-mismatch');
  });

  test('with credentials, a tainted request needs Allow-Origin: null and Allow-Credentials: true', async () => {
    const ok = harness(
      routes({
        [`${API}/r`]: redirectTo(302, `${OTHER}/final`),
        [`${OTHER}/final`]: answer({ allowOrigin: 'null', allowCredentials: 'true' }),
      }),
    );
    expect((await ok.fetch(`${API}/r`, { credentials: 'include' })).status).toBe(200);
    expect(ok.server.requests()[1]?.credentials).toBe('include');
    const star = harness(
      routes({
        [`${API}/r`]: redirectTo(302, `${OTHER}/final`),
        [`${OTHER}/final`]: answer({ allowOrigin: '*', allowCredentials: 'true' }),
      }),
    );
    await expectRejection(
      star.fetch(`${API}/r`, { credentials: 'include' }),
      'allow-origin-wildcard-with-credentials',
    );
  });

  test('each cross-origin redirect response must pass the CORS check itself', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/r`]: redirectTo(302, `${API}/final`, { allowOrigin: null }),
        [`${API}/final`]: answer(),
      }),
    );
    await expectRejection(fetch(`${API}/r`), 'allow-origin-missing');
    expect(server.requests()).toHaveLength(1);
  });
});

describe.each(REDIRECT_STATUSES)('cors-redirect-credentials: %i', (status) => {
  // [label, redirecting origin, target origin, userinfo in Location, succeeds]
  test.each([
    ['from same origin to remote without user and password', PAGE, PAGE_OTHER_PORT, '', true],
    ['from same origin to remote with user and password', PAGE, PAGE_OTHER_PORT, 'user:password', false],
    ['from same origin to remote with user', PAGE, PAGE_OTHER_PORT, 'user:', false],
    ['from same origin to remote with password', PAGE, PAGE_OTHER_PORT, ':password', false],
    ['from remote to same origin with user and password', PAGE_OTHER_PORT, PAGE, 'user:password', false],
    ['from remote to same origin with user', PAGE_OTHER_PORT, PAGE, 'user:', false],
    ['from remote to same origin with password', PAGE_OTHER_PORT, PAGE, ':password', false],
    [
      'from remote to same remote with user and password',
      PAGE_OTHER_PORT,
      PAGE_OTHER_PORT,
      'user:password',
      false,
    ],
    ['from remote to same remote with user', PAGE_OTHER_PORT, PAGE_OTHER_PORT, 'user:', false],
    ['from remote to same remote with password', PAGE_OTHER_PORT, PAGE_OTHER_PORT, ':password', false],
    ['from remote to another remote with user and password', PAGE_OTHER_PORT, API, 'user:password', false],
    ['from remote to another remote with user', PAGE_OTHER_PORT, API, 'user:', false],
    ['from remote to another remote with password', PAGE_OTHER_PORT, API, ':password', false],
    ['from same origin to same origin with user and password', PAGE, PAGE, 'user:password', true],
  ])('redirect %s', async (_label, from, to, userinfo, succeeds) => {
    const location =
      userinfo === '' ? `${to}/preflight` : `${to.replace('://', `://${userinfo}@`)}/preflight`;
    const { fetch, server } = harness(
      routes({ [`${from}/redirect`]: redirectTo(status, location), [`${to}/preflight`]: answer() }),
    );
    const result = fetch(`${from}/redirect`, { mode: 'cors', redirect: 'follow' });
    if (succeeds) {
      expect((await result).status).toBe(200);
    } else {
      await expectRejection(result, 'redirect-with-credentials');
      expect(server.log).toHaveLength(1);
    }
  });
});

describe.each(REDIRECT_STATUSES)('cors-redirect-preflight: %i', (status) => {
  // [label, redirecting origin, target origin, Origin of the preflight after the redirect]
  describe.each([
    ['same origin to cors', PAGE, API, PAGE],
    ['cors to same origin', API, PAGE, 'null'],
    ['cors to another cors', API, PAGE_OTHER_PORT, 'null'],
  ])('%s', (_label, from, to, preflightOrigin) => {
    const setup = (targetAllows: boolean) =>
      harness(
        routes({
          [`${from}/redirect`]: redirectTo(status, `${to}/preflight`, { allowHeaders: 'x-w3c' }),
          [`${to}/preflight`]: answer(
            targetAllows ? { allowHeaders: 'x-w3c', maxAge: '0' } : { maxAge: '0' },
          ),
        }),
      );
    const init: RequestInit = { mode: 'cors', redirect: 'follow', headers: [['x-w3c', 'test']] };

    test('preflight after redirection success case', async () => {
      const { fetch, server } = setup(true);
      const response = await fetch(`${from}/redirect`, init);
      expect(response.status).toBe(200);
      const preflights = server.preflights();
      expect(preflights.at(-1)?.url).toBe(`${to}/preflight`);
      expect(preflights.at(-1)?.headers.origin).toBe(preflightOrigin);
      expect(preflights.at(-1)?.headers['access-control-request-headers']).toBe('x-w3c');
      // The first hop preflights only when it is itself cross-origin.
      expect(preflights.map((seen) => seen.url)).toEqual(
        from === PAGE ? [`${to}/preflight`] : [`${from}/redirect`, `${to}/preflight`],
      );
      expect(server.requests().at(-1)?.headers['x-w3c']).toBe('test');
    });

    test('preflight after redirection failure case', async () => {
      const { fetch, server } = setup(false);
      await expectRejection(fetch(`${from}/redirect`, init), 'header-not-allowed');
      expect(server.requests().map((seen) => seen.url)).toEqual([`${from}/redirect`]);
    });
  });
});

describe.each(REDIRECT_STATUSES)('cors-preflight-redirect: %i', (status) => {
  test('a redirected preflight fails, and is not followed', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/redirect`]: redirectTo(status, `${API}/preflight`, {
          redirectPreflight: true,
          allowHeaders: 'x-force-preflight',
        }),
        [`${API}/preflight`]: answer({ allowHeaders: 'x-force-preflight' }),
      }),
    );
    await expectRejection(fetch(`${API}/redirect`, withHeader('x-force-preflight', '')), 'preflight-status');
    expect(server.log.map((seen) => seen.url)).toEqual([`${API}/redirect`]);
  });

  test('after a successful preflight, the redirect target is preflighted again and can refuse', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/redirect`]: redirectTo(status, `${API}/preflight`, { allowHeaders: 'x-force-preflight' }),
        [`${API}/preflight`]: answer(),
      }),
    );
    await expectRejection(
      fetch(`${API}/redirect`, withHeader('x-force-preflight', '')),
      'header-not-allowed',
    );
    expect(server.preflights().map((seen) => seen.url)).toEqual([`${API}/redirect`, `${API}/preflight`]);
  });
});

describe('method and body rewriting (HTTP-redirect fetch)', () => {
  // [status, method, method after the redirect, body and its headers kept]
  test.each([
    [301, 'POST', 'GET', false],
    [302, 'POST', 'GET', false],
    [303, 'POST', 'GET', false],
    [307, 'POST', 'POST', true],
    [308, 'POST', 'POST', true],
    [301, 'PUT', 'PUT', true],
    [302, 'PUT', 'PUT', true],
    [303, 'PUT', 'GET', false],
    [303, 'DELETE', 'GET', false],
    [303, 'patch', 'GET', false],
    [307, 'PUT', 'PUT', true],
    [308, 'DELETE', 'DELETE', true],
  ] as const)('%i after %s: %s, body kept: %s', async (status, method, after, kept) => {
    const { fetch, server } = harness(
      routes({ [`${PAGE}/r`]: redirectTo(status, `${PAGE}/final`), [`${PAGE}/final`]: answer() }),
    );
    await fetch(`${PAGE}/r`, {
      method,
      body: 'payload',
      headers: {
        'Content-Type': 'text/plain',
        'Content-Language': 'en',
        Accept: 'text/plain',
        'X-Keep': '1',
      },
    });
    const final = server.requests()[1];
    expect(final?.method).toBe(after);
    expect(final?.body).toBe(kept ? 'payload' : null);
    expect(final?.headers['content-type']).toBe(kept ? 'text/plain' : undefined);
    expect(final?.headers['content-language']).toBe(kept ? 'en' : undefined);
    expect(final?.headers.accept).toBe('text/plain');
    expect(final?.headers['x-keep']).toBe('1');
  });

  test.each(REDIRECT_STATUSES)('%i keeps GET and HEAD as they are', async (status) => {
    for (const method of ['GET', 'HEAD']) {
      const { fetch, server } = harness(
        routes({ [`${PAGE}/r`]: redirectTo(status, `${PAGE}/final`), [`${PAGE}/final`]: answer() }),
      );
      await fetch(`${PAGE}/r`, { method });
      expect(server.requests()[1]?.method).toBe(method);
    }
  });

  test('a 303 turns a preflighted PUT into a GET that needs no preflight at the target', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/r`]: redirectTo(303, `${OTHER}/final`, { allowMethods: 'PUT' }),
        [`${OTHER}/final`]: answer(),
      }),
    );
    await fetch(`${API}/r`, { method: 'PUT', body: 'x' });
    expect(server.preflights().map((seen) => seen.url)).toEqual([`${API}/r`]);
    expect(server.requests()[1]?.method).toBe('GET');
  });

  test('a 307 keeps PUT, so the new origin is preflighted for it', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/r`]: redirectTo(307, `${OTHER}/final`, { allowMethods: 'PUT' }),
        [`${OTHER}/final`]: answer({ allowMethods: 'PUT' }),
      }),
    );
    await fetch(`${API}/r`, { method: 'PUT', body: 'x' });
    expect(server.preflights().map((seen) => seen.url)).toEqual([`${API}/r`, `${OTHER}/final`]);
    expect(server.preflights()[1]?.headers.origin).toBe('null');
    expect(server.requests()[1]?.body).toBe('x');
  });
});

describe('Authorization and redirects', () => {
  test('kept on a same-origin redirect', async () => {
    const { fetch, server } = harness(
      routes({ [`${PAGE}/r`]: redirectTo(302, `${PAGE}/final`), [`${PAGE}/final`]: answer() }),
    );
    await fetch(`${PAGE}/r`, withHeader('Authorization', 'Bearer t'));
    expect(server.requests()[1]?.headers.authorization).toBe('Bearer t');
  });

  test('removed on a cross-origin redirect, so the target is not asked about it', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/r`]: redirectTo(302, `${OTHER}/final`, { allowHeaders: 'authorization' }),
        [`${OTHER}/final`]: answer(),
      }),
    );
    const response = await fetch(`${API}/r`, withHeader('Authorization', 'Bearer t'));
    expect(response.status).toBe(200);
    expect(server.requests()[0]?.headers.authorization).toBe('Bearer t');
    expect(server.requests()[1]?.headers).not.toHaveProperty('authorization');
    expect(server.preflights().map((seen) => seen.url)).toEqual([`${API}/r`]);
  });

  test('removed when a same-origin request is redirected to another origin', async () => {
    const { fetch, server } = harness(
      routes({ [`${PAGE}/r`]: redirectTo(302, `${API}/final`), [`${API}/final`]: answer() }),
    );
    await fetch(`${PAGE}/r`, withHeader('Authorization', 'Bearer t'));
    expect(server.requests()[1]?.headers).not.toHaveProperty('authorization');
    expect(server.preflights()).toEqual([]);
  });

  test('other non-safelisted headers stay, and are preflighted at the new origin', async () => {
    const { fetch, server } = harness(
      routes({
        [`${PAGE}/r`]: redirectTo(302, `${API}/final`),
        [`${API}/final`]: answer({ allowHeaders: 'x-test' }),
      }),
    );
    await fetch(`${PAGE}/r`, withHeader('X-Test', '1'));
    expect(server.preflights()[0]?.headers['access-control-request-headers']).toBe('x-test');
    expect(server.requests()[1]?.headers['x-test']).toBe('1');
  });
});

describe('redirect modes', () => {
  const crossRedirect = (location: string | null, status = 302): Handler =>
    routes({ [`${API}/r`]: redirectTo(status, location), [`${API}/final`]: answer() });

  test.each(REDIRECT_STATUSES)("redirect: 'error' rejects a %i", async (status) => {
    const { fetch, server } = harness(crossRedirect(`${API}/final`, status));
    await expectRejection(fetch(`${API}/r`, { redirect: 'error' }));
    expect(server.log).toHaveLength(1);
  });

  test.each(REDIRECT_STATUSES)(
    "redirect: 'manual' gives an opaqueredirect response for a %i",
    async (status) => {
      const { fetch, server } = harness(crossRedirect(`${API}/final`, status));
      const response = await fetch(`${API}/r`, { redirect: 'manual' });
      expect(response.type).toBe('opaqueredirect');
      expect(response.status).toBe(0);
      expect(response.statusText).toBe('');
      expect(response.url).toBe(`${API}/r`);
      expect(headerNames(response)).toEqual([]);
      expect(response.body).toBeNull();
      expect(server.log).toHaveLength(1);
    },
  );

  test("redirect: 'manual' on the same origin gives an opaqueredirect response too", async () => {
    const { fetch } = harness(routes({ [`${PAGE}/r`]: redirectTo(301, `${PAGE}/final`) }));
    expect((await fetch(`${PAGE}/r`, { redirect: 'manual' })).type).toBe('opaqueredirect');
  });

  test("redirect: 'manual' still applies the CORS check to a cross-origin redirect", async () => {
    const { fetch } = harness(
      routes({ [`${API}/r`]: redirectTo(302, `${API}/final`, { allowOrigin: null }) }),
    );
    await expectRejection(fetch(`${API}/r`, { redirect: 'manual' }), 'allow-origin-missing');
  });

  test("redirect: 'manual': a redirect status without Location is still an opaqueredirect", async () => {
    const { fetch } = harness(crossRedirect(null));
    const response = await fetch(`${API}/r`, { redirect: 'manual' });
    expect(response.type).toBe('opaqueredirect');
    expect(response.status).toBe(0);
  });

  test("redirect: 'error': a redirect status without Location is still a network error", async () => {
    const { fetch } = harness(crossRedirect(null));
    await expectRejection(fetch(`${API}/r`, { redirect: 'error' }));
  });

  test("redirect: 'follow': a redirect status without Location is returned as it is", async () => {
    const { fetch, server } = harness(crossRedirect(null));
    const response = await fetch(`${API}/r`);
    expect(response.status).toBe(302);
    expect(response.type).toBe('cors');
    expect(response.redirected).toBe(false);
    expect(server.log).toHaveLength(1);
  });

  test.each([300, 304, 305, 306])(
    'status %i is not a redirect status and is not followed',
    async (status) => {
      const { fetch, server } = harness(
        routes({
          [`${API}/r`]: (request) =>
            new Response(null, {
              status,
              headers: {
                location: `${API}/final`,
                'access-control-allow-origin': request.headers.get('origin') ?? '*',
              },
            }),
        }),
      );
      const response = await fetch(`${API}/r`);
      expect(response.status).toBe(status);
      expect(server.log).toHaveLength(1);
    },
  );

  test('a relative Location resolves against the redirecting URL', async () => {
    const { fetch, server } = harness(crossRedirect('/final'));
    const response = await fetch(`${API}/r`);
    expect(response.url).toBe(`${API}/final`);
    expect(server.requests()[1]?.url).toBe(`${API}/final`);
  });

  test.each(['http://:not a valid URL', 'data:text/plain,hello', 'about:blank', 'ftp://files.example.com/x'])(
    'a redirect to %j is a network error',
    async (location) => {
      const { fetch, server } = harness(crossRedirect(location));
      await expectRejection(fetch(`${API}/r`));
      expect(server.log).toHaveLength(1);
    },
  );
});

describe('the redirect limit', () => {
  const chain =
    (base: string, redirects: number): Handler =>
    (request) => {
      const hop = Number(new URL(request.url).pathname.split('/').pop());
      if (hop < redirects) return redirectTo(302, `${base}/hop/${hop + 1}`)(request);
      return answer()(request);
    };

  test.each([PAGE, API])('20 redirects are followed (%s)', async (base) => {
    const { fetch, server } = harness(chain(base, 20));
    const response = await fetch(`${base}/hop/0`);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/hop/20`);
    expect(response.redirected).toBe(true);
    expect(server.requests()).toHaveLength(21);
  });

  test.each([PAGE, API])('the 21st redirect is a network error (%s)', async (base) => {
    const { fetch, server } = harness(chain(base, 21));
    await expectRejection(fetch(`${base}/hop/0`), 'too-many-redirects');
    expect(server.requests()).toHaveLength(21);
  });
});

describe('modes across redirects', () => {
  test('no-cors: a cross-origin redirect is followed and the result is opaque', async () => {
    const { fetch, server } = harness(
      routes({
        [`${API}/r`]: redirectTo(302, `${OTHER}/final`, { allowOrigin: null }),
        [`${OTHER}/final`]: answer(),
      }),
    );
    const response = await fetch(`${API}/r`, { mode: 'no-cors' });
    expect(response.type).toBe('opaque');
    expect(response.status).toBe(0);
    expect(server.log).toHaveLength(2);
  });

  test('no-cors: a same-origin request redirected to another origin becomes opaque', async () => {
    const { fetch } = harness(
      routes({ [`${PAGE}/r`]: redirectTo(302, `${API}/final`), [`${API}/final`]: answer() }),
    );
    expect((await fetch(`${PAGE}/r`, { mode: 'no-cors' })).type).toBe('opaque');
  });

  test('no-cors: a same-origin redirect stays basic', async () => {
    const { fetch } = harness(
      routes({ [`${PAGE}/r`]: redirectTo(302, `${PAGE}/final`), [`${PAGE}/final`]: answer() }),
    );
    expect((await fetch(`${PAGE}/r`, { mode: 'no-cors' })).type).toBe('basic');
  });

  test.each(['manual', 'error'] as const)(
    "no-cors to another origin with redirect: '%s' is a network error",
    async (redirect) => {
      const { fetch } = harness(answer());
      await expectRejection(fetch(`${API}/x`, { mode: 'no-cors', redirect }));
    },
  );

  test("no-cors on the page's own origin may use redirect: 'manual'", async () => {
    const { fetch } = harness(routes({ [`${PAGE}/r`]: redirectTo(302, `${PAGE}/final`) }));
    const response = await fetch(`${PAGE}/r`, { mode: 'no-cors', redirect: 'manual' });
    expect(response.type).toBe('opaqueredirect');
  });

  test("mode 'same-origin': a redirect to another origin is a network error", async () => {
    const { fetch, server } = harness(
      routes({ [`${PAGE}/r`]: redirectTo(302, `${API}/final`), [`${API}/final`]: answer() }),
    );
    await expectRejection(fetch(`${PAGE}/r`, { mode: 'same-origin' }));
    expect(server.log).toHaveLength(1);
  });

  test("mode 'same-origin': a same-origin redirect is followed", async () => {
    const { fetch } = harness(
      routes({ [`${PAGE}/r`]: redirectTo(302, `${PAGE}/final`), [`${PAGE}/final`]: answer() }),
    );
    const response = await fetch(`${PAGE}/r`, { mode: 'same-origin' });
    expect(response.type).toBe('basic');
    expect(response.url).toBe(`${PAGE}/final`);
  });
});

describe('stream bodies and redirects', () => {
  test.each([301, 302, 307, 308])('a %i cannot resend a streamed body: network error', async (status) => {
    const { fetch, server } = harness(
      routes({ [`${PAGE}/upload`]: redirectTo(status, `${PAGE}/final`), [`${PAGE}/final`]: answer() }),
    );
    await expectRejection(
      fetch(`${PAGE}/upload`, streamInit({ method: 'POST', body: stream(), duplex: 'half' })),
    );
    expect(server.log).toHaveLength(1);
  });

  test('a 303 drops the streamed body and follows with GET', async () => {
    const { fetch, server } = harness(
      routes({ [`${PAGE}/upload`]: redirectTo(303, `${PAGE}/final`), [`${PAGE}/final`]: answer() }),
    );
    const response = await fetch(
      `${PAGE}/upload`,
      streamInit({ method: 'POST', body: stream(), duplex: 'half' }),
    );
    expect(response.status).toBe(200);
    expect(server.requests()[1]?.method).toBe('GET');
    expect(server.requests()[1]?.body).toBeNull();
  });
});
