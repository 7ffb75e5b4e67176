// The conformance corpus: cross-origin fetch() calls, the server behaviour each one meets, and what
// the page reads back. Plain data (the builders only assemble it), so it goes to the page as JSON.
import {
  ALLOW_ANY_PREFLIGHT,
  ALLOW_PAGE,
  answer,
  type CaseOptions,
  type HeaderList,
  OK,
  routeUrl,
  sequence,
  single,
  slug,
} from './case-builders.ts';
import type { Answer, BodySpec, RequestSpec, Step, TestCase } from './types.ts';

const TEXT_BODY = { kind: 'string', text: 'hello' } as const;
/** A stream body as fetch() takes one (`duplex: 'half'`). */
const STREAM_UPLOAD: RequestSpec = { body: { kind: 'stream', chunks: ['hi'] }, duplex: 'half' };

// ---------------------------------------------------------------------------------------------
// Methods: which are sent as is, which are normalized, which preflight, which throw.

const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'QUERY',
  'get',
  'head',
  'post',
  'put',
  'delete',
  'patch',
  'options',
  'foo',
  'CONNECT',
  'TRACE',
  'TRACK',
  'connect',
  'TrAcE',
];

const methodSlug = (method: string) => {
  const lower = method.toLowerCase();
  if (method === method.toUpperCase()) return lower;
  return method === lower ? `${lower}-lowercase` : `${lower}-mixedcase`;
};

const methodCases: TestCase[] = [
  ...METHODS.map((method) =>
    single(`method-${methodSlug(method)}`, 'method', `fetch with method ${method}`, { method }),
  ),
  single('method-invalid-space', 'method', 'a method that is not a token', { method: 'GE T' }),
  single('method-invalid-empty', 'method', 'an empty method', { method: '' }),
  single('method-invalid-paren', 'method', 'a method with a delimiter', { method: 'GET(' }),
];

// ---------------------------------------------------------------------------------------------
// CORS-safelisted request headers, with values inside and outside their rules.

const A128 = 'a'.repeat(128);
const A129 = 'a'.repeat(129);

