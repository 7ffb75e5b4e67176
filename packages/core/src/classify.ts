import { extractBody } from './body.js';
import { type EngineProfile, engineProfile } from './engines.js';
import { isByteString, isToken, isValidHeaderValue, normalizeHeaderValue } from './http.js';
import { isCorsSafelistedMethod, isForbiddenMethod, normalizeMethod } from './methods.js';
import { preflightReason } from './reasons.js';
import { isForbiddenRequestHeader, isNoCorsSafelistedName, safelistViolation } from './request-headers.js';
import type {
  BodyKind,
  Classification,
  ClassifyOptions,
  PreflightReason,
  PreflightReasonCode,
} from './types.js';
import { checkOrigin, isNetworkScheme, parseUrl } from './url.js';

const MODES = new Set<RequestMode>(['cors', 'no-cors', 'same-origin']);
const CREDENTIALS = new Set<RequestCredentials>(['omit', 'same-origin', 'include']);

/** One header as the script set it: lowercase name, normalized value, in order. */
type HeaderEntry = [name: string, value: string];

/**
 * Predicts what the browser does with `fetch(input, init)` from a page at `options.origin`:
 * whether it preflights and why, what Access-Control-Request-Headers says, which headers it drops.
 * Throws a TypeError wherever the browser's fetch() rejects before sending anything.
 */
export function classify(
  input: string | URL | Request,
  init: RequestInit | undefined,
  options: ClassifyOptions,
): Classification {
  const profile = engineProfile(options?.engine);
  const origin = checkOrigin(String(options?.origin));
  if (origin === null) {
    throw new TypeError(
      `Invalid page origin ${JSON.stringify(options?.origin)}: expected a serialized origin such as https://app.example.com (scheme, host and optional port; no path or trailing slash), or "null".`,
    );
  }
  const request = typeof Request !== 'undefined' && input instanceof Request ? input : undefined;
  const url = resolveUrl(request ? request.url : String(input), origin);

  const mode = enumMember(init?.mode ?? request?.mode ?? 'cors', MODES, 'mode');
  const credentials = enumMember(
    init?.credentials ?? request?.credentials ?? 'same-origin',
    CREDENTIALS,
    'credentials',
  );
  const method = checkMethod(init?.method ?? request?.method ?? 'GET');

  const body = init?.body !== undefined ? extractBody(init.body) : requestBody(request);
  if (body.kind !== 'none' && (method === 'GET' || method === 'HEAD')) {
    throw new TypeError(`A ${method} request cannot have a body: send it with POST (or another method).`);
  }
  if (body.kind === 'stream') {
    if (init && (init as { duplex?: string }).duplex !== 'half') {
      throw new TypeError(`A ReadableStream body needs duplex: 'half' in the request init.`);
    }
    if (mode !== 'cors' && mode !== 'same-origin') {
      throw new TypeError(`A ReadableStream body cannot be sent in ${mode} mode: use cors or same-origin.`);
    }
  }
  if (mode === 'no-cors' && !isCorsSafelistedMethod(method)) {
    throw new TypeError(`${method} is not allowed in no-cors mode: only GET, HEAD and POST are.`);
  }
  if (init?.cache === 'only-if-cached' && mode !== 'same-origin') {
    throw new TypeError(`cache: 'only-if-cached' can only be used with mode: 'same-origin'.`);
  }

  const crossOrigin = origin === 'null' || url.origin !== origin;
  if (mode === 'same-origin' && crossOrigin) {
    throw new TypeError(
      `mode: 'same-origin' forbids this request to ${url.origin} from ${origin}: use mode 'cors' (the default).`,
    );
  }

  const dropped: string[] = [];
  const entries = collectHeaders(init?.headers ?? request?.headers, mode, profile, dropped);
  if (body.contentType !== null && !entries.some(([name]) => name === 'content-type')) {
    appendHeader(entries, 'content-type', body.contentType, mode, profile, dropped);
  }

  const { reasons, requestHeaders } =
    crossOrigin && mode === 'cors'
      ? preflightNeeds(method, entries, body.kind === 'stream', profile)
      : { reasons: [], requestHeaders: [] };

  return {
    url: url.href,
    crossOrigin,
    mode,
    credentials,
    sendsCredentials: credentials === 'include' || (credentials === 'same-origin' && !crossOrigin),
    method,
    preflight: reasons.length > 0,
    requestHeaders,
    reasons,
    dropped,
    headers: combineHeaders(entries),
    body: body.kind,
  };
}

