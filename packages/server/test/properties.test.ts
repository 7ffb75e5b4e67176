// Property-based tests of the origin matcher and the config validator, checked against the WHATWG
// URL parser as an independent reference.
import { definePolicy, type PolicyConfig, PolicyError, withCors } from '@corskit/server';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { answersTo } from './helpers.js';

const RUNS = { numRuns: 400 };

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'org', 'net', 'io', 'dev'))
  .map(([labels, tld]) => [...labels, tld].join('.'));
const scheme = fc.constantFrom('http', 'https');
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });

/** A serialized origin exactly as a browser sends it (the URL parser's own output). */
const browserOrigin = fc
  .tuple(scheme, domain, port)
  .map(([s, host, p]) => new URL(`${s}://${host}${p === undefined ? '' : `:${p}`}`).origin);

/** Pieces an attacker combines: real origin parts, separators and lookalikes. */
const junkPiece = fc.constantFrom(
  'https://',
  'http://',
  'HTTPS://',
  'https:',
  '//',
  '.',
  '..',
  ':',
  ':443',
  ':80',
  ':8080',
  ':*',
  '/',
  '?',
  '#',
  '@',
  '%2e',
  '%00',
  '\\',
  ' ',
  '\t',
  '*',
  '*.',
  'example',
  'example.com',
  '.example.com',
  'evil',
  'com',
  'xn--',
  '-',
  '_',
  'а',
  'ｅ',
  '。',
  '\u200b',
  'A',
  'null',
  ',',
  '`',
);
const hostileString = fc.oneof(
  fc.array(junkPiece, { maxLength: 8 }).map((pieces) => pieces.join('')),
  fc.string({ maxLength: 40 }),
  fc
    .tuple(browserOrigin, fc.array(junkPiece, { maxLength: 3 }))
    .map(([origin, tail]) => origin + tail.join('')),
  fc
    .tuple(fc.array(junkPiece, { maxLength: 3 }), browserOrigin)
    .map(([head, origin]) => head.join('') + origin),
);

function isCanonicalOrigin(value: string): boolean {
  try {
    const origin = new URL(value).origin;
    return origin !== 'null' && origin === value;
  } catch {
    return false;
  }
}

