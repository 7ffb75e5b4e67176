// Whatever the config, the policy reflects only an Origin a browser could have sent: a serialized
// http(s) origin, exactly as the WHATWG URL parser writes it. `null` is reflected by no config.
import { definePolicy, type PolicyConfig, withCors } from '@corskit/server';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

const ANY_WITH_CREDENTIALS = {
  origins: '*',
  credentials: true,
  dangerouslyAllowCredentialsWithAnyOrigin: true,
} as const;

/** A serialized tuple origin, checked against the URL parser as an independent reference. */
function isSerializedOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?$/);
const host = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => `${labels.join('.')}.example`),
  fc.constantFrom('localhost', '127.0.0.1', '[::1]', 'app.example.com'),
);
const origin = fc
  .tuple(fc.constantFrom('http', 'https'), host, fc.option(fc.integer({ min: 1, max: 65535 })))
  .map(([scheme, name, port]) => new URL(`${scheme}://${name}${port === null ? '' : `:${port}`}`).origin);

const piece = fc.constantFrom(
  '*',
  'null',
  'https://',
  'http://',
  'HTTPS://',
  'https:',
  '//',
  ':',
  ':443',
  ':80',
  ':*',
  '/',
  '?',
  '#',
  '@',
  '%2e',
  '\\',
  ' ',
  '.',
  'example',
  'app.example.com',
  'chrome-extension://',
  'file://',
  'not an origin',
  ',',
  'A',
  'а',
  '\u200b',
  '[',
  ']',
  '::1',
);
/** Printable strings (the ones an Origin header can carry), near-origins first. */
const probe = fc
  .oneof(
    fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join('')),
    fc.tuple(origin, fc.array(piece, { maxLength: 3 })).map(([o, tail]) => o + tail.join('')),
    fc.tuple(fc.array(piece, { maxLength: 2 }), origin).map(([head, o]) => head.join('') + o),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
  )
  .filter((value) => /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value));

/** Every kind of config that can allow an origin, with and without credentials. */
const config: fc.Arbitrary<PolicyConfig> = fc.oneof(
  fc.constant(ANY_WITH_CREDENTIALS),
  fc.constant({ origins: '*' } as const),
  fc.record({ origins: fc.constant('*' as const), exposeHeaders: fc.constant(['X-A']) }),
  fc.record({
    origins: fc.uniqueArray(
      fc.oneof(origin, fc.constantFrom('https://*.a.example', 'http://localhost:*', 'https://*.b.example:*')),
      { minLength: 1, maxLength: 4 },
    ),
    credentials: fc.boolean(),
    dangerouslyAllowInsecureOrigins: fc.constant(true),
  }),
  fc.constant({ ...ANY_WITH_CREDENTIALS, filterOrigin: () => true }),
);

async function answersTo(policy: ReturnType<typeof definePolicy>, value: string): Promise<Response[]> {
  const handler = withCors(policy, () => new Response('x'));
  const url = 'https://api.example.net/items';
  return [
    await handler(new Request(url, { headers: { origin: value } })),
    await handler(
      new Request(url, {
        method: 'OPTIONS',
        headers: { origin: value, 'access-control-request-method': 'GET' },
      }),
    ),
  ];
}

describe('origin reflection', () => {
  test.each([
    '*',
    'null',
    'not an origin',
    'https://app.example.com/',
    'HTTPS://APP.EXAMPLE.COM',
    'https://app.example.com:443',
  ])("origins: '*' with credentials does not reflect %j", async (value) => {
    const policy = definePolicy(ANY_WITH_CREDENTIALS);
    expect(policy.allowsOrigin(value)).toBe(false);
    for (const response of await answersTo(policy, value)) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  test("origins: '*' with credentials still reflects serialized origins", async () => {
    const policy = definePolicy(ANY_WITH_CREDENTIALS);
    for (const value of [
      'https://anyone.example',
      'http://localhost:5173',
      'https://[::1]:8443',
      'http://10.0.0.1',
    ]) {
      expect(policy.allowsOrigin(value), value).toBe(true);
      const [actual, preflight] = await answersTo(policy, value);
      expect(actual!.headers.get('access-control-allow-origin')).toBe(value);
      expect(preflight!.headers.get('access-control-allow-origin')).toBe(value);
    }
  });

  test("origins: '*' without credentials allows every serialized origin and null (it sends *, never reflects)", () => {
    const policy = definePolicy({ origins: '*' });
    expect(policy.allowsOrigin('https://anyone.example')).toBe(true);
    expect(policy.allowsOrigin('null')).toBe(true);
    expect(policy.allowsOrigin('*')).toBe(false);
    expect(policy.allowsOrigin('not an origin')).toBe(false);
  });

  test('no config reflects, or says it allows, a string that is not a serialized origin', async () => {
    await fc.assert(
      fc.asyncProperty(config, probe, async (settings, value) => {
        const policy = definePolicy(settings);
        const wildcard = settings.origins === '*' && settings.credentials !== true;
        if (policy.allowsOrigin(value)) {
          expect(isSerializedOrigin(value) || (wildcard && value === 'null'), value).toBe(true);
        }
        for (const response of await answersTo(policy, value)) {
          const allowOrigin = response.headers.get('access-control-allow-origin');
          if (allowOrigin === null) continue;
          if (allowOrigin === '*') {
            expect(response.headers.has('access-control-allow-credentials')).toBe(false);
            continue;
          }
          expect(allowOrigin).toBe(value);
          expect(isSerializedOrigin(value), value).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });
});
