import type { SafelistRules } from './request-headers.js';
import type { Engine } from './types.js';

/**
 * What one engine does differently from the Fetch Standard. Every field other than `spec`'s is a
 * behaviour measured in that engine by the real-browser conformance suite (test/conformance).
 */
export interface EngineProfile {
  /** The engine this profile describes. */
  engine: Engine;
  /** Extra safelisted request headers and their value rules (Chromium's client hints). */
  extraSafelisted: ReadonlyMap<string, (value: string) => boolean>;
  /** Header names the engine silently drops although the standard lets scripts set them. */
  extraForbidden: ReadonlySet<string>;
  /** How the CORS-safelisted request-header rules are applied. */
  safelist: SafelistRules & {
    /**
     * `entry`: each header-list entry is checked on its own and the values count toward the
     * 1024-byte budget (the standard). `combined`: the value joined per name is checked, once.
     */
    scope: 'entry' | 'combined';
    /**
     * With `combined`: whether the joined value loses its trailing whitespace before it is checked
     * (Chromium: 127 bytes and an empty value join to 128 bytes, `x,`, not 129, `x, `).
     */
    trimsJoinedValue: boolean;
    /** Whether the 1024-byte total over safelisted values applies. */
    budget: boolean;
  };
  /** Access-Control-Request-Headers names a header once per unsafe entry, repeats included. */
  requestHeadersRepeat: boolean;
  /**
   * What a ReadableStream body does. `standard`: streams with a preflight; `http2-only`: the same,
   * but the upload fails on HTTP/1.1 (http: URLs) after the preflight; `stringified`: not a body
   * type, so WebIDL turns it into the string "[object ReadableStream]"; `unsupported`: rejects with
   * a NotSupportedError before sending anything.
   */
  streamBodies: 'standard' | 'http2-only' | 'stringified' | 'unsupported';
  /**
   * A cross-origin request with a stream body in `same-origin` mode is sent as a CORS request
   * (Chromium): preflight, upload, CORS check, a `cors` response. Over HTTP/1.1 (`http:`) the upload
   * then fails like any other with `streamBodies: 'http2-only'`, after the preflight.
   */
  sameOriginStreamsAsCors: boolean;
  /**
   * How the preflight a stream body forces treats the request's method. `spec`: an answer without
   * Access-Control-Allow-Methods allows the request's own method, and a cached answer must list the
   * method even when it is safelisted. `like-any-preflight` (Chromium): neither; the method is
   * checked as for any other preflight, so a safelisted one passes and any other must be listed.
   */
  streamPreflightMethod: 'spec' | 'like-any-preflight';
  /** Whether `Access-Control-Allow-Headers: *` lets an Authorization header through. */
  wildcardCoversAuthorization: boolean;
  /**
   * Whether a `*` in Access-Control-Expose-Headers exposes every header even when other items of
   * the list are not header names (the standard then exposes nothing more).
   */
  exposeWildcardIgnoresInvalid: boolean;
  /**
   * Whether the Content-Type a body implies (a Blob's type) is kept on a no-cors request even where
   * the no-cors guard would drop it as a script-set header.
   */
  noCorsKeepsBodyType: boolean;
  /** How the request's `cache` mode meets the preflight cache. */
  cacheMode: {
    /**
     * The mode a `default` request carrying If-Modified-Since, If-None-Match, If-Unmodified-Since,
     * If-Match or If-Range gets: `no-store` in the standard, `no-cache` (revalidate) in Chromium.
     */
    conditional: 'no-store' | 'no-cache';
    /** Modes whose requests never use a cached preflight answer: they always preflight. */
    bypassesPreflightCache: ReadonlySet<RequestCache>;
    /** Modes whose preflight answers are not stored for later requests. */
    storesNoPreflight: ReadonlySet<RequestCache>;
  };
  /** Access-Control-Max-Age: absent or unparsable means `parse`'s fallback; larger values are cut to `capSeconds`. */
  maxAge: {
    /** The most seconds a preflight answer is cached, whatever Access-Control-Max-Age says. */
    capSeconds: number;
    /** Seconds to cache for an Access-Control-Max-Age value (`null`: header absent), before the cap. */
    parse: (value: string | null) => number;
  };
  /** How the preflight cache stores and matches answers. */
  cache: {
    /**
     * `per-entry`: one entry per method and per header name, each refreshed independently
     * (the standard). `per-url`: one entry per URL holding the last answer's lists, replaced whole.
     */
    model: 'per-entry' | 'per-url';
    /** `covers-omit`: a credentialed answer also serves requests without credentials; `exact`: it must match. */
    credentials: 'covers-omit' | 'exact';
    /** Whether a cached `*` (in Allow-Methods or Allow-Headers) serves other methods and headers. */
    wildcards: boolean;
    /**
     * Which CORS failures of an actual response drop the URL's cached answers: `preflighted`, those
     * of a request that needed a preflight (the standard: "if corsWithPreflightResponse is a network
     * error, then clear cache entries"); `any`, a simple request's too (Firefox); `none` (Chromium,
     * WebKit).
     */
    clearOnFailure: 'none' | 'preflighted' | 'any';
    /** Whether answers to preflights from an opaque origin (`Origin: null`) are never cached (Chromium). */
    skipsOpaqueOrigin: boolean;
    /**
     * Whether an answer that passed the CORS and status checks is cached even when it refused the
     * request's method or headers, so that it serves later requests it does allow (WebKit).
     */
    storesRefused: boolean;
  };
  /** How redirects interact with preflights. */
  redirect: {
    /** Request headers (lowercase) the engine removes from the request when it follows a redirect. */
    dropsHeaders: ReadonlySet<string>;
    /** A request that needed a preflight preflights again at every hop, even when it became simple. */
    preflightSticky: boolean;
    /** The preflight after an Origin-tainting redirect still carries the page origin (not `null`). */
    preflightKeepsOrigin: boolean;
    /**
     * Whether a request that sent an Origin header keeps sending it after a redirect to the same
     * origin made it a GET (WebKit, for no-cors POSTs answered 302 or 303); the standard sends none
     * on a no-cors GET.
     */
    keepsOriginAfterMethodChange: boolean;
    /** Whether a DELETE redirected to another origin (301, 302, 307 or 308) goes on as a GET (WebKit). */
    deleteBecomesGetAcrossOrigins: boolean;
  };
  /**
   * Which hops of a credentialed no-cors GET or HEAD from an opaque origin carry `Origin: null`
   * (the standard sends no Origin on a no-cors GET): `every-hop` (Chromium), `same-origin-hops`
   * (Firefox: none after a redirect to another origin), `none`.
   */
  opaqueOriginOnCredentialedNoCors: 'none' | 'every-hop' | 'same-origin-hops';
  /** What differs when the script runs in a dedicated worker, not a document (`createCorsFetch`'s `worker`). */
  worker: {
    /**
     * Whether a `default`-mode request with If-* headers keeps the `default` cache mode in a worker:
     * Chromium applies `cacheMode.conditional` in documents only.
     */
    conditionalKeepsDefault: boolean;
    /**
     * Whose origin decides `opaqueOriginOnCredentialedNoCors` in a worker: the document that started
     * it (`creator`: Chromium), or nobody's: a worker never sends it (`none`: Firefox).
     */
    credentialedNoCorsOrigin: 'creator' | 'none';
    /**
     * Whether a no-cors request from a worker with an opaque origin (a data: worker) carries its
     * creator's origin where a document would send `Origin: null` (WebKit).
     */
    noCorsSendsCreatorOrigin: boolean;
  };
  /** The message of a network error's TypeError (what `fetch` rejects with when nothing answers). */
  networkErrorMessage: string;
  /** How header values reach the wire, as the server sees them. */
  wire: {
    /**
     * A valid single byte range is re-serialized canonically (`bytes = 00-01` → `bytes=0-1`) by the
     * engine's HTTP cache: only on GET, and not when the cache is bypassed (`no-store`) or the
     * script made the request conditional (If-* headers).
     */
    canonicalRange: boolean;
    /**
     * How repeated names are joined. `standard`: values joined with ", ". `firefox`: an empty value
     * replaces what came before and is replaced by what follows; Authorization,
     * Content-Disposition, From, If-Modified-Since, If-Unmodified-Since, Location, Max-Forwards and
     * User-Agent keep the last value; Content-Type keeps the first one when the request has a body
     * and the last one when it has none, an empty one included.
     */
    repeatedNames: 'standard' | 'firefox';
    /**
     * A request with a Range header fails (network error) when the final answer (not a redirect,
     * whose body is never read) has a Content-Encoding.
     */
    rangeRefusesEncodedAnswer: boolean;
    /**
     * Whether the cache mode's Cache-Control / Pragma still go out on a CORS request after a
     * redirect to another origin (WebKit sends them on the first origin's hops only).
     */
    cacheHeadersAcrossOrigins: boolean;
    /** Header values are sent as UTF-8 (so a byte U+00E9 goes out as two bytes). */
    utf8Values: boolean;
  };
}

