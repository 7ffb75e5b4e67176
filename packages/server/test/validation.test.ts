import { definePolicy, type PolicyConfig, PolicyError } from '@corskit/server';
import { describe, expect, test } from 'vitest';

/** The PolicyError definePolicy throws for `config` (fails the test if it does not throw one). */
function problemsOf(config: unknown): readonly string[] {
  try {
    definePolicy(config as PolicyConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    const policyError = error as PolicyError;
    for (const problem of policyError.problems) expect(policyError.message).toContain(problem);
    return policyError.problems;
  }
  throw new Error(`definePolicy accepted ${JSON.stringify(config)}`);
}

function expectOneProblem(config: unknown, fragment: string | RegExp): void {
  const problems = problemsOf(config);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(fragment);
}

describe('definePolicy accepts', () => {
  test.each<[string, PolicyConfig]>([
    ['one exact origin', { origins: ['https://app.example.com'] }],
    ['a port', { origins: ['https://app.example.com:8443'] }],
    ['subdomain and port wildcards', { origins: ['https://*.example.com', 'http://localhost:*'] }],
    ['a subdomain wildcard with any port', { origins: ['https://*.example.com:*'] }],
    ['IPv4 and IPv6 loopback', { origins: ['http://127.0.0.1:3000', 'http://[::1]:8080'] }],
    ['punycode', { origins: ['https://xn--bcher-kva.example'] }],
    ['any origin without credentials', { origins: '*', requestHeaders: '*', exposeHeaders: '*' }],
    [
      'a full credentialed config',
      {
        origins: ['https://app.example.com', 'http://localhost:5173'],
        methods: ['PUT', 'DELETE', 'PATCH', 'patch', 'QUERY'],
        requestHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
        exposeHeaders: ['X-Request-Id', 'Content-Length'],
        credentials: true,
        maxAge: 600,
        privateNetworkAccess: true,
        debug: false,
      },
    ],
    ['maxAge 0 and 86400', { origins: ['https://a.example'], maxAge: 0 }],
    ['maxAge 86400', { origins: ['https://a.example'], maxAge: 86400 }],
    ['any method', { origins: ['https://a.example'], methods: ['*'] }],
    [
      'opted-in dangers',
      {
        origins: ['http://intranet.example'],
        credentials: true,
        dangerouslyAllowInsecureOrigins: true,
      },
    ],
    [
      'opted-in any origin with credentials',
      { origins: '*', credentials: true, dangerouslyAllowCredentialsWithAnyOrigin: true },
    ],
  ])('%s', (_name, config) => {
    const policy = definePolicy(config);
    expect(policy.config).toEqual(config);
  });

  test('keeps the config as given but frozen, so later edits cannot desync it', () => {
    const origins = ['https://app.example.com'];
    const policy = definePolicy({ origins });
    origins.push('https://evil.example');
    expect(policy.config.origins).toEqual(['https://app.example.com']);
    expect(policy.allowsOrigin('https://evil.example')).toBe(false);
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.config)).toBe(true);
  });
});

