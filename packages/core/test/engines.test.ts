// The engine option: only what the engines really do differently from the Fetch Standard
// (Chromium's client-hint safelist and its dropping of User-Agent, the Authorization wildcard),
// and the validation of the option itself. Cache differences live in preflight-cache.test.ts.

import { classify, ENGINES } from '@corskit/core';
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

const OTHERS = ['spec', 'firefox', 'webkit'] as const;

describe('the engine option', () => {
  test('ENGINES lists the four engines, spec first', () => {
    expect(ENGINES).toEqual(['spec', 'chromium', 'firefox', 'webkit']);
  });

  test.each(['bogus', 'Chromium', 'safari', 'gecko', ''])('engine %j throws a TypeError', (engine) => {
    expectTypeError(() => classify(`${API}/x`, undefined, { origin: PAGE, engine: engine as never }));
  });

  test('no engine means the spec', () => {
    const plain = classify(`${API}/x`, withHeader('dpr', '2'), { origin: PAGE });
    expect(plain).toEqual(classifyFrom(`${API}/x`, withHeader('dpr', '2'), 'spec'));
    expect(plain.preflight).toBe(true);
  });

  test('the engines agree on everything the standard settles', () => {
    const init: RequestInit = {
      method: 'patch',
      headers: { 'X-Test': '1', Accept: 'application/json', Cookie: 'a=b', 'Content-Type': 'text/html' },
      body: 'x',
    };
    const spec = classifyFrom(`${API}/x`, init, 'spec');
    for (const engine of ENGINES) expect(classifyFrom(`${API}/x`, init, engine)).toEqual(spec);
  });
});

describe('Chromium safelists some client hints', () => {
  test.each([
    ['DPR', '2'],
    ['dpr', '1.5'],
    ['Device-Memory', '8'],
    ['device-memory', '0.5'],
    ['Width', '100'],
    ['Viewport-Width', '1280'],
    ['Downlink', '1.5'],
    ['RTT', '50'],
    ['ECT', '4g'],
    ['ect', '3g'],
    ['ect', '2g'],
    ['ect', 'slow-2g'],
    ['Save-Data', 'on'],
  ])('%s: %j needs no preflight in Chromium, and a preflight elsewhere', (name, value) => {
    const chromium = classifyFrom(`${API}/x`, withHeader(name, value), 'chromium');
    expect(chromium.preflight).toBe(false);
    expect(chromium.headers).toEqual([[name.toLowerCase(), value]]);
    for (const engine of OTHERS) {
      const other = classifyFrom(`${API}/x`, withHeader(name, value), engine);
      expect(other.preflight).toBe(true);
      expect(other.requestHeaders).toEqual([name.toLowerCase()]);
      expect(reasonCodes(other)).toEqual(['header-not-safelisted']);
    }
  });

  test.each([
    ['dpr', 'abc'],
    ['dpr', '2x'],
    ['device-memory', 'lots'],
    ['width', '100px'],
    ['rtt', 'fast'],
    ['ect', '6g'],
    ['ect', '5G'],
    ['save-data', 'off'],
    ['save-data', 'yes'],
    ['dpr', '1'.repeat(129)],
  ])('%s: %j is not a well-formed value, so Chromium preflights too', (name, value) => {
    const result = classifyFrom(`${API}/x`, withHeader(name, value), 'chromium');
    expect(result.preflight).toBe(true);
    expect(result.requestHeaders).toEqual([name]);
  });

  test('client hints are never safelisted for no-cors, even in Chromium', () => {
    const result = classifyFrom(`${API}/x`, withHeader('dpr', '2', { mode: 'no-cors' }), 'chromium');
    expect(result.dropped).toEqual(['dpr']);
  });

  test('createCorsFetch in Chromium sends dpr without a preflight; the spec engine asks first', async () => {
    const chromium = harness(answer(), { engine: 'chromium' });
    await chromium.fetch(`${API}/x`, withHeader('DPR', '2'));
    expect(chromium.server.preflights()).toEqual([]);
    expect(chromium.server.requests()[0]?.headers.dpr).toBe('2');
    const spec = harness(answer({ allowHeaders: 'dpr' }));
    await spec.fetch(`${API}/x`, withHeader('DPR', '2'));
    expect(spec.server.preflights()[0]?.headers['access-control-request-headers']).toBe('dpr');
  });
});

describe('User-Agent', () => {
  test('Chromium drops a script-set User-Agent', () => {
    const result = classifyFrom(`${API}/x`, withHeader('User-Agent', 'corskit'), 'chromium');
    expect(result.dropped).toEqual(['user-agent']);
    expect(result.headers).toEqual([]);
    expect(result.preflight).toBe(false);
  });

  test.each(OTHERS)('%s sends it, so it preflights', (engine) => {
    const result = classifyFrom(`${API}/x`, withHeader('User-Agent', 'corskit'), engine);
    expect(result.dropped).toEqual([]);
    expect(result.headers).toEqual([['user-agent', 'corskit']]);
    expect(result.requestHeaders).toEqual(['user-agent']);
  });

  test('on the wire: Chromium sends no script User-Agent and no preflight', async () => {
    const chromium = harness(answer(), { engine: 'chromium' });
    await chromium.fetch(`${API}/x`, withHeader('User-Agent', 'corskit'));
    expect(chromium.server.preflights()).toEqual([]);
    expect(chromium.server.requests()[0]?.headers['user-agent']).not.toBe('corskit');
    const firefox = harness(answer({ allowHeaders: 'user-agent' }), { engine: 'firefox' });
    await firefox.fetch(`${API}/x`, withHeader('User-Agent', 'corskit'));
    expect(firefox.server.preflights()[0]?.headers['access-control-request-headers']).toBe('user-agent');
    expect(firefox.server.requests()[0]?.headers['user-agent']).toBe('corskit');
  });
});

