// The fuzzer's grammar: fast-check arbitraries that draw request shapes and server answers from
// the whole model, biased toward the edges (limits, byte classes, spellings). Plain data out, like
// the hand-written corpus, so a drawn case runs through the same page, servers and model.
import fc from 'fast-check';
import type { Answer, BodySpec, RequestSpec, Route, Step } from '../types.ts';

type Header = [string, string];
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const joined = (parts: fc.Arbitrary<string>, maxLength: number) =>
  fc.array(parts, { minLength: 1, maxLength }).map((list) => list.join(''));
/** A header name as a script might spell it: as listed, lowercase or uppercase. */
const spelled = (name: string) => pick(name, name.toLowerCase(), name.toUpperCase());
const repeatTo = (text: string, length: number) =>
  text.repeat(Math.ceil(length / text.length)).slice(0, length);
/** Lengths around the 128-byte value limit, and short ones. */
const nearLimit = pick(1, 8, 100, 127, 128, 129, 200);

// ---------------------------------------------------------------------------------------------
// Request header values, per safelisted name: every byte class, every limit.

const UNSAFE_BYTES = ['"', '(', ')', ':', '<', '>', '?', '@', '[', '\\', ']', '{', '}', '\u007f', '\u0001'];
const acceptValue = fc.oneof(
  pick('*/*', 'application/json', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', '', 'text/*'),
  joined(pick('text/html', ',', ';q=0.5', ' ', '\t', 'a', '\u00e9', '\u00ff', '\u0080', ...UNSAFE_BYTES), 6),
  fc.tuple(nearLimit, pick('a', 'x/y,')).map(([length, text]) => repeatTo(text, length)),
);
const languageValue = fc.oneof(
  pick('en-US', 'de-CH,de;q=0.9,en;q=0.8', '*', '', 'de, en-GB', 'de;q=1'),
  joined(pick('en', '-', 'US', ',', ';', 'q=0.5', '*', ' ', '_', '/', '"', '.', '=', '!', '\u00e9'), 6),
  fc.tuple(nearLimit, pick('e', 'en,')).map(([length, text]) => repeatTo(text, length)),
);
const contentTypeValue = fc.oneof(
  fc
    .tuple(
      pick('', ' '),
      pick(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'TEXT/Plain',
        'application/json',
        'text/html',
        'text/plain/x',
        'text',
        'text/ plain',
        '',
      ),
      pick(
        '',
        ';charset=utf-8',
        '; boundary=abc',
        ';',
        ' ',
        ',text/plain',
        ', application/json',
        ',',
        ', ',
        '; a="b,c"',
        '; a="b"',
        '; a={b}',
        '; charset=caf\u00e9',
        ';charset=utf-8, text/html',
      ),
    )
    .map((parts) => parts.join('')),
  fc
    .tuple(nearLimit, pick('text/plain;a=', 'text/plain,'))
    .map(([length, head]) =>
      `${head}${'x'.repeat(Math.max(0, length - head.length))}`.slice(0, Math.max(length, head.length)),
    ),
);
const rangeBound = pick(
  '',
  '0',
  '1',
  '5',
  '00',
  '10',
  '9223372036854775806',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
);
const rangeValue = fc.oneof(
  fc
    .tuple(
      pick('bytes=', 'BYTES=', 'Bytes=', 'bytes =', 'bytes= ', 'items=', 'bytes'),
      rangeBound,
      pick('-', ' - ', ''),
      rangeBound,
      pick('', ' ', ',3-4', ', 3-4'),
    )
    .map((parts) => parts.join('')),
  pick('bytes=0-', 'bytes=0-10', 'bytes=-5', 'bytes=1-0'),
);

const SAFELISTED: Array<[string, fc.Arbitrary<string>]> = [
  ['Accept', acceptValue],
  ['Accept-Language', languageValue],
  ['Content-Language', languageValue],
  ['Content-Type', contentTypeValue],
  ['Range', rangeValue],
];

const CLIENT_HINT_NAMES = [
  'DPR',
  'Downlink',
  'Save-Data',
  'Viewport-Width',
  'Width',
  'Device-Memory',
  'RTT',
  'ECT',
];
const clientHintValue = pick(
  '1',
  '2.5',
  '0',
  '-1',
  'abc',
  'on',
  'off',
  'On',
  '4g',
  'slow-2g',
  '5g',
  '1e3',
  '.5',
  '5.',
  '',
  '10',
);

/** Request headers outside the safelist that real code sends, plus names some engine may treat specially. */
const OTHER_NAMES = [
  'X-A',
  'X-B',
  'Authorization',
  'Cache-Control',
  'Pragma',
  'If-None-Match',
  'If-Modified-Since',
  'If-Match',
  'If-Unmodified-Since',
  'If-Range',
  'Viewport-Height',
  'Purpose',
  'Priority',
  'Prefer',
  'Content-Encoding',
  'Content-Disposition',
  'Early-Data',
  'Forwarded',
  'X-Requested-With',
  'Accept-Patch',
];
const otherValue = pick(
  '1',
  'no-cache',
  '"abc"',
  'Thu, 01 Jan 2026 00:00:00 GMT',
  'Bearer x',
  '',
  'a b',
  'u=1',
  'prefetch',
);

const FORBIDDEN_NAMES = [
  'Cookie',
  'Host',
  'Sec-Fetch-Mode',
  'Sec-CH-UA',
  'Proxy-Authorization',
  'Origin',
  'Referer',
  'Accept-Charset',
  'Accept-Encoding',
  'Connection',
  'Content-Length',
  'Date',
  'DNT',
  'Keep-Alive',
  'Set-Cookie',
  'Via',
  'TE',
  'Trailer',
  'Transfer-Encoding',
  'Upgrade',
  'Expect',
  'User-Agent',
  'Access-Control-Request-Method',
];
const forbiddenHeader = fc.oneof(
  fc.tuple(fc.constantFrom(...FORBIDDEN_NAMES).chain(spelled), pick('1', 'a=b', 'close', 'corskit/1')),
  fc.tuple(
    pick('X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'),
    pick('PUT', 'TRACE', 'GET, TRACE', 'connect', 'track ', 'PATCH'),
  ),
);

const header: fc.Arbitrary<Header> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(...SAFELISTED).chain(([name, value]) => fc.tuple(spelled(name), value)),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...CLIENT_HINT_NAMES).chain(spelled), clientHintValue) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...OTHER_NAMES).chain(spelled), otherValue) },
  { weight: 1, arbitrary: forbiddenHeader },
);

