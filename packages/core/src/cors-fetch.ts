import { FORM_DATA_CONTENT_TYPE } from './body.js';
import { analyze, pageOrigin } from './classify.js';
import { type EngineProfile, engineProfile } from './engines.js';
import { CorsError, type CorsErrorCode, type CorsStage } from './errors.js';
import type { HeaderEntry } from './header-list.js';
import { checkPreflight, isGrant, refusedGrant } from './preflight.js';
import { type CacheQuery, createPreflightCache, type PreflightCache } from './preflight-cache.js';
import { preflightNeeds } from './preflight-needs.js';
import { corsCheck, readableHeaderNames } from './response-check.js';
import type { Engine } from './types.js';
import { checkOrigin, isNetworkScheme, parseUrl } from './url.js';
import { effectiveCacheMode, wireHeaders } from './wire-headers.js';

/** Options of {@link createCorsFetch}. */
export interface CorsFetchOptions {
  /** The page's origin: every request is made as if from a script on it. */
  origin: string;
  /** Whose CORS behaviour to reproduce; `spec` (the Fetch Standard) by default. */
  engine?: Engine;
  /** Sends one request over the "network" (a real fetch, msw, or a handler) and returns its answer. */
  fetch: (request: Request) => Promise<Response>;
  /** The clock for the preflight cache, in ms like Date.now. */
  now?: () => number;
  /**
   * Set when the script runs in a dedicated worker, not a document. `creatorOrigin` is the origin of
   * the document that started it; `origin` is the worker's own: the creator's for a blob: or
   * same-origin script, `null` for a data: worker. Engines treat a few requests from workers
   * differently (`EngineProfile.worker`).
   */
  worker?: WorkerOrigins;
}

/** See {@link CorsFetchOptions.worker}. */
export interface WorkerOrigins {
  /** The origin of the document that started the worker, serialized, or `null` for an opaque one. */
  creatorOrigin: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REQUEST_BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];
const MAX_REDIRECTS = 20;
/** Preflight failures of a well-formed answer that only refused this request's method or headers. */
const REFUSALS = new Set<CorsErrorCode>([
  'method-not-allowed',
  'header-not-allowed',
  'authorization-not-covered-by-wildcard',
]);

type Tainting = 'basic' | 'cors' | 'opaque';

/** One hop of a fetch: what goes on the wire next. */
interface Hop {
  url: string;
  method: string;
  /** The header list with repeats kept apart (the safelist checks entries one by one). */
  entries: HeaderEntry[];
  body: BodyInit | null;
  stream: boolean;
  tainting: Tainting;
  /** Set once a redirect makes the browser send `Origin: null`. */
  taintedOrigin: boolean;
  /** Set once an earlier hop needed a preflight (some engines then preflight every later hop). */
  neededPreflight: boolean;
  /** The request's cache mode after the conditional-request rule. */
  cache: RequestCache;
  /** Set once a redirect has taken the request to another origin. */
  crossedOrigins: boolean;
  /** Set once a hop went out with an Origin header. */
  sentOrigin: boolean;
}

interface FetchContext {
  origin: string;
  /** The worker the script runs in; null in a document. */
  worker: WorkerOrigins | null;
  profile: EngineProfile;
  send: (request: Request) => Promise<Response>;
  now: () => number;
  cache: PreflightCache;
}

/**
 * A fetch that behaves like a page script's fetch in the given engine: it sends the preflight when
 * the engine would (honouring its preflight cache), applies the CORS check, and returns the response
 * as the script would see it, or rejects with a CorsError where the engine would.
 */
export function createCorsFetch(options: CorsFetchOptions): typeof fetch {
  const origin = pageOrigin(options?.origin);
  if (typeof options.fetch !== 'function') {
    throw new TypeError(
      'createCorsFetch: options.fetch must be a function (request: Request) => Promise<Response>.',
    );
  }
  const profile = engineProfile(options.engine);
  const context: FetchContext = {
    origin,
    worker: workerOrigins(options.worker, origin),
    profile,
    send: options.fetch,
    now: options.now ?? Date.now,
    cache: createPreflightCache(profile),
  };
  return ((input: RequestInfo | URL, init?: RequestInit) => corsFetch(context, input, init)) as typeof fetch;
}