describe('definePolicy refuses origins', () => {
  test.each<[string, string | RegExp]>([
    ['null', /opaque origin/],
    ['*', /origins: '\*'/],
    ['', /empty string/],
    ['app.example.com', /no scheme; write https:\/\/app\.example\.com/],
    ['https://app.example.com/', /ends with a slash.*write https:\/\/app\.example\.com\./],
    ['https://app.example.com/api', /path, query or fragment/],
    ['https://app.example.com?x=1', /path, query or fragment/],
    ['https://app.example.com#top', /path, query or fragment/],
    ['https://user@app.example.com', /userinfo/],
    ['https://user:pass@app.example.com', /userinfo/],
    [' https://app.example.com', /whitespace/],
    ['https://app.example.com ', /whitespace/],
    ['https://app.exa mple.com', /whitespace/],
    ['https://app.example.com\t', /whitespace/],
    ['https://app.example.com\u00a0', /whitespace/],
    ['https://app.example.com:443', /default port 443.*write https:\/\/app\.example\.com\./],
    ['http://app.example.com:80', /default port 80/],
    ['https://app.example.com:0443', /default port 443/],
    ['https://app.example.com:65536', /outside 1-65535/],
    ['https://app.example.com:0', /outside 1-65535/],
    ['https://app.example.com:08443', /write https:\/\/app\.example\.com:8443/],
    ['https://app.example.com:', /names no port/],
    ['https://app.example.com:https', /not a number/],
    ['HTTPS://app.example.com', /write https:\/\/app\.example\.com/],
    ['https://App.Example.com', /write https:\/\/app\.example\.com/],
    ['https://bücher.example', /write https:\/\/xn--bcher-kva\.example/],
    ['http://127.1', /write http:\/\/127\.0\.0\.1/],
    ['https://app.example.com.', /ends its host with a dot/],
    ['ftp://files.example.com', /not an http or https origin/],
    ['file://', /not an http or https origin/],
    ['chrome-extension://abcdef', /not an http or https origin/],
    ['https://*example.com', /malformed wildcard/],
    ['https://foo.*.example.com', /malformed wildcard/],
    ['https://*.*.example.com', /malformed wildcard/],
    ['https://*', /malformed wildcard/],
    ['https://example.*', /malformed wildcard/],
    ['https://*.com', /top-level domain/],
    ['https://*.github.io', /public suffix github\.io/],
    ['https://*.co.uk', /public suffix co\.uk/],
    ['https://*.127.0.0.1', /IP address/],
    ['https://*.Example.com', /write https:\/\/\*\.example\.com/],
    ['https://app.example.com:*:*', /more than one port separator/],
    ['https://[::1', /unclosed IPv6/],
    ['https://exa_mple..com', /empty label/],
    ['https://.example.com', /empty label/],
    [`https://${'a'.repeat(300)}.com`, /longer than any origin/],
  ])('%j', (origin, fragment) => {
    expectOneProblem({ origins: [origin] }, fragment);
  });

  test('no origins at all', () => {
    expectOneProblem({ origins: [] }, /list is empty/);
    expectOneProblem({}, /origins: missing/);
  });

  test('non-string entries and wrong types give problems, not crashes', () => {
    for (const origins of [42, 'https://app.example.com', null, { 0: 'https://a.example' }, true]) {
      expectOneProblem({ origins }, /origins: .* is neither a list of origins nor '\*'/);
    }
    const problems = problemsOf({ origins: [42, null, undefined, ['https://a.example'], Symbol('x')] });
    expect(problems).toHaveLength(5);
    for (const problem of problems) expect(problem).toMatch(/is not a string/);
  });
});

describe('definePolicy refuses insecure combinations', () => {
  test("'*' with credentials unless opted in", () => {
    expectOneProblem({ origins: '*', credentials: true }, /dangerouslyAllowCredentialsWithAnyOrigin/);
  });

  test('plain-http non-loopback origins with credentials unless opted in', () => {
    const problem = problemsOf({
      origins: [
        'http://app.example.com',
        'http://*.example.org',
        'http://localhost:3000',
        'http://127.0.0.1:*',
      ],
      credentials: true,
    });
    expect(problem).toHaveLength(1);
    expect(problem[0]).toContain('"http://app.example.com", "http://*.example.org" are plain http');
    expect(problem[0]).not.toContain('localhost');
  });

  test('plain-http origins without credentials are fine', () => {
    expect(() => definePolicy({ origins: ['http://app.example.com'] })).not.toThrow();
  });

  test('private network access with any origin or insecure origins', () => {
    expectOneProblem({ origins: '*', privateNetworkAccess: true }, /every website on the internet/);
    expectOneProblem(
      { origins: ['http://app.example.com'], privateNetworkAccess: true },
      /private network access/,
    );
  });

  test('the opt-ins must be real booleans', () => {
    const problems = problemsOf({
      origins: '*',
      credentials: true,
      dangerouslyAllowCredentialsWithAnyOrigin: 'yes',
    });
    expect(problems).toEqual([
      expect.stringMatching(/dangerouslyAllowCredentialsWithAnyOrigin: "yes" is not true or false/),
      expect.stringMatching(/credentials: true would let every website/),
    ]);
  });
});