/** [id suffix, value] pairs per safelisted header. */
const SAFELISTED_VALUES: Record<string, Array<[string, string]>> = {
  Accept: [
    ['json', 'application/json'],
    ['any', '*/*'],
    ['list', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8'],
    ['empty', ''],
    ['quote', 'application/"json"'],
    ['brace', 'application/{json}'],
    ['at', 'user@example'],
    ['colon', 'urn:x'],
    ['angle', 'text/<html>'],
    ['paren', 'text/(html)'],
    ['backslash', 'text\\html'],
    ['tab', 'text/html\tx'],
    ['del', 'a\u007fb'],
    ['control', 'a\u0001b'],
    ['latin1', 'text/caf\u00e9'],
    ['latin1-ff', 'text/\u00ff'],
    ['len-128', A128],
    ['len-129', A129],
  ],
  'Accept-Language': [
    ['simple', 'en-US'],
    ['list', 'de-CH,de;q=0.9,en;q=0.8'],
    ['star', '*'],
    ['space', 'en US'],
    ['empty', ''],
    ['underscore', 'en_US'],
    ['slash', 'en/US'],
    ['colon', 'en:US'],
    ['quote', '"en"'],
    ['len-128', 'e'.repeat(128)],
    ['len-129', 'e'.repeat(129)],
  ],
  'Content-Language': [
    ['simple', 'de'],
    ['list', 'de, en-GB'],
    ['params', 'de;q=1'],
    ['bang', 'de!'],
    ['at', 'de@x'],
    ['len-129', 'd'.repeat(129)],
  ],
  'Content-Type': [
    ['text-plain', 'text/plain'],
    ['text-plain-charset', 'text/plain;charset=utf-8'],
    ['text-plain-upper', 'TEXT/PLAIN'],
    ['form-urlencoded', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data'],
    ['multipart-boundary', 'multipart/form-data; boundary=abc'],
    ['param-spaces', 'text/plain ; charset=utf-8'],
    ['trailing-semicolon', 'text/plain;'],
    ['surrounding-spaces', ' text/plain '],
    ['json', 'application/json'],
    ['json-charset', 'application/json; charset=utf-8'],
    ['text-csv', 'text/csv'],
    ['three-parts', 'text/plain/x'],
    ['no-subtype', 'text'],
    ['empty', ''],
    ['two-types', 'text/plain, application/json'],
    ['quoted-param', 'text/plain; charset="utf-8"'],
    ['brace-param', 'text/plain; a={b}'],
    ['len-129', `text/plain; x=${'a'.repeat(115)}`],
    ['latin1-param', 'text/plain; charset=caf\u00e9'],
    ['leading-space-subtype', 'text/ plain'],
  ],
  Range: [
    ['open', 'bytes=0-'],
    ['closed', 'bytes=0-10'],
    ['zero', 'bytes=0-0'],
    ['leading-zeros', 'bytes=00-01'],
    ['trailing-space', 'bytes=0-10 '],
    ['suffix', 'bytes=-5'],
    ['reversed', 'bytes=1-0'],
    ['multiple', 'bytes=0-1,3-4'],
    ['space-around-eq', 'bytes = 0-1'],
    ['space-after-eq', 'bytes= 0-1'],
    ['space-in-range', 'bytes=0 - 1'],
    ['upper-unit', 'BYTES=0-1'],
    ['other-unit', 'items=0-1'],
    ['huge', 'bytes=0-99999999999999999999'],
    ['int64-max-minus-one', 'bytes=0-9223372036854775806'],
    ['int64-max', 'bytes=0-9223372036854775807'],
    ['int64-max-plus-one', 'bytes=0-9223372036854775808'],
    ['uint64-max', 'bytes=0-18446744073709551615'],
    ['uint64-max-plus-one', 'bytes=0-18446744073709551616'],
    ['upper-unit-spaces', 'BYTES = 0-1'],
  ],
};

const safelistedCases: TestCase[] = Object.entries(SAFELISTED_VALUES).flatMap(([name, values]) =>
  values.map(([suffix, value]) => {
    const withBody = name === 'Content-Type';
    return single(
      `safelisted-${slug(name)}-${suffix}`,
      'safelisted-header',
      `${name}: ${JSON.stringify(value)}`,
      withBody ? { method: 'POST', headers: [[name, value]], body: TEXT_BODY } : { headers: [[name, value]] },
      { record: [name.toLowerCase()] },
    );
  }),
);

const safelistedSizeCases: TestCase[] = [
  single(
    'safelisted-accept-twenty-entries',
    'safelisted-header',
    'Accept appended twenty times with 100 bytes each: 2000 bytes in total, each entry safe',
    {
      headers: Array.from({ length: 20 }, (_, i): [string, string] => ['Accept', String(i % 10).repeat(100)]),
    },
    { record: ['accept'] },
  ),
  single(
    'safelisted-language-two-entries-over-128',
    'safelisted-header',
    'Accept-Language appended twice: each value under 128 bytes, combined over',
    {
      headers: [
        ['Accept-Language', 'e'.repeat(100)],
        ['Accept-Language', 'f'.repeat(100)],
      ],
    },
    { record: ['accept-language'] },
  ),
  single(
    'safelisted-total-under-1024',
    'safelisted-header',
    'three safelisted headers of 128 bytes each',
    {
      headers: [
        ['Accept', A128],
        ['Accept-Language', 'e'.repeat(128)],
        ['Content-Language', 'd'.repeat(128)],
      ],
    },
    { record: ['accept', 'accept-language', 'content-language'] },
  ),
  single(
    'safelisted-accept-appended-small',
    'safelisted-header',
    'Accept appended twice, combined value short',
    {
      headers: [
        ['Accept', 'text/html'],
        ['Accept', 'application/json'],
      ],
    },
    { record: ['accept'] },
  ),
  single(
    'safelisted-accept-appended-over-128',
    'safelisted-header',
    'Accept appended twice: each value under 128 bytes, combined over',
    {
      headers: [
        ['Accept', 'a'.repeat(100)],
        ['Accept', 'b'.repeat(100)],
      ],
    },
    { record: ['accept'] },
  ),
  single(
    'safelisted-total-over-1024',
    'safelisted-header',
    'Accept appended nine times with 120 bytes each: over 1024 bytes in total',
    { headers: Array.from({ length: 9 }, (_, i): [string, string] => ['Accept', String(i).repeat(120)]) },
    { record: ['accept'] },
  ),
  single(
    'safelisted-content-type-appended',
    'safelisted-header',
    'Content-Type appended twice: text/plain then text/html',
    {
      method: 'POST',
      headers: [
        ['Content-Type', 'text/plain'],
        ['Content-Type', 'text/html'],
      ],
      body: TEXT_BODY,
    },
    { record: ['content-type'] },
  ),
  single(
    'safelisted-good-accept-with-custom',
    'safelisted-header',
    'a good Accept beside a custom header: only the custom one is requested',
    {
      headers: [
        ['Accept', 'application/json'],
        ['X-A', '1'],
      ],
    },
    { record: ['accept', 'x-a'] },
  ),
  single(
    'safelisted-bad-accept-with-custom',
    'safelisted-header',
    'a bad Accept beside a custom header: both are requested',
    {
      headers: [
        ['Accept', 'a@b'],
        ['X-A', '1'],
      ],
    },
    { record: ['accept', 'x-a'] },
  ),
  single(
    'safelisted-content-type-get',
    'safelisted-header',
    'a non-safelisted Content-Type on a GET without body',
    { headers: [['Content-Type', 'application/json']] },
    { record: ['content-type'] },
  ),
];

// ---------------------------------------------------------------------------------------------
// Headers that are not safelisted (in the spec), including Chromium's client hints.

const CLIENT_HINTS: Array<[string, string[]]> = [
  ['DPR', ['2', '2.5', 'abc', '-1']],
  ['Downlink', ['10', '1.5', 'fast']],
  ['Save-Data', ['on', 'off', 'yes']],
  ['Viewport-Width', ['1024', '-1', '1.5', 'wide']],
  ['Width', ['300', 'wide']],
  ['Device-Memory', ['8', '0.5', 'lots']],
  ['RTT', ['50', '1.5', 'slow']],
  ['ECT', ['4g', 'slow-2g', '5g', '4G']],
];

const headerCases: TestCase[] = [
  ...(
    [
      ['x-api-key', [['X-Api-Key', 'secret']]],
      ['authorization', [['Authorization', 'Bearer abc']]],
      ['x-requested-with', [['X-Requested-With', 'XMLHttpRequest']]],
      ['cache-control', [['Cache-Control', 'no-cache']]],
      ['if-none-match', [['If-None-Match', '"abc"']]],
      ['empty-value', [['X-Empty', '']]],
      [
        'two-sorted',
        [
          ['X-B', '1'],
          ['X-A', '2'],
        ],
      ],
      [
        'same-name-twice',
        [
          ['X-A', '1'],
          ['x-a', '2'],
        ],
      ],
      [
        'mixed-case-names',
        [
          ['X-Zeta', '1'],
          ['x-alpha', '2'],
          ['X-MIDDLE', '3'],
        ],
      ],
      ['user-agent', [['User-Agent', 'corskit-test/1.0']]],
    ] as Array<[string, HeaderList]>
  ).map(([suffix, headers]) =>
    single(
      `header-${suffix}`,
      'header',
      `request header ${headers.map(([n]) => n).join(', ')}`,
      { headers },
      {
        record: [...new Set(headers.map(([name]) => name.toLowerCase()))],
      },
    ),
  ),
  ...CLIENT_HINTS.flatMap(([name, values]) =>
    values.map((value) =>
      single(
        `client-hint-${slug(name)}-${slug(value)}${value === value.toLowerCase() ? '' : '-upper'}`,
        'client-hint',
        `client hint ${name}: ${value}`,
        { headers: [[name, value]] },
        { record: [name.toLowerCase()] },
      ),
    ),
  ),
];

// ---------------------------------------------------------------------------------------------
// Forbidden request headers: browsers drop them silently (and so never preflight for them).

const FORBIDDEN: Array<[string, string, string, boolean]> = [
  // [id suffix, name, value, whether the server records the value]
  ['cookie', 'Cookie', 'a=b', true],
  ['host', 'Host', 'example.com', false],
  ['sec-foo', 'Sec-Foo', '1', true],
  ['proxy-foo', 'Proxy-Foo', '1', true],
  ['origin', 'Origin', 'http://evil.example', false],
  ['referer', 'Referer', 'http://evil.example/', false],
  ['accept-charset', 'Accept-Charset', 'utf-8', true],
  ['accept-encoding', 'Accept-Encoding', 'identity', false],
  ['acrm', 'Access-Control-Request-Method', 'PUT', false],
  ['connection', 'Connection', 'close', false],
  ['content-length', 'Content-Length', '0', false],
  ['date', 'Date', 'Thu, 01 Jan 1970 00:00:00 GMT', true],
  ['dnt', 'DNT', '1', true],
  ['keep-alive', 'Keep-Alive', 'timeout=5', true],
  ['set-cookie', 'Set-Cookie', 'a=b', true],
  ['via', 'Via', '1.1 proxy', true],
  ['method-override-trace', 'X-HTTP-Method-Override', 'TRACE', true],
  ['method-override-list', 'X-HTTP-Method-Override', 'GET, TRACE', true],
  ['method-override-put', 'X-HTTP-Method-Override', 'PUT', true],
  ['x-http-method-track', 'X-HTTP-Method', 'TRACK', true],
  ['x-method-override-connect', 'X-Method-Override', 'CONNECT', true],
];

const forbiddenCases: TestCase[] = [
  ...FORBIDDEN.map(([suffix, name, value, record]) =>
    single(
      `forbidden-${suffix}`,
      'forbidden-header',
      `forbidden request header ${name}: ${value}`,
      { headers: [[name, value]] },
      { record: record ? [name.toLowerCase()] : [] },
    ),
  ),
  single(
    'forbidden-cookie-with-custom',
    'forbidden-header',
    'Cookie beside X-A: only X-A is requested',
    {
      headers: [
        ['Cookie', 'a=b'],
        ['X-A', '1'],
      ],
    },
    { record: ['cookie', 'x-a'] },
  ),
];

// ---------------------------------------------------------------------------------------------
// Body kinds, and the Content-Type each implies.

const BYTES = [104, 105];

const bodyCases: TestCase[] = [
  ...(
    [
      ['string', { kind: 'string', text: 'hello' }],
      ['string-empty', { kind: 'string', text: '' }],
      ['urlsearchparams', { kind: 'urlsearchparams', entries: [['a', '1']] }],
      ['formdata', { kind: 'formdata', entries: [['a', '1']] }],
      ['blob-untyped', { kind: 'blob', text: 'hello' }],
      ['blob-text', { kind: 'blob', text: 'hello', type: 'text/plain' }],
      ['blob-text-charset', { kind: 'blob', text: 'hello', type: 'text/plain;charset=utf-8' }],
      ['blob-mixed-case-type', { kind: 'blob', text: 'hello', type: 'Text/Plain' }],
      ['blob-json', { kind: 'blob', text: '{}', type: 'application/json' }],
      ['arraybuffer', { kind: 'arraybuffer', bytes: BYTES }],
      ['uint8array', { kind: 'uint8array', bytes: BYTES }],
    ] as Array<[string, BodySpec]>
  ).map(([suffix, body]) =>
    single(
      `body-${suffix}`,
      'body',
      `POST with a ${suffix} body`,
      { method: 'POST', body },
      {
        record: ['content-type'],
      },
    ),
  ),
  single(
    'body-stream-half',
    'body',
    "POST with a ReadableStream body, duplex 'half'",
    { method: 'POST', body: { kind: 'stream', chunks: ['hel', 'lo'] }, duplex: 'half' },
    { record: ['content-type'] },
  ),
  single(
    'body-stream-empty-half',
    'body',
    "POST with an empty ReadableStream body, duplex 'half'",
    { method: 'POST', body: { kind: 'stream', chunks: [] }, duplex: 'half' },
    { record: ['content-type'] },
  ),
  single(
    'body-stream-no-duplex',
    'body',
    'POST with a ReadableStream body and no duplex',
    { method: 'POST', body: { kind: 'stream', chunks: ['hello'] } },
    { record: ['content-type'] },
  ),
  single(
    'body-stream-put-half',
    'body',
    "PUT with a ReadableStream body, duplex 'half'",
    { method: 'PUT', body: { kind: 'stream', chunks: ['hello'] }, duplex: 'half' },
    { record: ['content-type'] },
  ),
  single('body-get-with-body', 'body', 'GET with a body', { method: 'GET', body: TEXT_BODY }),
  single('body-head-with-body', 'body', 'HEAD with a body', { method: 'HEAD', body: TEXT_BODY }),
  single(
    'body-blob-json-header-text',
    'body',
    'a JSON Blob sent with an explicit Content-Type: text/plain',
    {
      method: 'POST',
      headers: [['Content-Type', 'text/plain']],
      body: { kind: 'blob', text: '{}', type: 'application/json' },
    },
    { record: ['content-type'] },
  ),
  single(
    'body-formdata-header-json',
    'body',
    'FormData sent with an explicit Content-Type: application/json',
    {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: { kind: 'formdata', entries: [['a', '1']] },
    },
    { record: ['content-type'] },
  ),
  single(
    'body-string-header-json',
    'body',
    'a string sent as application/json',
    { method: 'POST', headers: [['Content-Type', 'application/json']], body: TEXT_BODY },
    { record: ['content-type'] },
  ),
  single(
    'body-put-string',
    'body',
    'PUT with a string body',
    { method: 'PUT', body: TEXT_BODY },
    { record: ['content-type'] },
  ),
];

// ---------------------------------------------------------------------------------------------
// Credentials modes against every Access-Control-Allow-Origin / -Allow-Credentials combination.

const ACAO_VARIANTS: Array<[string, HeaderList]> = [
  ['star', [['Access-Control-Allow-Origin', '*']]],
  ['exact', [['Access-Control-Allow-Origin', '{page}']]],
  ['wrong', [['Access-Control-Allow-Origin', 'http://127.0.0.1:1']]],
  ['missing', []],
  ['null', [['Access-Control-Allow-Origin', 'null']]],
  [
    'twice',
    [
      ['Access-Control-Allow-Origin', '{page}'],
      ['Access-Control-Allow-Origin', '{page}'],
    ],
  ],
  ['trailing-slash', [['Access-Control-Allow-Origin', '{page}/']]],
  ['upper-case', [['Access-Control-Allow-Origin', '{PAGE}']]],
];

const ACAC_VARIANTS: Array<[string, HeaderList]> = [
  ['missing', []],
  ['true', [['Access-Control-Allow-Credentials', 'true']]],
  ['True', [['Access-Control-Allow-Credentials', 'True']]],
  ['false', [['Access-Control-Allow-Credentials', 'false']]],
];

const credentialCases: TestCase[] = (['omit', 'same-origin', 'include'] as const).flatMap((credentials) =>
  ACAO_VARIANTS.flatMap(([acaoName, acao]) =>
    ACAC_VARIANTS.map(([acacName, acac]) =>
      single(
        `credentials-${credentials}-acao-${acaoName}-acac-${acacName.toLowerCase() === acacName ? acacName : 'title-case'}`,
        'credentials',
        `credentials ${credentials}, ACAO ${acaoName}, ACAC ${acacName}`,
        { credentials },
        {
          actual: answer(200, [...acao, ...acac, ['Content-Type', 'text/plain']]),
          read: ['content-type'],
        },
      ),
    ),
  ),
);

// ---------------------------------------------------------------------------------------------
// Preflight answers: status, Allow-Methods, Allow-Headers, Allow-Origin, Allow-Credentials.

const PUT_WITH_HEADER: RequestSpec = { method: 'PUT', headers: [['X-A', '1']] };

/** A preflight answer with the page's origin plus `headers`, status 204 unless given. */
const preflightWith = (headers: HeaderList, status = 204): Answer =>
  answer(status, [['Access-Control-Allow-Origin', '{page}'], ...headers]);

const GOOD_ALLOW: HeaderList = [
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Allow-Headers', 'X-A'],
];

const preflightCase = (id: string, title: string, request: RequestSpec, preflight: Answer, actual = OK) =>
  single(`preflight-${id}`, 'preflight', title, request, { preflight, actual, record: ['x-a'] });

const preflightCases: TestCase[] = [
  ...[200, 204, 299, 300, 400, 404, 500].map((status) =>
    preflightCase(
      `status-${status}`,
      `preflight answered ${status}`,
      PUT_WITH_HEADER,
      preflightWith(GOOD_ALLOW, status),
    ),
  ),
  preflightCase(
    'status-301-redirect',
    'preflight answered with a 301 redirect',
    PUT_WITH_HEADER,
    preflightWith([...GOOD_ALLOW, ['Location', routeUrl('api', 'b')]], 301),
  ),
  preflightCase('acam-missing', 'PUT, no Allow-Methods', PUT_WITH_HEADER, preflightWith([GOOD_ALLOW[1]!])),
  preflightCase(
    'acam-missing-post',
    'POST with a custom header, no Allow-Methods',
    { method: 'POST', headers: [['X-A', '1']] },
    preflightWith([GOOD_ALLOW[1]!]),
  ),
  preflightCase('acam-exact', 'Allow-Methods: PUT', PUT_WITH_HEADER, preflightWith(GOOD_ALLOW)),
  preflightCase(
    'acam-other',
    'PUT, Allow-Methods: DELETE',
    PUT_WITH_HEADER,
    preflightWith([
      ['Access-Control-Allow-Methods', 'DELETE'],
      ['Access-Control-Allow-Headers', 'X-A'],
    ]),
  ),
  preflightCase(
    'acam-star',
    'Allow-Methods: * without credentials',
    PUT_WITH_HEADER,
    preflightWith([
      ['Access-Control-Allow-Methods', '*'],
      ['Access-Control-Allow-Headers', 'X-A'],
    ]),
  ),
  preflightCase(
    'acam-star-credentials',
    'Allow-Methods: * with credentials',
    { ...PUT_WITH_HEADER, credentials: 'include' },
    preflightWith([
      ['Access-Control-Allow-Methods', '*'],
      ['Access-Control-Allow-Headers', 'X-A'],
      ['Access-Control-Allow-Credentials', 'true'],
    ]),
  ),
  preflightCase(
    'acam-star-and-put-credentials',
    'Allow-Methods: *, PUT with credentials',
    { ...PUT_WITH_HEADER, credentials: 'include' },
    preflightWith([
      ['Access-Control-Allow-Methods', '*, PUT'],
      ['Access-Control-Allow-Headers', 'X-A'],
      ['Access-Control-Allow-Credentials', 'true'],
    ]),
  ),
  ...(
    [
      ['acam-lower-put', 'PUT', 'put'],
      ['acam-lower-delete', 'DELETE', 'delete'],
      ['acam-lower-patch', 'PATCH', 'patch'],
      ['acam-upper-for-lower-patch', 'patch', 'PATCH'],
      ['acam-lower-for-lower-patch', 'patch', 'patch'],
      ['acam-list-spaces', 'PUT', 'GET , PUT ,DELETE'],
      ['acam-invalid-semicolon', 'PUT', 'PUT;DELETE'],
      ['acam-invalid-space', 'PUT', 'PUT DELETE'],
      ['acam-empty-element', 'PUT', 'GET,,PUT'],
      ['acam-empty', 'PUT', ''],
    ] as const
  ).map(([id, method, allow]) =>
    preflightCase(
      id,
      `${method} with Allow-Methods: ${allow}`,
      { method, headers: [['X-A', '1']] },
      preflightWith([
        ['Access-Control-Allow-Methods', allow],
        ['Access-Control-Allow-Headers', 'X-A'],
      ]),
    ),
  ),
  ...(
    [
      ['acah-missing', [['X-A', '1']], null],
      ['acah-exact', [['X-A', '1']], 'X-A'],
      ['acah-other-case', [['X-A', '1']], 'x-A'],
      ['acah-star', [['X-A', '1']], '*'],
      ['acah-star-authorization', [['Authorization', 'Bearer x']], '*'],
      ['acah-authorization', [['Authorization', 'Bearer x']], 'Authorization'],
      ['acah-star-and-authorization', [['Authorization', 'Bearer x']], '*, Authorization'],
      [
        'acah-partial',
        [
          ['X-A', '1'],
          ['X-B', '1'],
        ],
        'X-A',
      ],
      [
        'acah-list-spaces',
        [
          ['X-A', '1'],
          ['X-B', '1'],
        ],
        ' X-A , X-B ',
      ],
      [
        'acah-invalid',
        [
          ['X-A', '1'],
          ['X-B', '1'],
        ],
        'X-A X-B',
      ],
      [
        'acah-empty-element',
        [
          ['X-A', '1'],
          ['X-B', '1'],
        ],
        'X-A,,X-B',
      ],
    ] as Array<[string, HeaderList, string | null]>
  ).map(([id, headers, allow]) =>
    preflightCase(
      id,
      `${headers.map(([n]) => n).join(', ')} with Allow-Headers: ${allow ?? '(none)'}`,
      { method: 'PUT', headers },
      preflightWith([
        ['Access-Control-Allow-Methods', 'PUT'],
        ...(allow === null ? [] : ([['Access-Control-Allow-Headers', allow]] as HeaderList)),
      ]),
    ),
  ),
  preflightCase(
    'acah-star-credentials',
    'Allow-Headers: * with credentials',
    { ...PUT_WITH_HEADER, credentials: 'include' },
    preflightWith([...GOOD_ALLOW.slice(0, 1), ['Access-Control-Allow-Headers', '*'], ALLOW_PAGE[1]!]),
  ),
  preflightCase('acao-missing', 'preflight without Allow-Origin', PUT_WITH_HEADER, answer(204, GOOD_ALLOW)),
  preflightCase(
    'acao-wrong',
    'preflight with the wrong Allow-Origin',
    PUT_WITH_HEADER,
    answer(204, [['Access-Control-Allow-Origin', 'http://127.0.0.1:1'], ...GOOD_ALLOW]),
  ),
  preflightCase(
    'acao-star',
    'preflight with Allow-Origin: * without credentials',
    PUT_WITH_HEADER,
    answer(204, [['Access-Control-Allow-Origin', '*'], ...GOOD_ALLOW]),
  ),
  preflightCase(
    'acao-star-credentials',
    'preflight with Allow-Origin: * with credentials',
    { ...PUT_WITH_HEADER, credentials: 'include' },
    answer(204, [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Credentials', 'true'],
      ...GOOD_ALLOW,
    ]),
  ),
  preflightCase(
    'acac-missing-credentials',
    'preflight without Allow-Credentials, credentials include',
    { ...PUT_WITH_HEADER, credentials: 'include' },
    preflightWith(GOOD_ALLOW),
  ),
  preflightCase(
    'acac-true-credentials',
    'preflight with Allow-Credentials: true, credentials include',
    { ...PUT_WITH_HEADER, credentials: 'include' },
    preflightWith([...GOOD_ALLOW, ['Access-Control-Allow-Credentials', 'true']]),
  ),
  preflightCase(
    'with-body',
    'preflight answered 200 with a body',
    PUT_WITH_HEADER,
    answer(200, [['Access-Control-Allow-Origin', '{page}'], ...GOOD_ALLOW], { body: 'preflight body' }),
  ),
  preflightCase(
    'actual-acao-missing',
    'preflight passes, actual response lacks Allow-Origin',
    PUT_WITH_HEADER,
    preflightWith(GOOD_ALLOW),
    answer(200, []),
  ),
  preflightCase(
    'actual-status-500',
    'preflight passes, actual response is a 500 with CORS headers',
    PUT_WITH_HEADER,
    preflightWith(GOOD_ALLOW),
    answer(500, ALLOW_PAGE),
  ),
];

// ---------------------------------------------------------------------------------------------
// Response headers the script can read: safelisted ones, exposed ones, never Set-Cookie.

const EXPOSE_READ = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
  'x-custom',
  'x-other',
  'set-cookie',
  'content-encoding',
  'access-control-allow-origin',
];

const RESPONSE_HEADERS: HeaderList = [
  ['Cache-Control', 'no-cache'],
  ['Content-Language', 'de'],
  ['Content-Type', 'text/plain'],
  ['Expires', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ['Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT'],
  ['Pragma', 'no-cache'],
  ['X-Custom', 'one'],
  ['X-Other', 'two'],
  ['Set-Cookie', 'corskit-{case}=1; Path=/{run}/{case}'],
];

const exposeCase = (
  id: string,
  title: string,
  expose: string[],
  request: RequestSpec = {},
  extra: Partial<Answer> = {},
) =>
  single(`expose-${id}`, 'expose', title, request, {
    actual: answer(
      200,
      [
        ...ALLOW_PAGE,
        ...RESPONSE_HEADERS,
        ...expose.map((value): [string, string] => ['Access-Control-Expose-Headers', value]),
      ],
      extra,
    ),
    read: EXPOSE_READ,
  });

const exposeCases: TestCase[] = [
  exposeCase('none', 'no Expose-Headers: only safelisted response headers are readable', []),
  exposeCase('custom', 'Expose-Headers: X-Custom', ['X-Custom']),
  exposeCase('custom-lower', 'Expose-Headers: x-custom', ['x-custom']),
  exposeCase('list', 'Expose-Headers: X-Custom, X-Other', ['X-Custom, X-Other']),
  exposeCase('list-spaces', 'Expose-Headers with spaces around names', [' X-Custom ,X-Other ']),
  exposeCase('two-lines', 'Expose-Headers sent as two header lines', ['X-Custom', 'X-Other']),
  exposeCase('invalid-list', 'Expose-Headers: X-Custom X-Other (not a list)', ['X-Custom X-Other']),
  exposeCase('invalid-item', 'Expose-Headers: X-Custom, x/y (one item not a header name)', ['X-Custom, x/y']),
  exposeCase('empty-elements', 'Expose-Headers: X-Custom,,X-Other', ['X-Custom,,X-Other']),
  exposeCase('star', 'Expose-Headers: * without credentials', ['*']),
  exposeCase('star-credentials', 'Expose-Headers: * with credentials', ['*'], { credentials: 'include' }),
  exposeCase('star-and-custom-credentials', 'Expose-Headers: *, X-Custom with credentials', ['*, X-Custom'], {
    credentials: 'include',
  }),
  exposeCase('set-cookie', 'Expose-Headers: Set-Cookie', ['Set-Cookie, Set-Cookie2']),
  exposeCase('allow-origin', 'Expose-Headers: Access-Control-Allow-Origin', ['Access-Control-Allow-Origin']),
  exposeCase('gzip-unexposed', 'a gzip body, Content-Encoding not exposed', [], {}, { gzip: true }),
  exposeCase(
    'gzip-exposed',
    'a gzip body, Content-Encoding exposed',
    ['Content-Encoding'],
    {},
    { gzip: true },
  ),
  exposeCase('head', 'HEAD: Content-Length is readable', [], { method: 'HEAD' }),
  exposeCase('no-cors', 'no-cors: nothing is readable', ['*'], { mode: 'no-cors' }),
  exposeCase('post', 'POST: the same rules', ['X-Custom'], { method: 'POST', body: TEXT_BODY }),
];

// ---------------------------------------------------------------------------------------------
// no-cors and same-origin modes.

const NO_CORS_SERVER = answer(200, [['Content-Type', 'text/plain']]);

const noCors = (id: string, title: string, request: RequestSpec, record: string[] = []) =>
  single(
    `no-cors-${id}`,
    'no-cors',
    title,
    { mode: 'no-cors', ...request },
    {
      actual: NO_CORS_SERVER,
      read: ['content-type'],
      record,
    },
  );

const modeCases: TestCase[] = [
  noCors('get', 'no-cors GET', {}),
  noCors('head', 'no-cors HEAD', { method: 'HEAD' }),
  noCors('post', 'no-cors POST with a string body', { method: 'POST', body: TEXT_BODY }, ['content-type']),
  noCors('post-lowercase', 'no-cors post (lowercase)', { method: 'post' }),
  noCors('put', 'no-cors PUT', { method: 'PUT' }),
  noCors('delete', 'no-cors DELETE', { method: 'DELETE' }),
  noCors('custom-header', 'no-cors GET with X-A', { headers: [['X-A', '1']] }, ['x-a']),
  noCors('bad-accept', 'no-cors GET with an unsafe Accept', { headers: [['Accept', 'a@b']] }, ['accept']),
  noCors('range', 'no-cors GET with Range', { headers: [['Range', 'bytes=0-']] }, ['range']),
  noCors(
    'json-content-type',
    'no-cors POST with Content-Type: application/json',
    { method: 'POST', headers: [['Content-Type', 'application/json']], body: TEXT_BODY },
    ['content-type'],
  ),
  noCors(
    'formdata',
    'no-cors POST with FormData',
    { method: 'POST', body: { kind: 'formdata', entries: [['a', '1']] } },
    ['content-type'],
  ),
  noCors(
    'stream',
    'no-cors POST with a ReadableStream body',
    { method: 'POST', body: { kind: 'stream', chunks: ['hello'] }, duplex: 'half' },
    ['content-type'],
  ),
  noCors('credentials', 'no-cors GET with credentials include', { credentials: 'include' }),
  // From an opaque page (the opaque-origin run), which of these carry `Origin: null`: GET, HEAD, POST.
  noCors('credentials-head', 'no-cors HEAD with credentials include', {
    method: 'HEAD',
    credentials: 'include',
  }),
  noCors('credentials-post', 'no-cors POST with credentials include', {
    method: 'POST',
    body: TEXT_BODY,
    credentials: 'include',
  }),
  single(
    'no-cors-server-error',
    'no-cors',
    'no-cors GET answered 500',
    { mode: 'no-cors' },
    { actual: answer(500, []), read: ['content-type'] },
  ),
  single('mode-same-origin-get', 'mode', "mode 'same-origin' GET to another origin", { mode: 'same-origin' }),
  single('mode-same-origin-post', 'mode', "mode 'same-origin' POST to another origin", {
    mode: 'same-origin',
    method: 'POST',
    body: TEXT_BODY,
  }),
  single('mode-same-origin-put', 'mode', "mode 'same-origin' PUT to another origin", {
    mode: 'same-origin',
    method: 'PUT',
  }),
  single('mode-cors-explicit', 'mode', "mode 'cors' given explicitly", { mode: 'cors' }),
  single('mode-navigate', 'mode', "mode 'navigate' (not allowed in a RequestInit)", { mode: 'navigate' }),
];

// ---------------------------------------------------------------------------------------------
// Redirects: same origin, to a third origin (Origin becomes null), with and without CORS headers.

const redirectTo = (status: number, server: 'api' | 'third', route: string, cors: HeaderList = ALLOW_PAGE) =>
  answer(status, [['Location', routeUrl(server, route)], ...cors]);

const ALLOW_NULL: HeaderList = [
  ['Access-Control-Allow-Origin', 'null'],
  ['Access-Control-Allow-Credentials', 'true'],
];

const ALLOW_STAR_PREFLIGHT = answer(204, [
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Allow-Methods', '*'],
  ['Access-Control-Allow-Headers', '*'],
]);

const redirectCase = (
  id: string,
  title: string,
  request: RequestSpec,
  first: Answer,
  targets: Record<string, Answer>,
  record: string[] = [],
) =>
  single(`redirect-${id}`, 'redirect', title, request, {
    actual: first,
    routes: Object.fromEntries(
      Object.entries(targets).map(([route, actual]) => [route, { preflight: ALLOW_STAR_PREFLIGHT, actual }]),
    ),
    read: ['content-type'],
    record,
  });

const TEXT: HeaderList = [['Content-Type', 'text/plain']];

const redirectCases: TestCase[] = [
  redirectCase(
    '302-same-cors',
    '302 to the same origin, CORS on the redirect',
    {},
    redirectTo(302, 'api', 'b'),
    {
      b: answer(200, [...ALLOW_PAGE, ...TEXT]),
    },
  ),
  redirectCase(
    '302-same-no-cors-headers',
    '302 to the same origin, no CORS headers on the redirect',
    {},
    redirectTo(302, 'api', 'b', []),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
  ),
  redirectCase(
    '302-third-star',
    '302 to a third origin answering ACAO *',
    {},
    redirectTo(302, 'third', 'b'),
    {
      b: answer(200, [['Access-Control-Allow-Origin', '*'], ...TEXT]),
    },
  ),
  redirectCase(
    '302-third-page-origin',
    '302 to a third origin answering ACAO with the page origin',
    {},
    redirectTo(302, 'third', 'b'),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
  ),
  redirectCase(
    '302-third-null',
    '302 to a third origin answering ACAO null',
    {},
    redirectTo(302, 'third', 'b'),
    {
      b: answer(200, [...ALLOW_NULL, ...TEXT]),
    },
  ),
  redirectCase(
    '302-third-no-cors-headers',
    '302 to a third origin, no CORS headers on the redirect',
    {},
    redirectTo(302, 'third', 'b', []),
    { b: answer(200, [['Access-Control-Allow-Origin', '*'], ...TEXT]) },
  ),
  redirectCase(
    '302-third-and-back',
    '302 to a third origin, then 302 back to the API origin',
    {},
    redirectTo(302, 'third', 'b'),
    { b: redirectTo(302, 'api', 'c', ALLOW_NULL), c: answer(200, [...ALLOW_NULL, ...TEXT]) },
  ),
  redirectCase(
    '302-third-credentials',
    '302 to a third origin with credentials include, answering ACAO null',
    { credentials: 'include' },
    redirectTo(302, 'third', 'b'),
    { b: answer(200, [...ALLOW_NULL, ...TEXT]) },
  ),
  redirectCase(
    '301-post',
    '301 on a POST: becomes a GET',
    { method: 'POST', body: TEXT_BODY },
    redirectTo(301, 'api', 'b'),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
    ['content-type'],
  ),
  redirectCase(
    '302-post',
    '302 on a POST: becomes a GET',
    { method: 'POST', body: TEXT_BODY },
    redirectTo(302, 'api', 'b'),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
    ['content-type'],
  ),
  redirectCase(
    '307-post',
    '307 on a POST: stays a POST',
    { method: 'POST', body: TEXT_BODY },
    redirectTo(307, 'api', 'b'),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
    ['content-type'],
  ),
  redirectCase(
    '303-put',
    '303 on a preflighted PUT: becomes a GET',
    { method: 'PUT', body: TEXT_BODY },
    redirectTo(303, 'api', 'b'),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
  ),
  redirectCase(
    '308-put-same',
    '308 on a preflighted PUT to the same origin',
    { method: 'PUT', body: TEXT_BODY },
    redirectTo(308, 'api', 'b'),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
  ),
  redirectCase(
    '307-put-third',
    '307 on a preflighted PUT to a third origin',
    { method: 'PUT', body: TEXT_BODY },
    redirectTo(307, 'third', 'b'),
    { b: answer(200, [['Access-Control-Allow-Origin', '*'], ...TEXT]) },
  ),
  redirectCase(
    '302-custom-header-same',
    '302 on a GET with a custom header, to the same origin',
    { headers: [['X-A', '1']] },
    redirectTo(302, 'api', 'b'),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
    ['x-a'],
  ),
  redirectCase('error-mode', "redirect: 'error'", { redirect: 'error' }, redirectTo(302, 'api', 'b'), {
    b: answer(200, [...ALLOW_PAGE, ...TEXT]),
  }),
  redirectCase('manual-mode', "redirect: 'manual'", { redirect: 'manual' }, redirectTo(302, 'api', 'b'), {
    b: answer(200, [...ALLOW_PAGE, ...TEXT]),
  }),
  redirectCase(
    'no-cors-third',
    'no-cors GET redirected to a third origin',
    { mode: 'no-cors' },
    redirectTo(302, 'third', 'b', []),
    { b: answer(200, TEXT) },
  ),
  redirectCase(
    'relative-location',
    'a relative Location',
    {},
    answer(302, [['Location', 'b'], ...ALLOW_PAGE]),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
  ),
  redirectCase('missing-location', 'a 302 without Location', {}, answer(302, [...ALLOW_PAGE, ...TEXT]), {}),
  redirectCase(
    'userinfo-location',
    'a Location with user:password',
    {},
    answer(302, [['Location', 'http://user:pw@{apiHost}/{run}/{case}/b'], ...ALLOW_PAGE]),
    { b: answer(200, [...ALLOW_PAGE, ...TEXT]) },
  ),
  redirectCase('loop', 'a redirect to itself, forever', {}, redirectTo(302, 'api', 'a'), {}),
];

// ---------------------------------------------------------------------------------------------
// The preflight cache: Access-Control-Max-Age, and which later requests an entry covers.

/** A preflight that allows exactly what it is asked for, cached for `maxAge` (header left out if null). */
const echoPreflight = (maxAge: string | null, extra: HeaderList = []): Answer =>
  answer(204, [
    ...ALLOW_PAGE,
    ['Access-Control-Allow-Methods', '{acrm}'],
    ['Access-Control-Allow-Headers', '{acrh}'],
    ...(maxAge === null ? [] : ([['Access-Control-Max-Age', maxAge]] as HeaderList)),
    ...extra,
  ]);

const put = (headers: HeaderList = [['X-A', '1']], more: RequestSpec = {}): RequestSpec => ({
  method: 'PUT',
  headers,
  ...more,
});

const after = (delayMs: number, request: RequestSpec): Step => ({ delayMs, request });

const MAX_AGES: Array<[string, string | null]> = [
  ['absent', null],
  ['0', '0'],
  ['2', '2'],
  ['10', '10'],
  ['negative', '-1'],
  ['abc', 'abc'],
];

const maxAgeCases: TestCase[] = MAX_AGES.flatMap(([name, maxAge]) =>
  [0, 1000, 6000].map((delayMs) =>
    sequence(
      `cache-max-age-${name}-after-${delayMs}ms`,
      'cache',
      `two identical PUTs ${delayMs} ms apart, Max-Age ${maxAge ?? '(absent)'}`,
      [after(0, put()), after(delayMs, put())],
      { preflight: echoPreflight(maxAge) },
    ),
  ),
);

/**
 * The max-age caps, timed for real on a clock the test moves (max-age-caps.test.ts): a lifetime
 * beyond every engine's cap, tried 5 s before and after each cap, and lifetimes just under each
 * cap, tried 5 s either side of the value. (5 s: the real time between the preflight and the next
 * call is not zero, and may be a second or more on a loaded machine.) Not in CASES: they need the
 * virtual clock.
 */
const MAX_AGE_CAP_CHECKS: Array<[maxAge: string, afterSeconds: number[]]> = [
  ['1000000', [595, 605, 7195, 7205, 86395, 86405]],
  ['550', [545, 555]],
  ['7000', [6995, 7005]],
  ['86000', [85995, 86005]],
];

export const MAX_AGE_CAP_CASES: TestCase[] = MAX_AGE_CAP_CHECKS.flatMap(([maxAge, afterSeconds]) =>
  afterSeconds.map((seconds) =>
    sequence(
      `max-age-${maxAge}-after-${seconds}s`,
      'cache',
      `two identical PUTs ${seconds} s apart, Max-Age ${maxAge}`,
      [after(0, put()), after(seconds * 1000, put())],
      { preflight: echoPreflight(maxAge) },
    ),
  ),
);

/** PUT with X-A allowed and cached for 10 s, then a refused preflight to the same URL, then the PUT again. */
const refusedPreflightCase = (id: string, title: string, refused: RequestSpec, headers: HeaderList) =>
  sequence(
    `cache-after-refused-${id}`,
    'cache',
    `PUT cached, then ${title} refused at its preflight, then the PUT again`,
    [after(0, put()), after(0, refused), after(0, put())],
    { preflight: answer(204, [...headers, ['Access-Control-Max-Age', '10']]) },
  );

const ALLOW_PUT_X_A: HeaderList = [
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Allow-Headers', 'X-A'],
];

const cacheEntryCases: TestCase[] = [
  // What a refused preflight does to the URL's cached answer (seeds 203, 204).
  refusedPreflightCase('method', 'a DELETE', { method: 'DELETE', headers: [['X-A', '1']] }, [
    ...ALLOW_PAGE,
    ...ALLOW_PUT_X_A,
  ]),
  refusedPreflightCase('header', 'a PUT with X-B', put([['X-B', '1']]), [...ALLOW_PAGE, ...ALLOW_PUT_X_A]),
  refusedPreflightCase(
    'credentials',
    'a PUT with credentials',
    put([['X-A', '1']], { credentials: 'include' }),
    [['Access-Control-Allow-Origin', '{page}'], ...ALLOW_PUT_X_A],
  ),
  sequence(
    'cache-other-method-listed',
    'cache',
    'PUT allowed with "PUT, DELETE", then DELETE',
    [after(0, put()), after(0, { method: 'DELETE', headers: [['X-A', '1']] })],
    {
      preflight: answer(204, [
        ...ALLOW_PAGE,
        ['Access-Control-Allow-Methods', 'PUT, DELETE'],
        ['Access-Control-Allow-Headers', 'X-A'],
        ['Access-Control-Max-Age', '10'],
      ]),
    },
  ),
  sequence(
    'cache-method-star',
    'cache',
    'PUT allowed with Allow-Methods *, then DELETE',
    [after(0, put()), after(0, { method: 'DELETE', headers: [['X-A', '1']] })],
    {
      preflight: answer(204, [
        ['Access-Control-Allow-Origin', '{page}'],
        ['Access-Control-Allow-Methods', '*'],
        ['Access-Control-Allow-Headers', 'X-A'],
        ['Access-Control-Max-Age', '10'],
      ]),
    },
  ),
  sequence(
    'cache-method-then-other-then-first',
    'cache',
    'PUT, then DELETE (each allowed alone), then PUT again',
    [after(0, put()), after(0, { method: 'DELETE', headers: [['X-A', '1']] }), after(0, put())],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-header-then-other-then-first',
    'cache',
    'PUT with X-A, then with X-B (each allowed alone), then with X-A again',
    [after(0, put([['X-A', '1']])), after(0, put([['X-B', '1']])), after(0, put([['X-A', '1']]))],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-header-subset',
    'cache',
    'PUT with X-A and X-B, then PUT with X-A only',
    [
      after(
        0,
        put([
          ['X-A', '1'],
          ['X-B', '1'],
        ]),
      ),
      after(0, put([['X-A', '1']])),
    ],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-header-superset',
    'cache',
    'PUT with X-A, then PUT with X-A and X-B',
    [
      after(0, put([['X-A', '1']])),
      after(
        0,
        put([
          ['X-A', '1'],
          ['X-B', '1'],
        ]),
      ),
    ],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-safelisted-method-same-header',
    'cache',
    'PUT with X-A, then GET with X-A',
    [after(0, put()), after(0, { headers: [['X-A', '1']] })],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-omit-then-include',
    'cache',
    'a preflight without credentials, then the same request with credentials',
    [after(0, put()), after(0, put(undefined, { credentials: 'include' }))],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-include-then-omit',
    'cache',
    'a preflight with credentials, then the same request without',
    [after(0, put(undefined, { credentials: 'include' })), after(0, put())],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-other-url',
    'cache',
    'the same PUT to another URL of the same origin',
    [after(0, put()), after(0, put(undefined, { route: 'b' }))],
    {
      preflight: echoPreflight('10'),
      routes: { b: { preflight: echoPreflight('10'), actual: OK } },
    },
  ),
  sequence(
    'cache-failed-preflight',
    'cache',
    'a failed preflight (header not allowed), then the same PUT',
    [after(0, put()), after(0, put())],
    {
      preflight: answer(204, [
        ...ALLOW_PAGE,
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Max-Age', '10'],
      ]),
    },
  ),
  sequence(
    'cache-header-star-then-other',
    'cache',
    'PUT with X-A allowed by Allow-Headers *, then PUT with X-B',
    [after(0, put()), after(0, put([['X-B', '1']]))],
    {
      preflight: answer(204, [
        ['Access-Control-Allow-Origin', '{page}'],
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', '*'],
        ['Access-Control-Max-Age', '10'],
      ]),
    },
  ),
  sequence(
    'cache-duplicate-header-entries',
    'cache',
    'PUT with X-A twice, then PUT with X-A once',
    [
      after(
        0,
        put([
          ['X-A', '1'],
          ['X-A', '2'],
        ]),
      ),
      after(0, put()),
    ],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-include-then-include',
    'cache',
    'a preflight with credentials, then the same request with credentials',
    [
      after(0, put(undefined, { credentials: 'include' })),
      after(0, put(undefined, { credentials: 'include' })),
    ],
    { preflight: echoPreflight('10') },
  ),
  sequence(
    'cache-failed-actual',
    'cache',
    'a preflight that passes before an actual response that fails, then the same PUT',
    [after(0, put()), after(0, put())],
    { preflight: echoPreflight('10'), actual: answer(200, []) },
  ),
  sequence(
    'cache-failed-simple',
    'cache',
    'a PUT cached, then a simple GET with credentials that fails the CORS check, then the PUT again',
    [after(0, put()), after(0, { credentials: 'include' }), after(0, put())],
    {
      preflight: answer(204, [
        ['Access-Control-Allow-Origin', '{page}'],
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', 'X-A'],
        ['Access-Control-Max-Age', '10'],
      ]),
      actual: answer(200, [['Access-Control-Allow-Origin', '{page}']]),
    },
  ),
];

// ---------------------------------------------------------------------------------------------
// Found by the fuzzer (fuzz.test.ts): the shapes behind its disagreements, one rule per group.

const GZIP_OK: Answer = answer(200, [...ALLOW_PAGE, ['Cache-Control', 'no-store']], { gzip: true });
const FIXED_PREFLIGHT = answer(204, [
  ...ALLOW_PAGE,
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Allow-Headers', 'x-a, if-none-match, if-modified-since, cache-control, pragma'],
  ['Access-Control-Max-Age', '10'],
]);
const CACHE_MODES: RequestCache[] = ['default', 'no-store', 'reload', 'no-cache', 'force-cache'];
const WIRE_CACHE_HEADERS = ['cache-control', 'pragma', 'if-none-match', 'if-modified-since'];

/** Six numeric client hints and two languages, 128 bytes each where they fit, `total` bytes in all. */
function budgetHeaders(total: number, ownAccept: boolean): HeaderList {
  const names = [
    'DPR',
    'Width',
    'Viewport-Width',
    'Device-Memory',
    'RTT',
    'Downlink',
    'Accept-Language',
    'Content-Language',
  ];
  const list: HeaderList = [];
  let left = total;
  for (const name of names) {
    const length = Math.min(128, left);
    left -= length;
    list.push([name, (name.endsWith('Language') ? 'e' : '1').repeat(length)]);
  }
  if (ownAccept) list.push(['Accept', 'a']);
  return list;
}

const fuzzFoundCases: TestCase[] = [
  // Chromium rewrites a Range with empty list elements as the one range it holds (seed 102).
  ...(
    [
      ['appended-empty-canonical', 'Range `bytes=5 -` and an appended empty Range', ['bytes=5 -', '']],
      ['trailing-comma-canonical', 'Range `bytes=5-, ` (an empty second element)', ['bytes=5-, ']],
      ['two-ranges-kept', 'Range `bytes=0-1, 3-4` (two ranges)', ['bytes=0-1, 3-4']],
    ] as Array<[string, string, string[]]>
  ).map(([id, title, values]) =>
    single(
      `range-${id}`,
      'range',
      `GET with ${title}`,
      { headers: values.map((value): [string, string] => ['Range', value]) },
      { record: ['range'] },
    ),
  ),
  // The method of a stream's preflight: the standard lets an answer without Allow-Methods allow it,
  // and asks a cached answer to list it even when safelisted; Chromium does neither (HTTP/2 seeds 104, 105).
  single(
    'stream-put-preflight-without-allow-methods',
    'body',
    'PUT with a stream body, preflight answered without Access-Control-Allow-Methods',
    { method: 'PUT', ...STREAM_UPLOAD },
    { preflight: answer(204, [...ALLOW_PAGE, ['Access-Control-Allow-Headers', '*']]) },
  ),
  sequence(
    'stream-post-after-cached-put',
    'cache',
    "PUT, then a POST with a stream body to the same URL while the PUT's answer is cached",
    [
      { delayMs: 0, request: { method: 'PUT' } },
      { delayMs: 0, request: { method: 'POST', ...STREAM_UPLOAD } },
    ],
    {
      preflight: answer(204, [
        ...ALLOW_PAGE,
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Max-Age', '10'],
      ]),
    },
  ),
  // The cache mode and conditional headers add Cache-Control / Pragma on the wire.
  ...CACHE_MODES.map((cache) =>
    single(
      `wire-cache-mode-${cache}`,
      'cache-mode',
      `GET with cache: '${cache}'`,
      { cache },
      { record: WIRE_CACHE_HEADERS },
    ),
  ),
  ...(
    [
      ['no-store-own-cache-control', { cache: 'no-store', headers: [['Cache-Control', 'max-age=5']] }],
      ['no-store-own-pragma', { cache: 'no-store', headers: [['Pragma', 'x']] }],
      ['no-cache-own-cache-control', { cache: 'no-cache', headers: [['Cache-Control', 'max-age=5']] }],
      ['if-none-match-default', { headers: [['If-None-Match', '"a"']] }],
      ['if-modified-since-default', { headers: [['If-Modified-Since', 'Thu, 01 Jan 2026 00:00:00 GMT']] }],
      ['if-match-default', { headers: [['If-Match', '"a"']] }],
      [
        'if-unmodified-since-default',
        { headers: [['If-Unmodified-Since', 'Thu, 01 Jan 2026 00:00:00 GMT']] },
      ],
      ['if-range-default', { headers: [['If-Range', '"a"']] }],
      ['if-none-match-no-cache', { cache: 'no-cache', headers: [['If-None-Match', '"a"']] }],
      ['if-none-match-force-cache', { cache: 'force-cache', headers: [['If-None-Match', '"a"']] }],
      ['if-none-match-no-store', { cache: 'no-store', headers: [['If-None-Match', '"a"']] }],
      ['put-no-store', { method: 'PUT', cache: 'no-store', headers: [['X-A', '1']] }],
      ['no-cors-no-store', { mode: 'no-cors', cache: 'no-store' }],
    ] as Array<[string, RequestSpec]>
  ).map(([id, request]) =>
    single(`wire-cache-${id}`, 'cache-mode', `what reaches the server: ${JSON.stringify(request)}`, request, {
      record: WIRE_CACHE_HEADERS,
    }),
  ),
  // The cache mode's headers on a redirected request.
  ...(
    [
      ['no-store-same', 'no-store', 'api'],
      ['no-store-third', 'no-store', 'third'],
      ['no-cache-same', 'no-cache', 'api'],
      ['no-cache-third', 'no-cache', 'third'],
    ] as Array<[string, RequestCache, 'api' | 'third']>
  ).map(([id, cache, server]) =>
    single(
      `wire-cache-redirect-${id}`,
      'cache-mode',
      `GET with cache: '${cache}', redirected to ${server}`,
      { cache },
      {
        actual: answer(302, [['Location', routeUrl(server, 'b')], ...ALLOW_PAGE]),
        routes: {
          b: { preflight: echoPreflight(null), actual: answer(200, [['Access-Control-Allow-Origin', '*']]) },
        },
        record: WIRE_CACHE_HEADERS,
      },
    ),
  ),
  // The cache mode of each request against the preflight cache: does it store, does it read?
  ...CACHE_MODES.filter((cache) => cache !== 'default').flatMap((cache) => [
    sequence(
      `cache-mode-${cache}-then-default`,
      'cache-mode',
      `PUT with cache: '${cache}', then the same PUT with the default cache mode`,
      [after(0, put(undefined, { cache })), after(0, put())],
      { preflight: FIXED_PREFLIGHT },
    ),
    sequence(
      `cache-mode-default-then-${cache}`,
      'cache-mode',
      `PUT, then the same PUT with cache: '${cache}'`,
      [after(0, put()), after(0, put(undefined, { cache }))],
      { preflight: FIXED_PREFLIGHT },
    ),
  ]),
  ...(
    [
      [
        'if-none-match-twice',
        [
          ['X-A', '1'],
          ['If-None-Match', '"a"'],
        ],
        [
          ['X-A', '1'],
          ['If-None-Match', '"a"'],
        ],
      ],
      [
        'if-none-match-then-plain',
        [
          ['X-A', '1'],
          ['If-None-Match', '"a"'],
        ],
        [['X-A', '1']],
      ],
      [
        'plain-then-if-none-match',
        [['X-A', '1']],
        [
          ['X-A', '1'],
          ['If-None-Match', '"a"'],
        ],
      ],
      [
        'if-modified-since-twice',
        [
          ['X-A', '1'],
          ['If-Modified-Since', 'Thu, 01 Jan 2026 00:00:00 GMT'],
        ],
        [
          ['X-A', '1'],
          ['If-Modified-Since', 'Thu, 01 Jan 2026 00:00:00 GMT'],
        ],
      ],
      [
        'cache-control-twice',
        [
          ['X-A', '1'],
          ['Cache-Control', 'no-cache'],
        ],
        [
          ['X-A', '1'],
          ['Cache-Control', 'no-cache'],
        ],
      ],
      [
        'pragma-twice',
        [
          ['X-A', '1'],
          ['Pragma', 'no-cache'],
        ],
        [
          ['X-A', '1'],
          ['Pragma', 'no-cache'],
        ],
      ],
    ] as Array<[string, HeaderList, HeaderList]>
  ).map(([id, first, second]) =>
    sequence(
      `cache-conditional-${id}`,
      'cache-mode',
      `PUT with ${first.map(([n]) => n).join(', ')}, then with ${second.map(([n]) => n).join(', ')}`,
      [after(0, put(first)), after(0, put(second))],
      { preflight: FIXED_PREFLIGHT, record: WIRE_CACHE_HEADERS },
    ),
  ),
  // A Range request and a compressed answer.
  ...(
    [
      ['range-gzip-200', { headers: [['Range', 'bytes=0-10']] }, GZIP_OK],
      ['range-gzip-206', { headers: [['Range', 'bytes=0-10']] }, { ...GZIP_OK, status: 206 }],
      ['range-unsafe-gzip', { headers: [['Range', 'bytes=0-1,3-4']] }, GZIP_OK],
      ['range-no-cors-gzip', { mode: 'no-cors', headers: [['Range', 'bytes=0-10']] }, GZIP_OK],
      ['range-put-gzip', { method: 'PUT', headers: [['Range', 'bytes=0-10']] }, GZIP_OK],
      ['no-range-gzip', {}, GZIP_OK],
    ] as Array<[string, RequestSpec, Answer]>
  ).map(([id, request, actual]) =>
    single(
      `fuzz-${id}`,
      'range',
      `${JSON.stringify(request)} answered with Content-Encoding: gzip`,
      request,
      {
        actual,
        read: ['content-encoding'],
        record: ['range'],
      },
    ),
  ),
  // Range spellings on the wire, by method and bound.
  ...(
    [
      ['get-int64-max-minus-one', {}, 'bytes = 0-9223372036854775806'],
      ['get-int64-max', {}, 'bytes = 0-9223372036854775807'],
      ['get-start-int64-max', {}, 'bytes = 9223372036854775807-'],
      ['put-spaces', { method: 'PUT' }, 'bytes = 00-01'],
      ['post-spaces', { method: 'POST', body: TEXT_BODY }, 'bytes = 00-01'],
      ['no-cors-spaces', { mode: 'no-cors' }, 'bytes = 00-01'],
    ] as Array<[string, RequestSpec, string]>
  ).map(([id, request, value]) =>
    single(
      `wire-range-${id}`,
      'range',
      `Range: ${value} on ${JSON.stringify(request)}`,
      { ...request, headers: [['Range', value]] },
      {
        record: ['range'],
      },
    ),
  ),
  // Client hints through a redirect.
  ...(
    [
      ['rtt-empty', 'RTT', ''],
      ['device-memory-bad', 'Device-Memory', 'abc'],
      ['dpr-good', 'DPR', '2'],
      ['viewport-width-bad', 'Viewport-Width', '1.5'],
      ['width-good', 'Width', '300'],
      ['downlink-good', 'Downlink', '10'],
      ['ect-good', 'ECT', '4g'],
      ['save-data-good', 'Save-Data', 'on'],
      ['save-data-bad', 'Save-Data', '10'],
    ] as Array<[string, string, string]>
  ).flatMap(([id, name, value]) => [
    single(
      `client-hint-${id}-redirect`,
      'client-hint',
      `${name}: ${JSON.stringify(value)}, redirected to the same origin`,
      { headers: [[name, value]] },
      {
        actual: answer(302, [['Location', routeUrl('api', 'b')], ...ALLOW_PAGE]),
        routes: { b: { preflight: echoPreflight(null), actual: OK } },
        record: [name.toLowerCase()],
      },
    ),
    single(
      `client-hint-${id}-plain`,
      'client-hint',
      `${name}: ${JSON.stringify(value)}`,
      { headers: [[name, value]] },
      {
        record: [name.toLowerCase()],
      },
    ),
  ]),
  // Stream bodies in the other modes, and the order of the Request constructor's checks.
  single('mode-same-origin-stream', 'mode', "mode 'same-origin' POST with a stream body", {
    mode: 'same-origin',
    method: 'POST',
    ...STREAM_UPLOAD,
  }),
  single('mode-same-origin-stream-header', 'mode', "mode 'same-origin' PUT with a stream body and X-A", {
    mode: 'same-origin',
    method: 'PUT',
    headers: [['X-A', '1']],
    ...STREAM_UPLOAD,
  }),
  // Chromium sends a same-origin-mode stream upload to another origin as a CORS request (HTTP/2).
  ...(
    [
      ['preflight-refused', 'the preflight refused', { preflight: answer(204, []) }],
      ['actual-no-acao', 'answered without Access-Control-Allow-Origin', { actual: answer(200, []) }],
      [
        'read-unexposed',
        'reading an unexposed response header',
        { actual: answer(200, [...ALLOW_PAGE, ['X-Secret', '1']]), read: ['x-secret', 'content-length'] },
      ],
    ] satisfies Array<[string, string, CaseOptions]>
  ).map(([id, title, options]) =>
    single(
      `mode-same-origin-stream-${id}`,
      'mode',
      `mode 'same-origin' POST with a stream body, ${title}`,
      { mode: 'same-origin', method: 'POST', ...STREAM_UPLOAD },
      options,
    ),
  ),
  single('body-stream-get-half', 'body', "GET with a stream body, duplex 'half'", {
    ...STREAM_UPLOAD,
  }),
  single(
    'mode-same-origin-stream-only-if-cached',
    'mode',
    "mode 'same-origin' OPTIONS with a stream body and cache: 'only-if-cached'",
    {
      mode: 'same-origin',
      method: 'OPTIONS',
      cache: 'only-if-cached',
      ...STREAM_UPLOAD,
    },
  ),
  single('body-stream-only-if-cached', 'body', "a stream body with cache: 'only-if-cached'", {
    method: 'POST',
    cache: 'only-if-cached',
    ...STREAM_UPLOAD,
  }),
  single('body-stream-no-cors-put', 'body', 'a stream body on a no-cors PUT', {
    method: 'PUT',
    mode: 'no-cors',
    ...STREAM_UPLOAD,
  }),
  // Repeated names on the wire.
  ...(
    [
      ['accept-language-empty-first', 'Accept-Language', ['', 'en']],
      ['accept-empty-last', 'Accept', ['text/html', '']],
      ['accept-empty-middle', 'Accept', ['text/html', '', 'text/plain']],
      ['if-modified-since', 'If-Modified-Since', ['1', '2']],
      ['authorization', 'Authorization', ['a', 'b']],
      ['x-a-empty-first', 'X-A', ['', '2']],
      ['x-a-empty-last', 'X-A', ['1', '']],
      ['content-type-comma-first', 'Content-Type', ['text/plain, application/json', 'text/html']],
      ['content-type-html-then-plain', 'Content-Type', ['text/html', 'text/plain']],
      ['content-type-comma-quoted', 'Content-Type', ['text/plain; a="b,c"', 'text/html']],
      ['content-disposition', 'Content-Disposition', ['a', 'b']],
      ['user-agent', 'User-Agent', ['a', 'b']],
      ['from', 'From', ['a', 'b']],
      ['max-forwards', 'Max-Forwards', ['1', '2']],
      ['location', 'Location', ['a', 'b']],
      ['if-none-match', 'If-None-Match', ['"a"', '"b"']],
      ['if-range', 'If-Range', ['"a"', '"b"']],
      ['if-match', 'If-Match', ['"a"', '"b"']],
      ['content-location', 'Content-Location', ['a', 'b']],
      ['etag', 'ETag', ['"a"', '"b"']],
    ] as Array<[string, string, string[]]>
  ).map(([id, name, values]) =>
    single(
      `wire-repeat-${id}`,
      'header',
      `${name} appended with ${JSON.stringify(values)}`,
      {
        method: 'POST',
        body: TEXT_BODY,
        headers: values.map((value): [string, string] => [name, value]),
      },
      { record: [name.toLowerCase()] },
    ),
  ),
  // Content-Type values with commas, alone.
  ...(
    [
      ['comma-json', 'text/plain, application/json'],
      ['comma-plain-last', 'application/json, text/plain'],
      ['comma-quoted', 'text/plain; a="b,c"'],
      ['comma-trailing', 'text/plain,'],
      ['comma-leading', ',text/plain'],
      ['comma-params', 'text/plain;charset=utf-8, text/html'],
    ] as Array<[string, string]>
  ).map(([id, value]) =>
    single(
      `safelisted-content-type-${id}`,
      'safelisted-header',
      `Content-Type: ${JSON.stringify(value)}`,
      {
        method: 'POST',
        body: TEXT_BODY,
        headers: [['Content-Type', value]],
      },
      { record: ['content-type'] },
    ),
  ),
  // Headers WebKit may treat apart.
  ...(
    [
      ['cache-control-post', { method: 'POST', body: TEXT_BODY, headers: [['Cache-Control', 'no-cache']] }],
      ['pragma-get', { headers: [['Pragma', 'no-cache']] }],
      [
        'method-override-put-post',
        { method: 'POST', body: TEXT_BODY, headers: [['X-HTTP-Method-Override', 'PUT']] },
      ],
      [
        'cache-control-and-x-a',
        {
          headers: [
            ['Cache-Control', 'no-cache'],
            ['X-A', '1'],
          ],
        },
      ],
    ] as Array<[string, RequestSpec]>
  ).map(([id, request]) =>
    single(`header-${id}`, 'header', `request headers ${JSON.stringify(request.headers)}`, request, {
      record: (request.headers ?? []).map(([name]) => name.toLowerCase()),
    }),
  ),

  // Range through Chromium's HTTP cache: which requests go out re-serialized.
  ...(
    [
      ['no-store', { cache: 'no-store' }],
      ['reload', { cache: 'reload' }],
      ['no-cache', { cache: 'no-cache' }],
      ['force-cache', { cache: 'force-cache' }],
      ['if-none-match', { headers: [['If-None-Match', '"a"']] }],
      ['head', { method: 'HEAD' }],
      ['credentials-include', { credentials: 'include' }],
    ] as Array<[string, RequestSpec]>
  ).map(([id, request]) =>
    single(
      `wire-range-spaces-${id}`,
      'range',
      `Range: bytes = 00-01 on ${JSON.stringify(request)}`,
      {
        ...request,
        headers: [...(request.headers ?? []), ['Range', 'bytes = 00-01']],
      },
      { record: ['range', 'cache-control'] },
    ),
  ),
  // Content-Type appended on a POST without a body.
  ...(
    [
      ['plain-then-html', ['text/plain', 'text/html']],
      ['invalid-then-html', ['text/plain/x, application/json', 'text/html']],
      ['invalid-then-plain', ['text/plain/x', 'text/plain']],
      // An empty value: Firefox lets it replace other names, but not a Content-Type with a body (seed 204).
      ['plain-then-empty', ['text/plain', '']],
      ['empty-then-plain', ['', 'text/plain']],
    ] as Array<[string, string[]]>
  ).flatMap(([id, values]) => [
    single(
      `wire-repeat-content-type-no-body-${id}`,
      'header',
      `Content-Type appended with ${JSON.stringify(values)}, no body`,
      {
        method: 'POST',
        headers: values.map((value): [string, string] => ['Content-Type', value]),
      },
      { record: ['content-type'] },
    ),
    single(
      `wire-repeat-content-type-body-${id}`,
      'header',
      `Content-Type appended with ${JSON.stringify(values)}, a string body`,
      {
        method: 'POST',
        body: TEXT_BODY,
        headers: values.map((value): [string, string] => ['Content-Type', value]),
      },
      { record: ['content-type'] },
    ),
  ]),
  single(
    'safelisted-content-type-comma-in-param',
    'safelisted-header',
    'Content-Type: text/plain;a=1,b=2',
    {
      method: 'POST',
      body: TEXT_BODY,
      headers: [['Content-Type', 'text/plain;a=1,b=2']],
    },
    { record: ['content-type'] },
  ),
  // Chromium's 1024-byte budget, reached with client hints, with and without the browser's own Accept.
  ...([1021, 1022, 1024] as const).flatMap((total) =>
    ([false, true] as const).map((ownAccept) =>
      single(
        `safelisted-budget-hints-${total}${ownAccept ? '-own-accept' : ''}`,
        'safelisted-header',
        `numeric client hints and languages totalling ${total} bytes${ownAccept ? ', plus Accept: a' : ''}`,
        { headers: budgetHeaders(total, ownAccept) },
        { record: ['accept'] },
      ),
    ),
  ),
  // Access-Control-Max-Age at the edges: cached at all (0 ms), and for longer than the default (6.5 s).
  ...(
    [
      ['plus-10', '+10'],
      ['minus-0', '-0'],
      ['fraction', '10.5'],
      ['empty', ''],
      ['exponent', '1e1'],
      ['leading-zero', '010'],
      ['hex', '0x10'],
      ['twenty-digits', '99999999999999999999'],
      ['uint64-max-plus-one', '18446744073709551616'],
      ['int64-max', '9223372036854775807'],
      ['int64-max-plus-one', '9223372036854775808'],
      ['uint32-max-plus-one', '4294967296'],
      ['uint32-wraps-to-10', '4294967306'],
      ['list-10-20', '10, 20'],
      ['list-20-10', '20, 10'],
      ['negative-twenty-digits', '-99999999999999999999'],
      ['trailing-space', '10 '],
    ] as Array<[string, string]>
  ).flatMap(([name, maxAge]) =>
    [0, 6500].map((delayMs) =>
      sequence(
        `cache-max-age-${name}-after-${delayMs}ms`,
        'cache',
        `two identical PUTs ${delayMs} ms apart, Max-Age ${JSON.stringify(maxAge)}`,
        [after(0, put()), after(delayMs, put())],
        { preflight: echoPreflight(maxAge) },
      ),
    ),
  ),
  single(
    'body-stream-patch-no-duplex-only-if-cached',
    'body',
    "PATCH with a stream body, no duplex, cache: 'only-if-cached'",
    {
      method: 'PATCH',
      cache: 'only-if-cached',
      body: { kind: 'stream', chunks: ['hi'] },
    },
  ),
  single('body-stream-patch-no-duplex', 'body', 'PATCH with a stream body and no duplex', {
    method: 'PATCH',
    body: { kind: 'stream', chunks: ['hi'] },
  }),
  single('body-stream-no-cors-options', 'body', 'a no-cors OPTIONS with a stream body', {
    method: 'OPTIONS',
    mode: 'no-cors',
    ...STREAM_UPLOAD,
  }),
  // A preflight that fails on the method: is its answer cached for the headers it allowed?
  ...(
    [
      ['credentials', 'include', '*'],
      ['no-credentials', 'omit', '*'],
      ['named-header', 'omit', 'x-a'],
    ] as Array<[string, RequestCredentials, string]>
  ).map(([id, credentials, allowHeaders]) =>
    sequence(
      `cache-failed-method-then-header-${id}`,
      'cache',
      `FOO refused by Allow-Methods (Allow-Headers: ${allowHeaders}, credentials ${credentials}), then a GET with X-A`,
      [
        after(0, { method: 'FOO', headers: [['X-A', '1']], credentials }),
        after(0, { headers: [['X-A', '1']] }),
      ],
      {
        preflight: answer(204, [
          ...ALLOW_PAGE,
          ['Access-Control-Allow-Methods', 'GET, POST'],
          ['Access-Control-Allow-Headers', allowHeaders],
          ['Access-Control-Max-Age', '10'],
        ]),
      },
    ),
  ),
  // Redirects found by the fuzzer: a re-preflight that lacks Allow-Methods, and Origin after 303.
  single(
    'redirect-307-put-third-no-allow-methods',
    'redirect',
    '307 on a preflighted PUT to a third origin whose preflight answer has no Allow-Methods',
    { method: 'PUT', body: TEXT_BODY },
    {
      actual: answer(307, [['Location', routeUrl('third', 'b')], ...ALLOW_PAGE]),
      routes: {
        b: {
          preflight: answer(204, [...ALLOW_PAGE, ['Access-Control-Allow-Headers', '{acrh}']]),
          actual: answer(200, [['Access-Control-Allow-Origin', '*']]),
        },
      },
    },
  ),
  ...(
    [
      [303, 'api'],
      [302, 'api'],
      [307, 'api'],
      [302, 'third'],
      [307, 'third'],
    ] as const
  ).map(([status, target]) =>
    single(
      `redirect-no-cors-post-${status}-${target === 'api' ? 'same' : 'third'}`,
      'redirect',
      `no-cors POST answered ${status} to ${target === 'api' ? 'the same' : 'a third'} origin`,
      { mode: 'no-cors', method: 'POST', body: TEXT_BODY },
      {
        actual: answer(status, [['Location', routeUrl(target, 'b')]]),
        routes: { b: { preflight: ALLOW_ANY_PREFLIGHT, actual: answer(200, []) } },
      },
    ),
  ),
  single(
    'redirect-cors-post-303-third',
    'redirect',
    'POST answered 303 to a third origin',
    { method: 'POST', body: TEXT_BODY },
    {
      actual: answer(303, [['Location', routeUrl('third', 'b')], ...ALLOW_PAGE]),
      routes: {
        b: { preflight: ALLOW_ANY_PREFLIGHT, actual: answer(200, [['Access-Control-Allow-Origin', '*']]) },
      },
    },
  ),
  // The no-cors guard with each engine's own value rules.
  ...(
    [
      ['comma', 'text/plain;a=1, text/html'],
      ['non-ascii', 'text/plain; charset=caf\u00e9'],
    ] as Array<[string, string]>
  ).map(([id, value]) =>
    noCors(
      `content-type-${id}`,
      `no-cors GET with Content-Type: ${JSON.stringify(value)}`,
      { headers: [['Content-Type', value]] },
      ['content-type'],
    ),
  ),
  single(
    'fuzz-range-gzip-redirect',
    'range',
    'a Range GET redirected by a gzip-encoded 302, then answered plainly',
    { headers: [['Range', 'bytes=0-10']] },
    {
      actual: answer(302, [['Location', routeUrl('api', 'b')], ...ALLOW_PAGE], { gzip: true }),
      routes: { b: { preflight: ALLOW_ANY_PREFLIGHT, actual: answer(200, ALLOW_PAGE) } },
      record: ['range'],
    },
  ),
  ...(
    [
      ['content-language-127-then-empty', 'Content-Language', ['d'.repeat(127), '']],
      ['content-language-126-then-empty', 'Content-Language', ['d'.repeat(126), '']],
      ['accept-127-then-empty', 'Accept', ['a'.repeat(127), '']],
      ['accept-empty-then-127', 'Accept', ['', 'a'.repeat(127)]],
    ] as Array<[string, string, string[]]>
  ).map(([id, name, values]) =>
    single(
      `safelisted-${id}`,
      'safelisted-header',
      `${name} appended with ${values.map((v) => `${v.length} bytes`).join(' and ')}`,
      {
        headers: values.map((value): [string, string] => [name, value]),
      },
      { record: [name.toLowerCase()] },
    ),
  ),
  ...(
    [
      ['', 'GET', 307],
      ['-head', 'HEAD', 307],
      ['-head-302', 'HEAD', 302],
      ['-post', 'POST', 307],
    ] as Array<[string, string, number]>
  ).map(([suffix, method, status]) =>
    single(
      `redirect-no-cors-credentials${suffix}-third`,
      'redirect',
      `no-cors ${method} with credentials include answered ${status} to a third origin`,
      {
        mode: 'no-cors',
        credentials: 'include',
        ...(method === 'GET' ? {} : { method }),
        ...(method === 'POST' ? { body: TEXT_BODY } : {}),
      },
      {
        actual: answer(status, [['Location', routeUrl('third', 'b')]]),
        routes: { b: { preflight: ALLOW_ANY_PREFLIGHT, actual: answer(200, []) } },
      },
    ),
  ),
  ...(
    [
      ['301-delete-same', 301, 'DELETE', 'api'],
      ['302-put-same', 302, 'PUT', 'api'],
      ['301-delete-third', 301, 'DELETE', 'third'],
      ['302-patch-third', 302, 'PATCH', 'third'],
      ['301-put-third', 301, 'PUT', 'third'],
      ['302-delete-third', 302, 'DELETE', 'third'],
      ['301-patch-third', 301, 'PATCH', 'third'],
      // Which methods WebKit turns into GET on a cross-origin 301/302 (DELETE alone, measured so far).
      ['302-delete-lowercase-third', 302, 'delete', 'third'],
      ['302-options-third', 302, 'OPTIONS', 'third'],
      ['301-custom-third', 301, 'FOO', 'third'],
      ['307-delete-third', 307, 'DELETE', 'third'],
      ['308-delete-third', 308, 'DELETE', 'third'],
      ['303-delete-third', 303, 'DELETE', 'third'],
      ['303-put-third', 303, 'PUT', 'third'],
    ] as Array<[string, number, string, 'api' | 'third']>
  ).map(([id, status, method, server]) =>
    single(
      `redirect-${id}`,
      'redirect',
      `${status} on a preflighted ${method} to ${server}`,
      { method },
      {
        actual: answer(status, [['Location', routeUrl(server, 'b')], ...ALLOW_PAGE]),
        routes: {
          b: {
            preflight: answer(204, [
              ['Access-Control-Allow-Origin', '*'],
              ['Access-Control-Allow-Methods', '*'],
            ]),
            actual: answer(200, [['Access-Control-Allow-Origin', '*']]),
          },
        },
      },
    ),
  ),
  single(
    'wire-cache-redirect-no-cache-third-no-cors',
    'cache-mode',
    "no-cors GET with cache: 'no-cache', redirected to a third origin",
    { mode: 'no-cors', cache: 'no-cache' },
    {
      actual: answer(302, [['Location', routeUrl('third', 'b')]]),
      routes: { b: { preflight: ALLOW_ANY_PREFLIGHT, actual: answer(200, []) } },
      record: WIRE_CACHE_HEADERS,
    },
  ),
  // Expose-Headers lists that mix * with invalid items.
  ...(
    [
      ['star-and-invalid', '*, bad header'],
      ['star-and-semicolon', '*, X-Custom;'],
      ['name-and-invalid', 'X-Custom, bad header'],
      ['empty-then-star', ', *'],
      ['star-and-quoted', '*, "x"'],
    ] as Array<[string, string]>
  ).flatMap(([id, value]) =>
    (['omit', 'include'] as const).map((credentials) =>
      single(
        `expose-${id}-${credentials}`,
        'expose',
        `Expose-Headers: ${value}, credentials ${credentials}`,
        { credentials },
        {
          actual: answer(200, [
            ...ALLOW_PAGE,
            ['Access-Control-Expose-Headers', value],
            ['X-Custom', 'v'],
            ['X-Other', 'w'],
          ]),
          read: ['x-custom', 'x-other'],
        },
      ),
    ),
  ),
  // What a no-cors request sends as the Content-Type of a Blob body.
  ...(
    [
      'application/json',
      'text/html',
      'text/plain',
      'text/plain, application/json',
      'TEXT/PLAIN;charset=x',
    ] as const
  ).map((type) =>
    single(
      `no-cors-blob-${slug(type)}`,
      'no-cors',
      `no-cors POST with a Blob of type ${type}`,
      {
        mode: 'no-cors',
        method: 'POST',
        body: { kind: 'blob', text: 'hi', type },
      },
      { actual: NO_CORS_SERVER, record: ['content-type'] },
    ),
  ),
];

export const CASES: TestCase[] = [
  ...methodCases,
  ...safelistedCases,
  ...safelistedSizeCases,
  ...headerCases,
  ...forbiddenCases,
  ...bodyCases,
  ...credentialCases,
  ...preflightCases,
  ...exposeCases,
  ...modeCases,
  ...redirectCases,
  ...maxAgeCases,
  ...cacheEntryCases,
  ...fuzzFoundCases,
];

/** Fails loudly on a corpus mistake that would make results ambiguous. */
export function checkCorpus(cases: TestCase[]): void {
  const seen = new Set<string>();
  for (const testCase of cases) {
    if (!/^[\w-]+$/.test(testCase.id)) throw new Error(`case id is not url-safe: ${testCase.id}`);
    if (seen.has(testCase.id)) throw new Error(`duplicate case id: ${testCase.id}`);
    seen.add(testCase.id);
  }
}

checkCorpus([...CASES, ...MAX_AGE_CAP_CASES]);
