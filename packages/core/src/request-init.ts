import { type ExtractedBody, extractBody } from './body.js';
import type { EngineProfile } from './engines.js';
import { appendHeader, collectHeaders, type HeaderEntry, hasHeader } from './header-list.js';
import { isToken } from './http.js';
import { isCorsSafelistedMethod, isForbiddenMethod, normalizeMethod } from './methods.js';
import { isNetworkScheme, type ParsedUrl, parseUrl } from './url.js';

/** What the Request constructor makes of `(input, init)`, as far as CORS cares. */
export interface ParsedRequest {
  url: ParsedUrl;
  mode: RequestMode;
  credentials: RequestCredentials;
  method: string;
  redirect: RequestRedirect;
  cache: RequestCache;
  referrerPolicy: ReferrerPolicy;
  body: ExtractedBody;
  /** The body to send: the init's body, or the Request input's. */
  source: BodyInit | null;
  /** The header list, repeats kept apart, as the script set it (after the guard). */
  entries: HeaderEntry[];
  /** Lowercase names the guard silently dropped. */
  dropped: string[];
}

const enumSet = <T extends string>(...values: T[]): ReadonlySet<T> => new Set(values);
const MODES = enumSet<RequestMode>('cors', 'no-cors', 'same-origin');
const CREDENTIALS = enumSet<RequestCredentials>('omit', 'same-origin', 'include');
const REDIRECTS = enumSet<RequestRedirect>('follow', 'error', 'manual');
const CACHES = enumSet<RequestCache>(
  'default',
  'no-store',
  'reload',
  'no-cache',
  'force-cache',
  'only-if-cached',
);
const PRIORITIES = enumSet('high', 'low', 'auto');
const DUPLEXES = enumSet('half');
const REFERRER_POLICIES = enumSet<ReferrerPolicy>(
  '',
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
);
const KEEPALIVE_BODY_LIMIT = 64 * 1024;

type ExtendedInit = RequestInit & { duplex?: string; priority?: string };

/**
 * Runs the Request constructor's checks on `(input, init)` for a page at `origin`, throwing the
 * TypeError it throws, and returns what the request will be.
 */
export function parseRequest(
  input: string | URL | Request,
  init: ExtendedInit | undefined,
  origin: string,
  profile: EngineProfile,
): ParsedRequest {
  const request = typeof Request !== 'undefined' && input instanceof Request ? input : undefined;
  const url = resolveUrl(request ? request.url : String(input), origin);

  const mode = member(init?.mode ?? request?.mode ?? 'cors', MODES, 'mode');
  const credentials = member(
    init?.credentials ?? request?.credentials ?? 'same-origin',
    CREDENTIALS,
    'credentials',
  );
  const redirect = member(init?.redirect ?? request?.redirect ?? 'follow', REDIRECTS, 'redirect');
  const cache = member(init?.cache ?? request?.cache ?? 'default', CACHES, 'cache');
  const referrerPolicy = member(
    init?.referrerPolicy ?? request?.referrerPolicy ?? '',
    REFERRER_POLICIES,
    'referrerPolicy',
  );
  if (init?.priority !== undefined) member(init.priority, PRIORITIES, 'priority');
  if (init?.duplex !== undefined) member(init.duplex, DUPLEXES, 'duplex');
  if (init?.window !== undefined && init.window !== null) {
    throw new TypeError('RequestInit.window can only be null.');
  }
  if (typeof init?.referrer === 'string' && init.referrer !== '' && init.referrer !== 'about:client') {
    if (parseUrl(init.referrer, origin === 'null' ? undefined : origin) === null) {
      throw new TypeError(`Invalid referrer ${JSON.stringify(init.referrer)}: it must be a URL.`);
    }
  }
  const method = checkMethod(init?.method ?? request?.method ?? 'GET');

  const hasInitBody = init?.body !== undefined && init.body !== null;
  let source = hasInitBody ? init!.body! : init?.body === null ? null : (request?.body ?? null);
  let body: ExtractedBody = hasInitBody
    ? extractBody(source)
    : { kind: source === null ? 'none' : 'buffer', contentType: null };
  if (body.kind === 'stream' && hasInitBody) {
    if (profile.streamBodies === 'unsupported') {
      // The Request constructor's own TypeErrors come first; the upload is refused after them.
      if (method === 'GET' || method === 'HEAD') checkBody(body, source, method, mode, init, undefined);
      checkModeRules(method, mode, cache);
      throw new DOMException('ReadableStream uploading is not supported', 'NotSupportedError');
    }
    if (profile.streamBodies === 'stringified') {
      source = String(source);
      body = extractBody(source);
    }
  }
  checkBody(body, source, method, mode, init, request?.keepalive);

  checkModeRules(method, mode, cache);

  const dropped: string[] = [];
  const entries = collectHeaders(init?.headers ?? request?.headers, mode, profile, dropped);
  if (body.contentType !== null && !hasHeader(entries, 'content-type')) {
    // WebKit keeps a Blob's type on a no-cors request although the no-cors guard would drop it.
    const guard = profile.noCorsKeepsBodyType ? 'cors' : mode;
    appendHeader(entries, 'content-type', body.contentType, guard, profile, dropped);
  }
  const unique = dropped.length > 1 ? [...new Set(dropped)] : dropped;
  return {
    url,
    mode,
    credentials,
    method,
    redirect,
    cache,
    referrerPolicy,
    body,
    source,
    entries,
    dropped: unique,
  };
}