/** Safelisted values whose total sits around the 1024-byte budget, spread over entries of <= 128 bytes. */
const budgetHeaders: fc.Arbitrary<Header[]> = fc
  .tuple(
    pick(1015, 1018, 1020, 1021, 1022, 1024, 1025, 1028),
    pick('Accept-Language', 'Content-Language', 'Accept'),
    pick(100, 128),
  )
  .map(([total, name, each]) => {
    const list: Header[] = [];
    for (let left = total; left > 0; left -= each) list.push([name, 'e'.repeat(Math.min(each, left))]);
    return list;
  });

const headerList: fc.Arbitrary<Header[]> = fc.oneof(
  { weight: 8, arbitrary: fc.array(header, { maxLength: 4 }) },
  // The same name again, with another value: repeats are appended, never replaced.
  {
    weight: 3,
    arbitrary: fc
      .tuple(header, header)
      .map(([first, other]): Header[] => [first, [first[0], other[1]], other]),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(budgetHeaders, fc.array(header, { maxLength: 1 }))
      .map(([budget, more]) => [...budget, ...more]),
  },
);

// ---------------------------------------------------------------------------------------------
// Bodies, methods and the RequestInit options.

const body: fc.Arbitrary<BodySpec> = fc.oneof(
  pick<BodySpec>({ kind: 'string', text: 'hello' }, { kind: 'string', text: '' }),
  pick<BodySpec>(
    { kind: 'urlsearchparams', entries: [['a', '1']] },
    { kind: 'formdata', entries: [['a', '1']] },
  ),
  pick(
    '',
    'text/plain',
    'application/json',
    'TEXT/PLAIN',
    'text/plain;charset=utf-8',
    'text/plain, application/json',
    'multipart/form-data',
    'application/x-www-form-urlencoded',
    'text/html',
  ).map(
    (type): BodySpec => (type === '' ? { kind: 'blob', text: 'hi' } : { kind: 'blob', text: 'hi', type }),
  ),
  pick<BodySpec>({ kind: 'arraybuffer', bytes: [104, 105] }, { kind: 'uint8array', bytes: [104, 105] }),
  pick<BodySpec>({ kind: 'stream', chunks: ['hel', 'lo'] }),
);

