import { classify, preflightNeeds } from './classify.js';
import { type EngineProfile, engineProfile } from './engines.js';
import { CorsError, type CorsErrorCode, type CorsStage } from './errors.js';
import { checkPreflight, isGrant } from './preflight.js';
import { type CacheQuery, createPreflightCache, type PreflightCache } from './preflight-cache.js';
import { corsCheck, readableHeaderNames } from './response-check.js';
import type { Engine } from './types.js';
import { checkOrigin, isNetworkScheme, parseUrl } from './url.js';

export interface CorsFetchOptions {
  /** The page's origin: every request is made as if from a script on it. */
  origin: string;
  engine?: Engine;
  /** Sends one request over the "network" (a real fetch, msw, or a handler) and returns its answer. */
  fetch: (request: Request) => Promise<Response>;
  /** The clock for the preflight cache, in ms like Date.now. */
  now?: () => number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REQUEST_BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];
const MAX_REDIRECTS = 20;

type Tainting = 'basic' | 'cors' | 'opaque';

/** One hop of a fetch: what goes on the wire next. */
interface Hop {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: BodyInit | null;
  stream: boolean;
  tainting: Tainting;
  /** Set once a redirect makes the browser send `Origin: null`. */
  taintedOrigin: boolean;
}

/**
 * A fetch that behaves like a page script's fetch in the given engine: it sends the preflight when
 * the engine would (honouring its preflight cache), applies the CORS check, and returns the response
 * as the script would see it, or rejects with a CorsError where the engine would.
 */
export function createCorsFetch(options: CorsFetchOptions): typeof fetch {
  const origin = checkOrigin(String(options?.origin));
  if (origin === null) {
    throw new TypeError(
      `createCorsFetch: invalid origin ${JSON.stringify(options?.origin)}; expected e.g. https://app.example.com.`,
    );
  }
  if (typeof options.fetch !== 'function') {
    throw new TypeError(
      'createCorsFetch: options.fetch must be a function (request: Request) => Promise<Response>.',
    );
  }
  const profile = engineProfile(options.engine);
  const context: FetchContext = {
    origin,
    engine: profile.engine,
    profile,
    send: options.fetch,
    now: options.now ?? Date.now,
    cache: createPreflightCache(profile),
  };
  return ((input: RequestInfo | URL, init?: RequestInit) => corsFetch(context, input, init)) as typeof fetch;
}

interface FetchContext {
  origin: string;
  engine: Engine;
  profile: EngineProfile;
  send: (request: Request) => Promise<Response>;
  now: () => number;
  cache: PreflightCache;
}

async function corsFetch(
  context: FetchContext,
  input: RequestInfo | URL,
  init: RequestInit | undefined,
): Promise<Response> {
  const request = typeof Request !== 'undefined' && input instanceof Request ? input : undefined;
  const classification = classify(request ?? (input as string | URL), init, {
    origin: context.origin,
    engine: context.engine,
  });
  const { mode, credentials, crossOrigin } = classification;
  const redirect = init?.redirect ?? request?.redirect ?? 'follow';
  let hop: Hop = {
    url: classification.url,
    method: classification.method,
    headers: classification.headers,
    body: init?.body !== undefined ? (init.body ?? null) : (request?.body ?? null),
    stream: classification.body === 'stream',
    tainting: !crossOrigin ? 'basic' : mode === 'no-cors' ? 'opaque' : 'cors',
    taintedOrigin: false,
  };
  if (hop.tainting === 'opaque' && redirect !== 'follow') {
    throw new TypeError(`A no-cors request must use redirect: 'follow'.`);
  }

  const urlList = [hop.url];
  for (;;) {
    const includeCredentials = credentials === 'include';
    const requestOrigin = hop.taintedOrigin ? 'null' : context.origin;
    if (hop.tainting === 'cors') await preflightIfNeeded(context, hop, requestOrigin, includeCredentials);

    const sendsCredentials =
      credentials === 'include' || (credentials === 'same-origin' && hop.tainting === 'basic');
    const wire = await send(context, toWireRequest(hop, requestOrigin, sendsCredentials));

    if (hop.tainting === 'cors') {
      const failure = corsCheck(wire.headers, requestOrigin, includeCredentials);
      if (failure)
        throw corsError(failure.code, 'response', failure.message, hop.url, requestOrigin, failure.fix);
    }

    const location = REDIRECT_STATUSES.has(wire.status) ? wire.headers.get('location') : null;
    if (location === null) return scriptResponse(wire, hop, includeCredentials, urlList);

    if (redirect === 'error') {
      throw corsError(
        'redirect-not-allowed',
        'redirect',
        `The answer redirects (${wire.status}) but the request has redirect: 'error'.`,
        hop.url,
        requestOrigin,
      );
    }
    if (redirect === 'manual') return withShape(Response.error(), { type: 'opaqueredirect', url: hop.url });
    hop = nextHop(context, hop, wire.status, location, mode, requestOrigin);
    urlList.push(hop.url);
    if (urlList.length > MAX_REDIRECTS + 1) {
      throw corsError(
        'too-many-redirects',
        'redirect',
        `More than ${MAX_REDIRECTS} redirects.`,
        hop.url,
        requestOrigin,
      );
    }
  }
}