function checkModeRules(method: string, mode: RequestMode, cache: RequestCache): void {
  if (mode === 'no-cors' && !isCorsSafelistedMethod(method)) {
    throw new TypeError(`${method} is not allowed in no-cors mode: only GET, HEAD and POST are.`);
  }
  if (cache === 'only-if-cached' && mode !== 'same-origin') {
    throw new TypeError(`cache: 'only-if-cached' can only be used with mode: 'same-origin'.`);
  }
}

function resolveUrl(input: string, origin: string): ParsedUrl {
  const url = parseUrl(input, origin === 'null' ? undefined : origin);
  if (url === null) throw new TypeError(`Invalid URL ${JSON.stringify(input)}.`);
  if (url.hasCredentials) {
    throw new TypeError(
      `The URL ${url.href} includes credentials (user:password@): send them in a header instead.`,
    );
  }
  if (!isNetworkScheme(url.protocol) && url.protocol !== 'data:') {
    throw new TypeError(`fetch() cannot load ${url.protocol} URLs: use http, https or data.`);
  }
  return url;
}

function member<T extends string>(value: unknown, allowed: ReadonlySet<T>, option: string): T {
  const text = String(value);
  if (!allowed.has(text as T)) {
    const hint = text === 'navigate' ? ' (navigate is for navigations, not fetch())' : '';
    const choices = [...allowed].map((v) => JSON.stringify(v)).join(', ');
    throw new TypeError(`Invalid ${option} ${JSON.stringify(text)}${hint}: use one of ${choices}.`);
  }
  return text as T;
}

function checkMethod(raw: unknown): string {
  const method = String(raw);
  if (!isToken(method))
    throw new TypeError(`Invalid method ${JSON.stringify(method)}: a method is an HTTP token.`);
  if (isForbiddenMethod(method)) {
    throw new TypeError(`The ${method.toUpperCase()} method is forbidden in browsers: fetch() refuses it.`);
  }
  return normalizeMethod(method);
}

function checkBody(
  body: ExtractedBody,
  source: BodyInit | null,
  method: string,
  mode: RequestMode,
  init: ExtendedInit | undefined,
  requestKeepalive: boolean | undefined,
): void {
  if (body.kind === 'none') return;
  if (method === 'GET' || method === 'HEAD') {
    throw new TypeError(`A ${method} request cannot have a body: send it with POST (or another method).`);
  }
  const keepalive = init?.keepalive ?? requestKeepalive ?? false;
  if (body.kind === 'stream') {
    const stream = source as ReadableStream;
    if (stream.locked) throw new TypeError('The ReadableStream body is locked (already being read).');
    if (keepalive) throw new TypeError('A keepalive request cannot have a ReadableStream body.');
    if (init?.body !== undefined && init.duplex !== 'half') {
      throw new TypeError(`A ReadableStream body needs duplex: 'half' in the request init.`);
    }
    if (mode !== 'cors' && mode !== 'same-origin') {
      throw new TypeError(`A ReadableStream body cannot be sent in ${mode} mode: use cors or same-origin.`);
    }
  }
  if (keepalive) {
    const length = bodyLength(source);
    if (length !== null && length > KEEPALIVE_BODY_LIMIT) {
      throw new TypeError(`A keepalive request's body is limited to 64 KiB; this one is ${length} bytes.`);
    }
  }
}

/** Bytes a body init will send, where that is known without reading it. */
function bodyLength(source: BodyInit | null): number | null {
  if (typeof source === 'string') return new TextEncoder().encode(source).byteLength;
  if (source instanceof URLSearchParams) return source.toString().length;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return source.byteLength;
  return null;
}