const method = fc.oneof(
  { weight: 6, arbitrary: pick('GET', 'POST', 'PUT') },
  { weight: 3, arbitrary: pick('HEAD', 'DELETE', 'PATCH', 'OPTIONS', 'QUERY') },
  { weight: 3, arbitrary: pick('get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'Post') },
  { weight: 1, arbitrary: pick('FOO', 'x-custom', 'CONNECT', 'trace') },
);

/** `arbitrary`'s value `present` times in `present + absent`, else undefined (fetch's default). */
const optional = <T>(arbitrary: fc.Arbitrary<T>, present: number, absent: number) =>
  fc.oneof({ weight: present, arbitrary }, { weight: absent, arbitrary: fc.constant(undefined) });

/** One fetch() call. `target`/`route` are set by the case, since they must match its routes. */
export const requestSpec: fc.Arbitrary<RequestSpec> = fc
  .record({
    method: optional(method, 3, 1),
    headers: optional(headerList, 4, 1),
    body: optional(body, 1, 1),
    mode: optional(pick<RequestMode>('no-cors', 'no-cors', 'cors', 'same-origin'), 1, 3),
    credentials: optional(pick<RequestCredentials>('omit', 'same-origin', 'include', 'include'), 1, 1),
    cache: optional(
      pick<RequestCache>('default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'),
      1,
      1,
    ),
    redirect: optional(pick<RequestRedirect>('follow', 'error', 'manual'), 1, 6),
    halfDuplex: fc.boolean(),
    bodyOnGet: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ method, headers, body, mode, credentials, cache, redirect, halfDuplex, bodyOnGet }) => {
    // A body on GET/HEAD only throws; keep that rare so most bodies reach the wire.
    const bodyAllowed = method !== undefined && !/^(get|head)$/i.test(method);
    const spec: RequestSpec = {};
    if (method !== undefined) spec.method = method;
    if (headers !== undefined && headers.length > 0) spec.headers = headers;
    if (body !== undefined && (bodyAllowed || bodyOnGet === 0)) {
      spec.body = body;
      if (body.kind === 'stream' && halfDuplex) spec.duplex = 'half';
    }
    if (mode !== undefined) spec.mode = mode;
    if (credentials !== undefined) spec.credentials = credentials;
    if (cache !== undefined) spec.cache = cache;
    if (redirect !== undefined) spec.redirect = redirect;
    return spec;
  });

// ---------------------------------------------------------------------------------------------
// Server answers.

const allowOrigin = fc.oneof(
  { weight: 6, arbitrary: pick<Header[]>([['Access-Control-Allow-Origin', '{page}']]) },
  {
    weight: 3,
    arbitrary: pick<Header[]>(
      [['Access-Control-Allow-Origin', '*']],
      [],
      [['Access-Control-Allow-Origin', 'null']],
      [['Access-Control-Allow-Origin', '{PAGE}']],
      [['Access-Control-Allow-Origin', '{page}/']],
      [['Access-Control-Allow-Origin', ' {page} ']],
      [['Access-Control-Allow-Origin', '{page}, {page}']],
      [
        ['Access-Control-Allow-Origin', '{page}'],
        ['Access-Control-Allow-Origin', '{page}'],
      ],
    ),
  },
);
const allowCredentials = pick<Header[]>(
  [['Access-Control-Allow-Credentials', 'true']],
  [['Access-Control-Allow-Credentials', 'true']],
  [],
  [['Access-Control-Allow-Credentials', 'True']],
  [['Access-Control-Allow-Credentials', ' true ']],
);
const listHeader = (name: string, values: fc.Arbitrary<string | null>): fc.Arbitrary<Header[]> =>
  values.map((value) => (value === null ? [] : [[name, value]]));
/** Mostly the echo of what the preflight asked for, else one of `others`. */
const echoOr = (echo: string, ...others: Array<string | null>) =>
  fc.oneof({ weight: 5, arbitrary: pick<string | null>(echo) }, { weight: 4, arbitrary: pick(...others) });
const allowMethods = listHeader(
  'Access-Control-Allow-Methods',
  echoOr(
    '{acrm}',
    null,
    '*',
    '{acrm}, *',
    'PUT, DELETE, PATCH',
    'put, delete, patch',
    'GET, POST',
    'PUT;DELETE',
    '',
    'FOO, QUERY, patch, post',
    'PUT , ,DELETE',
    'OPTIONS, PUT',
  ),
);
const allowHeaders = listHeader(
  'Access-Control-Allow-Headers',
  echoOr(
    '{acrh}',
    null,
    '*',
    '*, Authorization',
    'X-A',
    'x-a, x-b, authorization',
    '',
    'X-A X-B',
    'content-type, range, accept, accept-language, content-language',
    '{acrh}, *',
    'if-none-match, if-modified-since, cache-control, pragma',
    'dpr, width, viewport-width, viewport-height, device-memory, save-data, rtt, ect, downlink',
  ),
);
/** Access-Control-Max-Age in every form: plain, signed, fractional, huge, listed, empty. */
export const maxAge = listHeader(
  'Access-Control-Max-Age',
  pick(
    null,
    null,
    '0',
    '2',
    '10',
    '10',
    '600',
    '-1',
    '-0',
    '+10',
    '10.5',
    '',
    ' 10',
    '1e1',
    '010',
    '0x10',
    'abc',
    '99999999999999999999',
    '18446744073709551616',
    '9223372036854775807',
    '4294967296',
    '10, 20',
    '10,',
    '-99999999999999999999',
  ),
);
const status = (common: number, ...rare: number[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(common) }, { weight: 2, arbitrary: pick(...rare) });

const preflightAnswer: fc.Arbitrary<Answer> = fc
  .tuple(
    status(204, 200, 299, 403, 404, 500, 302),
    allowOrigin,
    allowCredentials,
    allowMethods,
    allowHeaders,
    maxAge,
  )
  .map(([code, ...lists]) => ({ status: code, headers: lists.flat() }));

const exposeHeaders = listHeader(
  'Access-Control-Expose-Headers',
  pick(
    null,
    null,
    '*',
    'X-Custom',
    'x-custom, X-Other',
    '*, X-Custom',
    '*, bad header',
    'X-Custom, ,',
    '',
    'X Custom',
    'Set-Cookie, X-Custom',
    'X-Custom;',
    '"X-Custom"',
    'x-custom,*',
    'X-Other, *, X-Custom',
    'Content-Encoding',
    ', *',
  ),
);
const extraHeaders = fc
  .subarray<Header>([
    ['X-Custom', 'v'],
    ['X-Other', 'w'],
    ['Content-Type', 'text/plain'],
    ['Set-Cookie', 'fuzz=1; SameSite=None'],
    ['Content-Language', 'de'],
  ])
  .map((list) => [['Cache-Control', 'no-store'] as Header, ...list]);

/** An actual answer; `redirectTo`, when given, is a Location the answer may point at. */
const actualAnswer = (redirectTo: fc.Arbitrary<string> | null): fc.Arbitrary<Answer> =>
  fc
    .tuple(
      redirectTo === null
        ? status(200, 201, 204, 206, 400, 404, 500)
        : status(200, 201, 204, 206, 400, 500, 301, 302, 303, 307, 308),
      allowOrigin,
      allowCredentials,
      exposeHeaders,
      extraHeaders,
      redirectTo ?? fc.constant(''),
      fc.boolean(),
    )
    .map(([code, origin, credentials, expose, extra, location, gzip]) => {
      const headers = [...origin, ...credentials, ...expose, ...extra];
      if (code >= 300 && code < 400) headers.push(['Location', location]);
      const answer: Answer = { status: code, headers };
      if (gzip && code !== 204) answer.gzip = true;
      return answer;
    });

/** Routes `a` (which may redirect to `b`) and `b`. */
export const routes: fc.Arbitrary<Record<string, Route>> = fc
  .record({
    a: fc.record({
      preflight: preflightAnswer,
      actual: actualAnswer(pick('{api}/{run}/{case}/b', '{third}/{run}/{case}/b', 'b')),
    }),
    b: fc.record({ preflight: preflightAnswer, actual: actualAnswer(null) }),
  })
  .map(({ a, b }) => ({ a, b }));

/**
 * The steps of a case: one call, or a sequence that repeats or varies it with gaps chosen well
 * clear of the max-age values drawn (so timing never decides a result by a few ms).
 */
export const steps: fc.Arbitrary<Step[]> = fc.oneof(
  { weight: 4, arbitrary: requestSpec.map((request): Step[] => [{ delayMs: 0, request }]) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        requestSpec,
        fc.array(
          fc.tuple(
            pick(0, 0, 300, 3000, 6500),
            fc.boolean(),
            requestSpec,
            pick<'a' | 'b'>('a', 'a', 'a', 'b'),
          ),
          { minLength: 1, maxLength: 2 },
        ),
      )
      .map(([first, rest]) => [
        { delayMs: 0, request: first },
        ...rest.map(
          ([delayMs, repeat, other, route]): Step => ({
            // 6.5 s only between two steps: a third would stack delays near the larger max-ages.
            delayMs: rest.length > 1 && delayMs > 3000 ? 3000 : delayMs,
            request: repeat ? first : route === 'b' ? { ...other, route: 'b' } : other,
          }),
        ),
      ]),
  },
);