describe('origin matcher', () => {
  test('exact origins: allowed if and only if byte-equal to a listed origin', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(browserOrigin, { minLength: 1, maxLength: 20 }),
        hostileString,
        (origins, probe) => {
          const policy = definePolicy({ origins });
          for (const origin of origins) expect(policy.allowsOrigin(origin)).toBe(true);
          expect(policy.allowsOrigin(probe)).toBe(origins.includes(probe));
        },
      ),
      RUNS,
    );
  });

  test('exact origins: every one-character change of an allowed origin is refused', () => {
    fc.assert(
      fc.property(
        browserOrigin,
        fc.nat(),
        fc.constantFrom('A', '.', '/', ':', '0', 'x', '', '-', ' '),
        (origin, at, ch) => {
          const policy = definePolicy({ origins: [origin] });
          const i = at % origin.length;
          const changed = origin.slice(0, i) + ch + origin.slice(i + 1);
          fc.pre(changed !== origin);
          expect(policy.allowsOrigin(changed)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  test('subdomain wildcards: any depth below the base, never the base, never another scheme or port', () => {
    fc.assert(
      fc.property(
        scheme,
        domain,
        fc.array(label, { minLength: 1, maxLength: 4 }),
        port,
        (s, base, sub, p) => {
          const policy = definePolicy({ origins: [`${s}://*.${base}`] });
          const subdomain = `${s}://${sub.join('.')}.${base}`;
          expect(policy.allowsOrigin(subdomain)).toBe(true);
          expect(policy.allowsOrigin(`${s}://${base}`)).toBe(false);
          expect(policy.allowsOrigin(`${s === 'https' ? 'http' : 'https'}://${sub.join('.')}.${base}`)).toBe(
            false,
          );
          expect(policy.allowsOrigin(`${s}://${sub.join('.')}${base}`)).toBe(false);
          expect(policy.allowsOrigin(`${subdomain}.evil.com`)).toBe(false);
          if (p !== undefined) expect(policy.allowsOrigin(`${subdomain}:${p}`)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  test('whatever a wildcard policy accepts is a canonical origin whose host is a strict subdomain of a base', () => {
    fc.assert(
      fc.property(domain, hostileString, fc.array(label, { maxLength: 2 }), (base, probe, sub) => {
        const policy = definePolicy({
          origins: [`https://*.${base}`, 'http://localhost:*', `https://*.${base}:*`],
        });
        for (const candidate of [
          probe,
          `https://${sub.join('.')}${probe}`,
          `${probe}.${base}`,
          `https://${probe}.${base}`,
        ]) {
          if (!policy.allowsOrigin(candidate)) continue;
          expect(isCanonicalOrigin(candidate), candidate).toBe(true);
          const { hostname, protocol } = new URL(candidate);
          const underBase = protocol === 'https:' && hostname.endsWith(`.${base}`);
          expect(underBase || hostname === 'localhost', candidate).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('port wildcards: any port of that host, default included; nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), hostileString, (p, probe) => {
        const policy = definePolicy({ origins: ['http://localhost:*'] });
        expect(policy.allowsOrigin(new URL(`http://localhost:${p}`).origin)).toBe(true);
        expect(policy.allowsOrigin(`https://localhost:${p}`)).toBe(false);
        expect(policy.allowsOrigin(`http://localhost:0${p}`)).toBe(false);
        if (policy.allowsOrigin(probe)) {
          expect(isCanonicalOrigin(probe)).toBe(true);
          expect(new URL(probe).hostname).toBe('localhost');
        }
      }),
      RUNS,
    );
  });
});

describe('validator', () => {
  test('accepts every origin the URL parser serializes, which it then allows', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const origin = new URL(url).origin;
        fc.pre(origin !== 'null' && !new URL(url).hostname.endsWith('.'));
        const policy = definePolicy({ origins: [origin] });
        expect(policy.allowsOrigin(origin)).toBe(true);
      }),
      RUNS,
    );
  });

  test('accepts an origin string only if it is canonical (or a well-formed pattern); else one problem for it', () => {
    fc.assert(
      fc.property(hostileString, (entry) => {
        let accepted = true;
        try {
          definePolicy({ origins: [entry] });
        } catch (error) {
          expect(error).toBeInstanceOf(PolicyError);
          expect((error as PolicyError).problems).toHaveLength(1);
          accepted = false;
        }
        if (accepted && !entry.includes('*')) expect(isCanonicalOrigin(entry), entry).toBe(true);
        if (accepted && entry.includes('*'))
          expect(entry).toMatch(/^https?:\/\/(\*\.)?[a-z0-9.-]+(:(\*|\d+))?$/);
      }),
      RUNS,
    );
  });

  test('n bad origins give n problems, whatever else is in the list', () => {
    fc.assert(
      fc.property(
        fc.array(browserOrigin, { maxLength: 5 }),
        fc.array(fc.constantFrom('null', '*', 'https://a.com/', 'x'), { minLength: 1, maxLength: 5 }),
        (good, bad) => {
          try {
            definePolicy({ origins: [...good, ...bad] });
            expect.unreachable();
          } catch (error) {
            expect((error as PolicyError).problems).toHaveLength(bad.length);
          }
        },
      ),
      RUNS,
    );
  });

  test('any value of any type for any option gives a policy or a PolicyError, never another error', () => {
    const option = fc.constantFrom(
      'origins',
      'methods',
      'requestHeaders',
      'exposeHeaders',
      'credentials',
      'maxAge',
      'privateNetworkAccess',
      'debug',
      'filterOrigin',
      'dangerouslyAllowCredentialsWithAnyOrigin',
      'dangerouslyAllowInsecureOrigins',
      'other',
    );
    fc.assert(
      fc.property(
        fc.dictionary(option, fc.anything({ withBigInt: true, withMap: true, withSet: true })),
        (config) => {
          try {
            definePolicy(config as unknown as PolicyConfig);
          } catch (error) {
            expect(error).toBeInstanceOf(PolicyError);
          }
        },
      ),
      RUNS,
    );
  });

  test('no accepted policy ever sends Allow-Origin: * together with Allow-Credentials', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          origins: fc.oneof(
            fc.constant('*' as const),
            fc.array(browserOrigin, { minLength: 1, maxLength: 3 }),
          ),
          credentials: fc.boolean(),
          exposeHeaders: fc.oneof(fc.constant(undefined), fc.constant('*' as const), fc.constant(['X-A'])),
        }),
        hostileString,
        async (config, origin) => {
          let policy: ReturnType<typeof definePolicy>;
          try {
            policy = definePolicy(config);
          } catch {
            return;
          }
          const request = new Request('https://api.example/', {
            headers:
              /^[\x20-\x7e]*$/.test(origin) && origin.trim() === origin && origin !== '' ? { origin } : {},
          });
          const response = await withCors(policy, () => new Response('x'))(request);
          const wildcard = response.headers.get('access-control-allow-origin') === '*';
          expect(wildcard && response.headers.has('access-control-allow-credentials')).toBe(false);
          expect(
            wildcard && response.headers.get('access-control-expose-headers') === '*' && config.credentials,
          ).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Every kind of config that can allow an origin, with and without credentials. */
const anyConfig: fc.Arbitrary<PolicyConfig> = fc.oneof(
  fc.constant({ origins: '*', credentials: true, dangerouslyAllowCredentialsWithAnyOrigin: true } as const),
  fc.constant({ origins: '*' } as const),
  fc.constant({ origins: '*', exposeHeaders: ['X-A'] } as const),
  fc.record({
    origins: fc.uniqueArray(
      fc.oneof(
        browserOrigin,
        fc.constantFrom('https://*.a.example', 'http://localhost:*', 'https://*.b.example:*'),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    credentials: fc.boolean(),
    dangerouslyAllowInsecureOrigins: fc.constant(true),
  }),
  fc.constant({
    origins: '*',
    credentials: true,
    dangerouslyAllowCredentialsWithAnyOrigin: true,
    filterOrigin: () => true,
  } as const),
);

/** What an Origin header can carry (printable, no surrounding space), near-origins first. */
const headerValue = fc
  .oneof(hostileString, fc.constantFrom('*', 'null', 'not an origin', 'chrome-extension://abc', 'file://'))
  .filter((value) => /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value));

describe('reflection', () => {
  test('no config reflects, or says it allows, a string that is not a serialized origin', async () => {
    await fc.assert(
      fc.asyncProperty(anyConfig, headerValue, async (settings, value) => {
        const policy = definePolicy(settings);
        const wildcard = settings.origins === '*' && settings.credentials !== true;
        if (policy.allowsOrigin(value)) {
          expect(isCanonicalOrigin(value) || (wildcard && value === 'null'), value).toBe(true);
        }
        for (const response of await answersTo(policy, value)) {
          const allowOrigin = response.headers.get('access-control-allow-origin');
          if (allowOrigin === null) continue;
          if (allowOrigin === '*') {
            expect(response.headers.has('access-control-allow-credentials')).toBe(false);
            continue;
          }
          expect(allowOrigin).toBe(value);
          expect(isCanonicalOrigin(value), value).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });
});