async function preflightIfNeeded(
  context: FetchContext,
  hop: Hop,
  origin: string,
  includeCredentials: boolean,
) {
  const { reasons, requestHeaders } = preflightNeeds(hop.method, hop.headers, hop.stream, context.profile);
  if (reasons.length === 0) return;
  const query: CacheQuery = {
    origin,
    url: hop.url,
    method: hop.method,
    headers: requestHeaders,
    includeCredentials,
    forced: hop.stream,
  };
  if (context.cache.covers(query, context.now())) return;

  const headers: Array<[string, string]> = [
    ['accept', '*/*'],
    ['origin', origin],
    ['access-control-request-method', hop.method],
  ];
  if (requestHeaders.length > 0) headers.push(['access-control-request-headers', requestHeaders.join(',')]);
  const answer = await send(
    context,
    new Request(hop.url, { method: 'OPTIONS', headers, redirect: 'manual', credentials: 'omit' }),
  );
  const result = checkPreflight(
    answer.status,
    answer.headers,
    { origin, method: hop.method, headers: requestHeaders, includeCredentials, forced: hop.stream },
    context.profile,
  );
  await answer.body?.cancel();
  if (!isGrant(result))
    throw corsError(result.code, 'preflight', result.message, hop.url, origin, result.fix);
  context.cache.store(query, result, context.now());
}

function toWireRequest(hop: Hop, origin: string, sendsCredentials: boolean): Request {
  const headers = new Headers(hop.headers);
  if (hop.tainting === 'cors' || (hop.method !== 'GET' && hop.method !== 'HEAD'))
    headers.set('origin', origin);
  const init: RequestInit & { duplex?: 'half' } = {
    method: hop.method,
    headers,
    body: hop.body,
    redirect: 'manual',
    credentials: sendsCredentials ? 'include' : 'omit',
  };
  if (hop.stream) init.duplex = 'half';
  return new Request(hop.url, init);
}

async function send(context: FetchContext, request: Request): Promise<Response> {
  try {
    return await context.send(request);
  } catch (cause) {
    throw new TypeError(`Failed to fetch ${request.url}: the network request itself failed.`, { cause });
  }
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
    throw corsError(
      'redirect-invalid',
      'redirect',
      `The redirect's Location ${JSON.stringify(location)} is not an http(s) URL.`,
      hop.url,
      origin,
    );
  }
  const currentOrigin = parseUrl(hop.url, undefined)!.origin;
  if (
    next.hasCredentials &&
    (hop.tainting === 'cors' || (mode === 'cors' && next.origin !== context.origin))
  ) {
    throw corsError(
      'redirect-with-credentials',
      'redirect',
      `The redirect goes to a URL with credentials (${next.href}).`,
      hop.url,
      origin,
    );
  }
  if (hop.stream && status !== 303) {
    throw new TypeError('A streamed request body cannot be sent again after a redirect.');
  }
  let { method, body, headers } = hop;
  if (
    ((status === 301 || status === 302) && method === 'POST') ||
    (status === 303 && method !== 'GET' && method !== 'HEAD')
  ) {
    method = 'GET';
    body = null;
    headers = headers.filter(([name]) => !REQUEST_BODY_HEADERS.includes(name));
  }
  if (currentOrigin !== next.origin) headers = headers.filter(([name]) => name !== 'authorization');
  const taintedOrigin =
    hop.taintedOrigin || (currentOrigin !== next.origin && context.origin !== currentOrigin);
  let tainting = hop.tainting;
  if (tainting === 'basic' && (next.origin !== context.origin || taintedOrigin)) {
    if (mode === 'same-origin') {
      throw new TypeError(`mode: 'same-origin' forbids following the redirect to ${next.origin}.`);
    }
    tainting = mode === 'no-cors' ? 'opaque' : 'cors';
  }
  return {
    url: next.href,
    method,
    headers,
    body,
    stream: hop.stream && method !== 'GET',
    tainting,
    taintedOrigin,
  };
}

/** The response as the script sees it: basic, CORS-filtered, or opaque. */
function scriptResponse(wire: Response, hop: Hop, includeCredentials: boolean, urlList: string[]): Response {
  const shape = { url: hop.url, redirected: urlList.length > 1 };
  if (hop.tainting === 'opaque') return withShape(Response.error(), { ...shape, type: 'opaque', url: '' });
  const body = NULL_BODY_STATUSES.has(wire.status) || hop.method === 'HEAD' ? null : wire.body;
  if (hop.tainting === 'basic') {
    const headers = new Headers(wire.headers);
    headers.delete('set-cookie');
    headers.delete('set-cookie2');
    const basic = new Response(body, { status: wire.status, statusText: wire.statusText, headers });
    return withShape(basic, { ...shape, type: 'basic' });
  }
  const readable = readableHeaderNames(wire.headers, includeCredentials);
  const headers = new Headers();
  wire.headers.forEach((value, name) => {
    if (readable.has(name)) headers.append(name, value);
  });
  const filtered = new Response(body, { status: wire.status, statusText: wire.statusText, headers });
  return withShape(filtered, { ...shape, type: 'cors' });
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