function workerOrigins(value: unknown, origin: string): WorkerOrigins | null {
  if (value === undefined) return null;
  const creator =
    typeof value === 'object' && value !== null ? Reflect.get(value, 'creatorOrigin') : undefined;
  if (typeof creator !== 'string' || checkOrigin(creator) === null) {
    throw new TypeError(
      `createCorsFetch: options.worker.creatorOrigin must be the origin of the document that started the worker (such as https://app.example.com, or "null"); got ${JSON.stringify(creator)}.`,
    );
  }
  if (origin !== 'null' && origin !== creator) {
    throw new TypeError(
      `createCorsFetch: a dedicated worker's origin is its creator's (${creator}) or "null" (a data: worker), not ${origin}.`,
    );
  }
  return { creatorOrigin: creator };
}

async function corsFetch(context: FetchContext, input: RequestInfo | URL, init: RequestInit | undefined) {
  const options = { origin: context.origin, engine: context.profile.engine };
  let analyzed: ReturnType<typeof analyze>;
  try {
    analyzed = analyze(input as string | URL | Request, init, options);
  } catch (error) {
    if (context.profile.sameOriginStreamsAsCors && init?.mode === 'same-origin') {
      return sameOriginStreamAsCors(context, input as string | URL, init, error);
    }
    throw error;
  }
  const { classification, request } = analyzed;
  const { mode, credentials, redirect } = request;
  if (request.url.protocol === 'data:') return fetch(request.url.href);

  let hop = firstHop(context, analyzed, {
    // A Request input's body is a one-shot stream: read it once so redirects can send it again.
    body:
      request.source instanceof ReadableStream && request.body.kind !== 'stream'
        ? await new Response(request.source).arrayBuffer()
        : request.source,
    stream: request.body.kind === 'stream',
    tainting: !classification.crossOrigin ? 'basic' : mode === 'no-cors' ? 'opaque' : 'cors',
  });
  if (hop.tainting === 'opaque' && redirect !== 'follow') {
    throw new TypeError(`A no-cors request must use redirect: 'follow'.`);
  }

  const includeCredentials = credentials === 'include';
  let redirects = 0;
  for (;;) {
    const requestOrigin = hop.taintedOrigin ? 'null' : context.origin;
    if (
      hop.tainting === 'cors' &&
      (await preflightIfNeeded(context, hop, requestOrigin, includeCredentials))
    ) {
      hop.neededPreflight = true;
    }
    if (hop.stream && context.profile.streamBodies === 'http2-only' && hop.url.startsWith('http:')) {
      // Browsers speak HTTP/2 only over TLS, and this engine streams uploads only over HTTP/2 or 3.
      throw networkError(context, hop.url, new Error('Streaming a request body needs HTTP/2, so https.'));
    }
    const sendsCredentials =
      includeCredentials || (credentials === 'same-origin' && hop.tainting === 'basic');
    const originHeader = originToSend(
      context.profile,
      hop,
      hop.tainting === 'cors' ? requestOrigin : noCorsOrigin(context, hop, requestOrigin),
      request.referrerPolicy,
      includeCredentials && opaqueCaller(context),
    );
    hop.sentOrigin ||= originHeader !== null;
    const wire = await send(context, toWireRequest(hop, originHeader, sendsCredentials, context.profile));
    if (
      context.profile.wire.rangeRefusesEncodedAnswer &&
      !REDIRECT_STATUSES.has(wire.status) &&
      hop.entries.some(([name]) => name === 'range') &&
      (wire.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity'
    ) {
      // The engine asked for `Accept-Encoding: identity` because of the Range header.
      await wire.body?.cancel();
      throw networkError(
        context,
        hop.url,
        new Error('A Range request was answered with a Content-Encoding.'),
      );
    }

    if (hop.tainting === 'cors') {
      const failure = corsCheck(wire.headers, requestOrigin, includeCredentials);
      if (failure) {
        const { clearOnFailure } = context.profile.cache;
        if (clearOnFailure === 'any' || (clearOnFailure === 'preflighted' && hop.neededPreflight))
          context.cache.clear({ origin: requestOrigin, url: hop.url });
        throw corsError(failure.code, 'response', failure.message, hop.url, requestOrigin, failure.fix);
      }
    }
    if (!REDIRECT_STATUSES.has(wire.status))
      return scriptResponse(context, wire, hop, includeCredentials, redirects > 0);

    if (redirect === 'error') {
      const message = `The answer redirects (${wire.status}) but the request has redirect: 'error'.`;
      throw corsError('redirect-not-allowed', 'redirect', message, hop.url, requestOrigin);
    }
    if (redirect === 'manual') return withShape(Response.error(), { type: 'opaqueredirect', url: hop.url });
    const location = wire.headers.get('location');
    if (location === null) return scriptResponse(context, wire, hop, includeCredentials, redirects > 0);
    if (++redirects > MAX_REDIRECTS) {
      const message = `More than ${MAX_REDIRECTS} redirects.`;
      throw corsError('too-many-redirects', 'redirect', message, hop.url, requestOrigin);
    }
    hop = nextHop(context, hop, wire.status, location, mode, requestOrigin);
  }
}

/**
 * A same-origin-mode request refused for going to another origin, in an engine that sends it as a
 * CORS request anyway when its body is a stream: preflight, upload (so HTTP/2 only), CORS check and a
 * `cors` response. Any other refusal stands. With `only-if-cached`, which a CORS request may not use,
 * the preflight goes out and the request then fails: the HTTP cache has nothing to answer from.
 */
async function sameOriginStreamAsCors(
  context: FetchContext,
  input: string | URL,
  init: RequestInit,
  refusal: unknown,
): Promise<Response> {
  if (!(init.body instanceof ReadableStream)) throw refusal;
  if (init.cache === 'only-if-cached') {
    await preflightBeforeRefusal(context, input, init);
    throw refusal;
  }
  const asCors: RequestInit = { ...init, mode: 'cors' };
  try {
    analyze(input, asCors, { origin: context.origin, engine: context.profile.engine });
  } catch {
    throw refusal;
  }
  return corsFetch(context, input, asCors);
}

/** The request's first hop, before anything is sent: where `analyze` left it, with its body and tainting. */
function firstHop(
  context: FetchContext,
  { classification, request }: ReturnType<typeof analyze>,
  start: Pick<Hop, 'body' | 'stream' | 'tainting'>,
): Hop {
  return {
    url: classification.url,
    method: classification.method,
    entries: request.entries,
    ...start,
    taintedOrigin: false,
    neededPreflight: false,
    cache: effectiveCacheMode(request.cache, request.entries, context.profile, context.worker !== null),
    crossedOrigins: false,
    sentOrigin: false,
  };
}

/** The preflight a same-origin-mode stream upload sends before it is refused, whatever its answer. */
async function preflightBeforeRefusal(context: FetchContext, input: string | URL, init: RequestInit) {
  if (!(init.body instanceof ReadableStream)) return;
  try {
    const analyzed = analyze(
      input,
      // Valid in same-origin mode, only-if-cached would make the CORS request throw before it preflights.
      { ...init, mode: 'cors', cache: init.cache === 'only-if-cached' ? 'default' : init.cache },
      {
        origin: context.origin,
        engine: context.profile.engine,
      },
    );
    if (!analyzed.classification.crossOrigin) return;
    const hop = firstHop(context, analyzed, { body: null, stream: true, tainting: 'cors' });
    await preflightIfNeeded(context, hop, context.origin, analyzed.request.credentials === 'include');
  } catch {
    // The request is refused either way; only what reached the server matters here.
  }
}

/**
 * Sends the preflight when the engine would, checks its answer and caches it. Returns whether the
 * request needed a preflight at all (cached or not).
 */
async function preflightIfNeeded(
  context: FetchContext,
  hop: Hop,
  requestOrigin: string,
  includeCredentials: boolean,
): Promise<boolean> {
  const { profile } = context;
  const { reasons, names, requestHeaders } = preflightNeeds(hop.method, hop.entries, hop.stream, profile);
  const sticky = profile.redirect.preflightSticky && hop.neededPreflight;
  if (reasons.length === 0 && !sticky) return false;
  // The stream forces the preflight; whether it also changes how the method is checked is the engine's.
  const streamForcesMethod = hop.stream && profile.streamPreflightMethod === 'spec';
  // Some engines keep the page origin on a preflight although the request itself goes out as `null`.
  const origin = profile.redirect.preflightKeepsOrigin ? context.origin : requestOrigin;
  const query: CacheQuery = {
    origin,
    url: hop.url,
    method: hop.method,
    headers: names,
    includeCredentials,
    forced: streamForcesMethod || sticky,
  };
  const cacheable = !(profile.cache.skipsOpaqueOrigin && origin === 'null');
  const usesCache = cacheable && !profile.cacheMode.bypassesPreflightCache.has(hop.cache);
  if (usesCache && context.cache.covers(query, context.now())) return true;

  const headers: HeaderEntry[] = [
    ['accept', '*/*'],
    ['origin', origin],
    ['access-control-request-method', hop.method],
  ];
  if (requestHeaders.length > 0) {
    headers.push(['access-control-request-headers', requestHeaders.join(',')]);
  }
  const preflight = new Request(hop.url, {
    method: 'OPTIONS',
    headers,
    redirect: 'manual',
    credentials: 'omit',
  });
  const answer = await send(context, preflight);
  // A sticky preflight is not a stream's: an absent Allow-Methods does not allow the method.
  const question = { ...query, forced: streamForcesMethod };
  const result = checkPreflight(answer.status, answer.headers, question, profile);
  await answer.body?.cancel();
  const stores = cacheable && !profile.cacheMode.storesNoPreflight.has(hop.cache);
  if (!isGrant(result)) {
    // A refused preflight drops what the URL had cached, in every engine measured, as the standard
    // says ("if corsWithPreflightResponse is a network error, then clear cache entries").
    context.cache.clear({ origin, url: hop.url });
    const refused = profile.cache.storesRefused && REFUSALS.has(result.code);
    const grant = refused ? refusedGrant(answer.headers, question, profile) : null;
    if (grant && stores) context.cache.store(query, grant, context.now());
    throw corsError(result.code, 'preflight', result.message, hop.url, origin, result.fix);
  }
  if (stores) context.cache.store(query, result, context.now());
  return true;
}

/**
 * Whether the caller counts as opaque for `opaqueOriginOnCredentialedNoCors`: an opaque document (a
 * redirect's `null` does not count), or in a worker, whoever the engine looks at there.
 */
function opaqueCaller({ worker, origin, profile }: FetchContext): boolean {
  if (worker === null) return origin === 'null';
  return profile.worker.credentialedNoCorsOrigin === 'creator' && worker.creatorOrigin === 'null';
}

/** The origin a no-cors hop is made from: a data: worker's creator's in WebKit, else the request's. */
function noCorsOrigin({ worker, origin, profile }: FetchContext, hop: Hop, requestOrigin: string): string {
  const fromOpaqueWorker = worker !== null && origin === 'null' && !hop.taintedOrigin;
  return fromOpaqueWorker && profile.worker.noCorsSendsCreatorOrigin ? worker.creatorOrigin : requestOrigin;
}

/**
 * The Origin header: always for CORS requests; for others only when the method is not GET/HEAD,
 * and then `null` where the referrer policy would hide the origin.
 */
function originToSend(
  profile: EngineProfile,
  hop: Hop,
  origin: string,
  policy: ReferrerPolicy,
  credentialedFromOpaquePage: boolean,
): string | null {
  if (hop.tainting === 'cors') return origin;
  if (hop.method === 'GET' || hop.method === 'HEAD') {
    const { opaqueOriginOnCredentialedNoCors: sends } = profile;
    if (
      credentialedFromOpaquePage &&
      (sends === 'every-hop' || (sends === 'same-origin-hops' && !hop.crossedOrigins))
    ) {
      return 'null';
    }
    const keeps = profile.redirect.keepsOriginAfterMethodChange && hop.sentOrigin && !hop.crossedOrigins;
    return keeps ? origin : null;
  }
  const target = parseUrl(hop.url, undefined)!;
  const downgrade = origin.startsWith('https:') && target.protocol === 'http:';
  switch (policy) {
    case 'no-referrer':
      return 'null';
    case 'no-referrer-when-downgrade':
    case 'strict-origin':
    case 'strict-origin-when-cross-origin':
    case '':
      return downgrade ? 'null' : origin;
    case 'same-origin':
      return target.origin === origin ? origin : 'null';
    default:
      return origin;
  }
}

function toWireRequest(
  hop: Hop,
  origin: string | null,
  sendsCredentials: boolean,
  profile: EngineProfile,
): Request {
  let headers = wireHeaders(hop.entries, profile, {
    method: hop.method,
    cache: hop.cache,
    hasBody: hop.body !== null,
    crossedOrigins: hop.crossedOrigins,
    cors: hop.tainting === 'cors',
  });
  // Let the Request constructor write the multipart boundary it will use.
  if (hop.body instanceof FormData) headers = headers.filter(([, value]) => value !== FORM_DATA_CONTENT_TYPE);
  const init: RequestInit & { duplex?: 'half' } = {
    method: hop.method,
    headers: origin === null ? headers : [...headers, ['origin', origin]],
    body: hop.body,
    redirect: 'manual',
    credentials: sendsCredentials ? 'include' : 'omit',
  };
  if (hop.body instanceof ReadableStream) init.duplex = 'half';
  const wire = new Request(withoutCredentials(hop.url), init);
  // The Request constructor re-adds a body's type even where the browser's guard dropped it.
  if (!hop.entries.some(([name]) => name === 'content-type')) wire.headers.delete('content-type');
  return wire;
}

/** URL credentials become HTTP authentication in a browser; a wire Request cannot carry them. */
function withoutCredentials(href: string): string {
  if (!parseUrl(href, undefined)!.hasCredentials) return href;
  const url = new URL(href);
  url.username = '';
  url.password = '';
  return url.href;
}

/**
 * One request over the transport. A thrown error and `Response.error()` (how msw and test doubles
 * say "network failure") both become the engine's network error, as in the browser; an answer
 * that is no Response at all is a bug in the transport, said as such.
 */
async function send(context: FetchContext, request: Request): Promise<Response> {
  let answer: unknown;
  try {
    answer = await context.send(request);
  } catch (cause) {
    throw networkError(context, request.url, cause);
  }
  if (!isResponseLike(answer)) {
    throw new TypeError(
      `createCorsFetch: options.fetch resolved to ${describeValue(answer)} for ${request.method} ${request.url}; it must resolve to a Response.`,
    );
  }
  // Only Response.error() has status 0: a constructed Response's status is 200-599.
  if (answer.type === 'error' || answer.status === 0) {
    const cause = new Error(`options.fetch answered ${request.method} ${request.url} with a network error.`);
    throw networkError(context, request.url, cause);
  }
  return answer;
}

/** A Response, or one from another realm or polyfill: what the checks read of it is there. */
function isResponseLike(value: unknown): value is Response {
  if (typeof value !== 'object' || value === null) return false;
  const { status, headers } = value as { status?: unknown; headers?: { get?: unknown; forEach?: unknown } };
  return (
    typeof status === 'number' &&
    typeof headers === 'object' &&
    headers !== null &&
    typeof headers.get === 'function' &&
    typeof headers.forEach === 'function'
  );
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `the ${typeof value} ${String(value)}`;
  }
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'a plain object';
}