describe('Access-Control-Allow-Headers: * and Authorization', () => {
  test('the spec refuses: * does not cover Authorization', async () => {
    const { fetch } = harness(answer({ allowHeaders: '*' }));
    const error = await expectRejection(
      fetch(`${API}/x`, withHeader('Authorization', 'Bearer t')),
      'authorization-not-covered-by-wildcard',
    );
    expect(error.message).toContain('Authorization');
  });

  test.each(['chromium', 'firefox', 'webkit'] as const)(
    '%s still lets it through (deprecated)',
    async (engine) => {
      const { fetch, server } = harness(answer({ allowHeaders: '*' }), { engine });
      const response = await fetch(`${API}/x`, withHeader('Authorization', 'Bearer t'));
      expect(response.status).toBe(200);
      expect(server.requests()[0]?.headers.authorization).toBe('Bearer t');
    },
  );

  test.each(['spec', 'chromium', 'firefox', 'webkit'] as const)(
    '%s: * never covers anything for a credentialed request',
    async (engine) => {
      const { fetch } = harness(answer({ allowOrigin: PAGE, allowCredentials: 'true', allowHeaders: '*' }), {
        engine,
      });
      await expectRejection(
        fetch(`${API}/x`, withHeader('Authorization', 'Bearer t', { credentials: 'include' })),
      );
      await expectRejection(fetch(`${API}/x`, withHeader('X-Test', '1', { credentials: 'include' })));
    },
  );
});

describe('Firefox names a header set twice twice in Access-Control-Request-Headers', () => {
  const twice: Array<[string, string]> = [
    ['X-Twice', '1'],
    ['x-twice', '2'],
    ['X-Once', '3'],
  ];

  test('classify says what Firefox sends (x-twice,x-twice); the other engines name it once', () => {
    expect(classifyFrom(`${API}/x`, { headers: twice }, 'firefox').requestHeaders).toEqual([
      'x-once',
      'x-twice',
      'x-twice',
    ]);
    for (const engine of ['spec', 'chromium', 'webkit'] as const) {
      expect(classifyFrom(`${API}/x`, { headers: twice }, engine).requestHeaders).toEqual([
        'x-once',
        'x-twice',
      ]);
    }
  });

  // Header lists where the repeat rule matters: repeats, case variants, an entry safe on its own
  // beside an unsafe one, the 1024-byte budget, a Headers object and a Request input.
  const lists: Array<[string, () => [RequestInfo, RequestInit | undefined]]> = [
    ['a name twice, as pairs', () => [`${API}/x`, { headers: twice }]],
    [
      'Accept once safe, once not',
      () => [
        `${API}/x`,
        {
          headers: [
            ['Accept', 'a/b'],
            ['Accept', '('],
          ],
        },
      ],
    ],
    [
      'Content-Type twice, both unsafe',
      () => [
        `${API}/x`,
        {
          headers: [
            ['Content-Type', 'x/y'],
            ['Content-Type', 'a/b'],
          ],
        },
      ],
    ],
    [
      'over the 1024-byte budget',
      () => [
        `${API}/x`,
        {
          headers: [
            ['Accept', 'a'.repeat(100)],
            ['Accept', 'b'.repeat(100)],
            ...Array.from({ length: 9 }, (_, i): [string, string] => [
              `Content-Language`,
              `l${i}`.repeat(50),
            ]),
          ],
        },
      ],
    ],
    ['a Headers object', () => [`${API}/x`, { headers: new Headers(twice) }]],
    ['a Request input', () => [new Request(`${API}/x`, { headers: twice }), undefined]],
  ];

  test.each(ENGINES.flatMap((engine) => lists.map(([label, make]) => [engine, label, make] as const)))(
    '%s, %s: classify and createCorsFetch ask the same',
    async (engine, _label, make) => {
      const [input, init] = make();
      const predicted = classify(input as string | Request, init, { origin: PAGE, engine }).requestHeaders;
      const { fetch, server } = harness(answer({ allowHeaders: '*' }), { engine });
      await fetch(...make()).catch(() => {});
      const asked = server.preflights()[0]?.headers['access-control-request-headers'];
      expect(asked === undefined ? [] : asked.split(',')).toEqual(predicted);
    },
  );

  test('a Request input shows only its merged headers: x-twice once (Firefox itself repeats it)', () => {
    const request = new Request(`${API}/x`, { headers: twice });
    expect(classify(request, undefined, { origin: PAGE, engine: 'firefox' }).requestHeaders).toEqual([
      'x-once',
      'x-twice',
    ]);
  });
});