const isNumber = (value: string) => /^\d+(\.\d+)?$/.test(value);
const isInteger = (value: string) => /^\d+$/.test(value);

/** Chromium safelists these client hints when their values are well-formed. */
const CHROMIUM_CLIENT_HINTS = new Map<ChromiumClientHintName, (value: string) => boolean>([
  ['device-memory', isNumber],
  ['dpr', isNumber],
  ['width', isInteger],
  ['viewport-width', isInteger],
  ['downlink', isNumber],
  ['rtt', isInteger],
  ['save-data', (value) => value.toLowerCase() === 'on'],
  ['ect', (value) => value === 'slow-2g' || value === '2g' || value === '3g' || value === '4g'],
]);

/** The client hints Chromium removes when it follows a redirect (Save-Data stays). */
const CHROMIUM_REDIRECT_DROPPED: ReadonlySet<string> = new Set(
  [...CHROMIUM_CLIENT_HINTS.keys()].filter((name) => name !== 'save-data'),
);

/** The client-hint request headers Chromium safelists (with value rules); other engines preflight them. */
export type ChromiumClientHintName =
  | 'device-memory'
  | 'dpr'
  | 'width'
  | 'viewport-width'
  | 'downlink'
  | 'rtt'
  | 'save-data'
  | 'ect';