/** The engine's own network-error TypeError (clients such as ky recognise it by its message). */
function networkError(context: FetchContext, url: string, cause: unknown): TypeError {
  const error = new TypeError(context.profile.networkErrorMessage, { cause });
  return Object.assign(error, { url });
}

/** HTTP-redirect fetch: the next hop, with the method, body, headers and origin rules applied. */
function nextHop(
  context: FetchContext,
  hop: Hop,
  status: number,
  location: string,
  mode: RequestMode,
  origin: string,
): Hop {
  const next = parseUrl(location, hop.url);
  if (next === null || !isNetworkScheme(next.protocol)) {
    const message = `The redirect's Location ${JSON.stringify(location)} is not an http(s) URL.`;
    throw corsError('redirect-invalid', 'redirect', message, hop.url, origin);
  }
  const currentOrigin = parseUrl(hop.url, undefined)!.origin;
  if (
    next.hasCredentials &&
    (hop.tainting === 'cors' || (mode === 'cors' && next.origin !== context.origin))
  ) {
    const message = `The redirect goes to a URL with credentials (${next.href}).`;
    throw corsError('redirect-with-credentials', 'redirect', message, hop.url, origin);
  }
  if (hop.stream && status !== 303) {
    throw new TypeError('A streamed request body cannot be sent again after a redirect.');
  }
  let { method, body, entries } = hop;
  // WebKit: whatever the status, 307 and 308 included (which keep every other method).
  const deleteToGet =
    context.profile.redirect.deleteBecomesGetAcrossOrigins &&
    method === 'DELETE' &&
    currentOrigin !== next.origin;
  if (
    ((status === 301 || status === 302) && method === 'POST') ||
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    deleteToGet
  ) {
    method = 'GET';
    body = null;
    entries = entries.filter(([name]) => !REQUEST_BODY_HEADERS.includes(name));
  }
  // Authorization never follows a redirect to another origin.
  if (currentOrigin !== next.origin) entries = entries.filter(([name]) => name !== 'authorization');
  const { dropsHeaders } = context.profile.redirect;
  if (dropsHeaders.size > 0) entries = entries.filter(([name]) => !dropsHeaders.has(name));
  const taintedOrigin =
    hop.taintedOrigin || (currentOrigin !== next.origin && context.origin !== currentOrigin);
  let tainting = hop.tainting;
  if (tainting === 'basic' && (next.origin !== context.origin || taintedOrigin)) {
    if (mode === 'same-origin') {
      throw new TypeError(`mode: 'same-origin' forbids following the redirect to ${next.origin}.`);
    }
    tainting = mode === 'no-cors' ? 'opaque' : 'cors';
  }
  const stream = hop.stream && body !== null;
  const crossedOrigins = hop.crossedOrigins || currentOrigin !== next.origin;
  return { ...hop, url: next.href, method, entries, body, stream, tainting, taintedOrigin, crossedOrigins };
}