function resolveUrl(input: string, origin: string) {
  const url = parseUrl(input, origin === 'null' ? undefined : origin);
  if (url === null) throw new TypeError(`Invalid URL ${JSON.stringify(input)}.`);
  if (url.hasCredentials) {
    throw new TypeError(
      `The URL ${url.href} includes credentials (user:password@): send them in a header instead.`,
    );
  }
  if (!isNetworkScheme(url.protocol)) {
    throw new TypeError(
      `fetch() of a ${url.protocol} URL is not a network request: corskit models http and https.`,
    );
  }
  return url;
}

function enumMember<T extends string>(value: unknown, allowed: ReadonlySet<T>, option: string): T {
  const text = String(value);
  if (!allowed.has(text as T)) {
    const extra = text === 'navigate' ? ' (navigate is for navigations, not fetch())' : '';
    throw new TypeError(
      `Invalid ${option} ${JSON.stringify(text)}${extra}: use one of ${[...allowed].join(', ')}.`,
    );
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

/** A Request input's body: its Content-Type is already in its headers; the kind is not observable. */
function requestBody(request: Request | undefined): { kind: BodyKind; contentType: null } {
  return { kind: request?.body ? 'buffer' : 'none', contentType: null };
}

function collectHeaders(
  init: HeadersInit | Headers | undefined,
  mode: RequestMode,
  profile: EngineProfile,
  dropped: string[],
): HeaderEntry[] {
  const entries: HeaderEntry[] = [];
  if (init === undefined || init === null) return entries;
  if (typeof init !== 'object')
    throw new TypeError('headers must be a Headers object, an array of pairs or a record.');
  const append = (name: unknown, value: unknown) =>
    appendHeader(entries, String(name), String(value), mode, profile, dropped);
  if (typeof Headers !== 'undefined' && init instanceof Headers) {
    init.forEach((value, name) => {
      append(name, value);
    });
  } else if (Symbol.iterator in init) {
    for (const pair of init as Iterable<unknown>) {
      if (typeof pair !== 'object' || pair === null || !(Symbol.iterator in pair)) {
        throw new TypeError('Each header pair must be a [name, value] array.');
      }
      const items = [...(pair as Iterable<unknown>)];
      if (items.length !== 2)
        throw new TypeError(`A header pair must have exactly two items, not ${items.length}.`);
      append(items[0], items[1]);
    }
  } else {
    for (const name of Object.keys(init)) append(name, (init as Record<string, unknown>)[name]);
  }
  return entries;
}

/** Headers#append with the request (or request-no-cors) guard, recording what it silently drops. */
function appendHeader(
  entries: HeaderEntry[],
  rawName: string,
  rawValue: string,
  mode: RequestMode,
  profile: EngineProfile,
  dropped: string[],
): void {
  const value = normalizeHeaderValue(rawValue);
  if (!isToken(rawName))
    throw new TypeError(`Invalid header name ${JSON.stringify(rawName)}: it must be an HTTP token.`);
  if (!isByteString(value) || !isValidHeaderValue(value)) {
    throw new TypeError(
      `Invalid value for header ${rawName}: header values cannot hold NUL, CR, LF or characters above U+00FF.`,
    );
  }
  const name = rawName.toLowerCase();
  if (isForbiddenRequestHeader(name, value) || profile.extraForbidden.has(name)) {
    drop(dropped, name);
    return;
  }
  if (mode === 'no-cors') {
    const existing = combinedValue(entries, name);
    const combined = existing === null ? value : `${existing}, ${value}`;
    if (!isNoCorsSafelistedName(name) || safelistViolation(name, combined) !== null) {
      drop(dropped, name);
      return;
    }
  }
  entries.push([name, value]);
}

function drop(dropped: string[], name: string): void {
  if (!dropped.includes(name)) dropped.push(name);
}

function combinedValue(entries: HeaderEntry[], name: string): string | null {
  let value: string | null = null;
  for (const [n, v] of entries) if (n === name) value = value === null ? v : `${value}, ${v}`;
  return value;
}

/** The header list as sent: one entry per name, values joined with ", ", in first-set order. */
function combineHeaders(entries: HeaderEntry[]): Array<[string, string]> {
  if (!hasRepeatedName(entries)) return entries;
  const combined = new Map<string, string>();
  for (const [name, value] of entries) {
    const existing = combined.get(name);
    combined.set(name, existing === undefined ? value : `${existing}, ${value}`);
  }
  return [...combined];
}

function hasRepeatedName(entries: HeaderEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    for (let j = 0; j < i; j++) if (entries[i]![0] === entries[j]![0]) return true;
  }
  return false;
}

/**
 * Why a CORS request with this method, header list and body preflights, and the names that go into
 * Access-Control-Request-Headers. Also used again after each redirect.
 */
export function preflightNeeds(
  method: string,
  entries: ReadonlyArray<readonly [string, string]>,
  streamBody: boolean,
  profile: EngineProfile,
): { reasons: PreflightReason[]; requestHeaders: string[] } {
  const reasons: PreflightReason[] = [];
  if (!isCorsSafelistedMethod(method)) reasons.push(preflightReason('method-not-safelisted', method));
  const requestHeaders = unsafeHeaderNames(entries, profile, reasons);
  if (streamBody) reasons.push(preflightReason('stream-body', method));
  return { reasons, requestHeaders };
}

/**
 * The Fetch Standard's "CORS-unsafe request-header names", with the engine's extra safelist: each
 * entry checked on its own, then the 1024-byte budget across every safelisted value. Pushes a reason
 * per unsafe name and returns the names, lowercase, sorted and unique.
 */
function unsafeHeaderNames(
  entries: ReadonlyArray<readonly [string, string]>,
  profile: EngineProfile,
  reasons: PreflightReason[],
): string[] {
  // Few headers per request: plain arrays beat maps here.
  const unsafeNames: string[] = [];
  const unsafeCodes: PreflightReasonCode[] = [];
  const potentiallyUnsafe: string[] = [];
  let safelistValueSize = 0;
  for (const [name, value] of entries) {
    const violation = headerViolation(name, value, profile);
    if (violation === null) {
      potentiallyUnsafe.push(name);
      safelistValueSize += value.length;
    } else if (!unsafeNames.includes(name)) {
      unsafeNames.push(name);
      unsafeCodes.push(violation);
    }
  }
  if (safelistValueSize > 1024) {
    for (const name of potentiallyUnsafe) {
      if (unsafeNames.includes(name)) continue;
      unsafeNames.push(name);
      unsafeCodes.push('safelisted-headers-too-large');
    }
  }
  const sorted = unsafeNames.length > 1 ? [...unsafeNames].sort() : unsafeNames;
  for (const name of sorted) reasons.push(preflightReason(unsafeCodes[unsafeNames.indexOf(name)]!, name));
  return sorted;
}

function headerViolation(name: string, value: string, profile: EngineProfile): PreflightReasonCode | null {
  const extra = profile.extraSafelisted.get(name);
  if (extra !== undefined) {
    return value.length <= 128 && extra(value) ? null : 'header-not-safelisted';
  }
  return safelistViolation(name, value);
}