/** Max-age per the standard: a non-negative integer; absent or anything else means 5 s. */
function parseMaxAge(value: string | null): number {
  if (value === null || !/^\d+$/.test(value)) return 5;
  return Number(value);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Chromium and WebKit: a signed 64-bit integer (`+10` is 10 s); negative means no caching; absent,
 * unparsable or beyond 64 bits (either sign) means 5 s.
 */
function parseMaxAgeInt64(value: string | null): number {
  if (value === null || !/^[+-]?\d+$/.test(value)) return 5;
  const seconds = BigInt(value);
  if (seconds < INT64_MIN || seconds > INT64_MAX) return 5;
  return seconds < 0n ? 0 : Number(seconds);
}

/** Firefox: absent or empty means 5 s, but any other value that is not digits means no caching. */
function parseMaxAgeFirefox(value: string | null): number {
  if (value === null || value === '') return 5;
  return /^\d+$/.test(value) ? Number(value) : 0;
}

const NO_CACHE_MODES: ReadonlySet<RequestCache> = new Set();

/** Firefox and WebKit parse Range bounds as unsigned 64-bit; Chromium stops one below 2^63-1. */
const UINT64_MAX = '18446744073709551615';

const SPEC: EngineProfile = {
  engine: 'spec',
  extraSafelisted: new Map(),
  extraForbidden: new Set(),
  safelist: {
    scope: 'entry',
    trimsJoinedValue: false,
    budget: true,
    nonAsciiUnsafe: false,
    rangeUnitIgnoresCase: false,
    rangeMax: null,
    contentTypeCommaUnsafe: false,
  },
  requestHeadersRepeat: false,
  streamBodies: 'standard',
  sameOriginStreamsAsCors: false,
  streamPreflightMethod: 'spec',
  wildcardCoversAuthorization: false,
  exposeWildcardIgnoresInvalid: false,
  noCorsKeepsBodyType: false,
  cacheMode: {
    conditional: 'no-store',
    bypassesPreflightCache: NO_CACHE_MODES,
    storesNoPreflight: NO_CACHE_MODES,
  },
  maxAge: { capSeconds: Number.POSITIVE_INFINITY, parse: parseMaxAge },
  cache: {
    model: 'per-entry',
    credentials: 'covers-omit',
    wildcards: true,
    clearOnFailure: 'preflighted',
    storesRefused: false,
    skipsOpaqueOrigin: false,
  },
  redirect: {
    dropsHeaders: new Set(),
    preflightSticky: false,
    preflightKeepsOrigin: false,
    keepsOriginAfterMethodChange: false,
    deleteBecomesGetAcrossOrigins: false,
  },
  opaqueOriginOnCredentialedNoCors: 'none',
  worker: {
    conditionalKeepsDefault: false,
    credentialedNoCorsOrigin: 'none',
    noCorsSendsCreatorOrigin: false,
  },
  networkErrorMessage: 'Failed to fetch',
  wire: {
    canonicalRange: false,
    repeatedNames: 'standard',
    rangeRefusesEncodedAnswer: false,
    cacheHeadersAcrossOrigins: true,
    utf8Values: false,
  },
};

/** The profile of every engine, keyed by {@link Engine}. */
export const ENGINE_PROFILES: Readonly<Record<Engine, EngineProfile>> = {
  spec: SPEC,
  chromium: {
    ...SPEC,
    engine: 'chromium',
    extraSafelisted: CHROMIUM_CLIENT_HINTS,
    extraForbidden: new Set(['user-agent']),
    safelist: {
      ...SPEC.safelist,
      scope: 'combined',
      trimsJoinedValue: true,
      rangeMax: '9223372036854775806',
    },
    streamBodies: 'http2-only',
    opaqueOriginOnCredentialedNoCors: 'every-hop',
    sameOriginStreamsAsCors: true,
    streamPreflightMethod: 'like-any-preflight',
    worker: { ...SPEC.worker, conditionalKeepsDefault: true, credentialedNoCorsOrigin: 'creator' },
    wildcardCoversAuthorization: true,
    maxAge: { capSeconds: 7200, parse: parseMaxAgeInt64 },
    cacheMode: {
      conditional: 'no-cache',
      bypassesPreflightCache: new Set(['no-store', 'reload', 'no-cache']),
      storesNoPreflight: new Set(['no-store']),
    },
    cache: { ...SPEC.cache, model: 'per-url', clearOnFailure: 'none', skipsOpaqueOrigin: true },
    redirect: { ...SPEC.redirect, dropsHeaders: CHROMIUM_REDIRECT_DROPPED },
    wire: { ...SPEC.wire, canonicalRange: true, rangeRefusesEncodedAnswer: true },
  },
  firefox: {
    ...SPEC,
    engine: 'firefox',
    safelist: {
      ...SPEC.safelist,
      budget: false,
      nonAsciiUnsafe: true,
      rangeMax: UINT64_MAX,
      contentTypeCommaUnsafe: true,
    },
    requestHeadersRepeat: true,
    opaqueOriginOnCredentialedNoCors: 'same-origin-hops',
    streamBodies: 'stringified',
    wildcardCoversAuthorization: true,
    exposeWildcardIgnoresInvalid: true,
    maxAge: { capSeconds: 86400, parse: parseMaxAgeFirefox },
    cacheMode: { ...SPEC.cacheMode, bypassesPreflightCache: new Set(['no-store', 'reload']) },
    cache: {
      model: 'per-entry',
      credentials: 'exact',
      wildcards: false,
      clearOnFailure: 'any',
      storesRefused: false,
      skipsOpaqueOrigin: false,
    },
    redirect: { ...SPEC.redirect, preflightSticky: true, preflightKeepsOrigin: true },
    networkErrorMessage: 'NetworkError when attempting to fetch resource.',
    wire: { ...SPEC.wire, repeatedNames: 'firefox' },
  },
  webkit: {
    ...SPEC,
    engine: 'webkit',
    safelist: { ...SPEC.safelist, scope: 'combined', rangeUnitIgnoresCase: true, rangeMax: UINT64_MAX },
    streamBodies: 'unsupported',
    wildcardCoversAuthorization: true,
    noCorsKeepsBodyType: true,
    maxAge: { capSeconds: 600, parse: parseMaxAgeInt64 },
    cache: { ...SPEC.cache, model: 'per-url', clearOnFailure: 'none', storesRefused: true },
    redirect: {
      ...SPEC.redirect,
      preflightSticky: true,
      keepsOriginAfterMethodChange: true,
      deleteBecomesGetAcrossOrigins: true,
    },
    worker: { ...SPEC.worker, noCorsSendsCreatorOrigin: true },
    networkErrorMessage: 'Load failed',
    wire: { ...SPEC.wire, utf8Values: true, cacheHeadersAcrossOrigins: false },
  },
};

/**
 * The profile of `engine` (`spec` when undefined).
 * @throws TypeError for a name that is not an {@link Engine}.
 */
export function engineProfile(engine: Engine | undefined): EngineProfile {
  if (engine === undefined) return SPEC;
  if (!Object.hasOwn(ENGINE_PROFILES, engine)) {
    throw new TypeError(
      `Unknown engine ${JSON.stringify(engine)}: use one of spec, chromium, firefox, webkit.`,
    );
  }
  return ENGINE_PROFILES[engine];
}