describe('definePolicy refuses methods, headers and max-age', () => {
  test.each<[unknown, RegExp]>([
    [['CONNECT'], /CONNECT is a forbidden method/],
    [['trace'], /trace is a forbidden method/],
    [['TRACK'], /TRACK is a forbidden method/],
    [['GET POST'], /not an HTTP method token/],
    [['PUT,DELETE'], /not an HTTP method token/],
    [[''], /not an HTTP method token/],
    [[42], /not an HTTP method token/],
    [['delete'], /write DELETE/],
    [['Put'], /write PUT/],
    [['*', 'PUT'], /cannot be combined/],
    ['PUT', /not a list of strings/],
    [['X'.repeat(65)], /longer than 64/],
  ])('methods: %j', (methods, fragment) => {
    expectOneProblem({ origins: ['https://a.example'], methods }, fragment);
  });

  test.each<[unknown, RegExp]>([
    [['Cookie'], /Cookie is a forbidden request header/],
    [['sec-fetch-mode'], /forbidden request header/],
    [['Proxy-Authorization'], /forbidden request header/],
    [['Origin'], /forbidden request header/],
    [['Access-Control-Request-Headers'], /forbidden request header/],
    [['X Custom'], /not a header name/],
    [['x-ok:'], /not a header name/],
    [['*'], /write requestHeaders: '\*'/],
    [[null], /not a header name/],
    ['content-type', /not a list of strings/],
  ])('requestHeaders: %j', (requestHeaders, fragment) => {
    expectOneProblem({ origins: ['https://a.example'], requestHeaders }, fragment);
  });

  test.each<[unknown, boolean, RegExp]>([
    [['Set-Cookie'], false, /Set-Cookie can never be read/],
    [['set-cookie2'], false, /can never be read/],
    ['*', true, /exposes nothing on credentialed requests/],
    [['X-Ok', '*'], false, /write exposeHeaders: '\*'/],
    [['X Bad'], false, /not a header name/],
    [7, false, /not a list of strings/],
  ])('exposeHeaders: %j (credentials %s)', (exposeHeaders, credentials, fragment) => {
    expectOneProblem({ origins: ['https://a.example'], exposeHeaders, credentials }, fragment);
  });

  test.each([-1, 1.5, 86401, Number.NaN, Number.POSITIVE_INFINITY, '600', null, 10 ** 9])(
    'maxAge: %s',
    (maxAge) => {
      expectOneProblem(
        { origins: ['https://a.example'], maxAge },
        /maxAge: .* is not a whole number of seconds from 0 to 86400/,
      );
    },
  );
});

describe('PolicyError', () => {
  test('lists every problem at once, one message line each', () => {
    const problems = problemsOf({
      origins: ['null', 'https://app.example.com/', 'https://*.com', 'http://insecure.example'],
      methods: ['TRACE', 'delete'],
      requestHeaders: ['Cookie'],
      exposeHeaders: ['Set-Cookie'],
      credentials: true,
      maxAge: -5,
      origin: 'https://typo.example',
    });
    expect(problems).toHaveLength(10);
    expect(problems[0]).toMatch(/Unknown option "origin"; did you mean origins\?/);
  });

  test('the message counts problems and quotes each', () => {
    try {
      definePolicy({ origins: ['null'], maxAge: -1 });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/^Invalid CORS policy \(2 problems\):\n {2}- origins: "null"/);
      expect((error as Error).name).toBe('PolicyError');
    }
  });

  test('wrong JS types anywhere give a PolicyError, never a crash', () => {
    for (const config of [undefined, null, 42, 'https://a.example', ['https://a.example'], () => {}]) {
      expectOneProblem(config, /must be an object/);
    }
    const problems = problemsOf({
      origins: 1,
      methods: {},
      requestHeaders: 2,
      exposeHeaders: true,
      credentials: 'true',
      maxAge: '7200',
      privateNetworkAccess: 1,
      debug: 'yes',
      filterOrigin: 'https://a.example',
    });
    expect(problems).toHaveLength(9);
  });

  test('options other libraries use get a pointer to ours', () => {
    const problems = problemsOf({
      origins: ['https://a.example'],
      allowedHeaders: ['x'],
      exposedHeaders: ['y'],
      allowMethods: ['PUT'],
      preflightContinue: true,
    });
    expect(problems).toEqual([
      'Unknown option "allowedHeaders"; did you mean requestHeaders?',
      'Unknown option "exposedHeaders"; did you mean exposeHeaders?',
      'Unknown option "allowMethods"; did you mean methods?',
      'Unknown option "preflightContinue".',
    ]);
  });
});