/** The response as the script sees it: basic, CORS-filtered, or opaque. */
function scriptResponse(
  context: FetchContext,
  wire: Response,
  hop: Hop,
  includeCredentials: boolean,
  redirected: boolean,
): Response {
  if (hop.tainting === 'opaque')
    return withShape(Response.error(), { type: 'opaque', url: '', redirected: false });
  const body = NULL_BODY_STATUSES.has(wire.status) || hop.method === 'HEAD' ? null : wire.body;
  const readable =
    hop.tainting === 'cors'
      ? readableHeaderNames(wire.headers, includeCredentials, context.profile.exposeWildcardIgnoresInvalid)
      : null;
  const headers = new Headers();
  wire.headers.forEach((value, name) => {
    if (readable ? readable.has(name) : name !== 'set-cookie' && name !== 'set-cookie2')
      headers.append(name, value);
  });
  const response = new Response(body, { status: wire.status, statusText: wire.statusText, headers });
  return withShape(response, { type: hop.tainting, url: hop.url, redirected });
}

/** Sets the read-only fields a constructed Response cannot have (type, url, redirected). */
function withShape(
  response: Response,
  shape: { type: ResponseType; url: string; redirected?: boolean },
): Response {
  Object.defineProperty(response, 'type', { value: shape.type });
  Object.defineProperty(response, 'url', { value: shape.url });
  Object.defineProperty(response, 'redirected', { value: shape.redirected ?? false });
  return response;
}

function corsError(
  code: CorsErrorCode,
  stage: CorsStage,
  message: string,
  url: string,
  origin: string,
  fix?: string[],
) {
  const lines = fix && fix.length > 0 ? `\nOn the server, send:\n  ${fix.join('\n  ')}` : '';
  return new CorsError(`CORS: ${message} (${url} from ${origin})${lines}`, { code, stage, url, origin, fix });
}
