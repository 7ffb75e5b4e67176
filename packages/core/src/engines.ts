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
  /** Whether `Access-Control-Allow-Headers: *` lets an Authorization header through. */
  wildcardCoversAuthorization: boolean;
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
    /** Whether a CORS failure of the actual response drops the URL's cached answers. */
    clearOnFailure: boolean;
  };
  /** How redirects interact with preflights. */
  redirect: {
    /** A request that needed a preflight preflights again at every hop, even when it became simple. */
    preflightSticky: boolean;
    /** The preflight after an Origin-tainting redirect still carries the page origin (not `null`). */
    preflightKeepsOrigin: boolean;
  };
  /** The message of a network error's TypeError (what `fetch` rejects with when nothing answers). */
  networkErrorMessage: string;
  /** How header values reach the wire, as the server sees them. */
  wire: {
    /** A valid single byte range is re-serialized canonically (`bytes = 00-01` → `bytes=0-1`). */
    canonicalRange: boolean;
    /** Only the first Content-Type value is sent when a script appended several. */
    firstContentTypeOnly: boolean;
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

/** Chromium and WebKit: like the standard, but a negative number means no caching. */
function parseMaxAgeNegativeIsZero(value: string | null): number {
  if (value !== null && /^-\d+$/.test(value)) return 0;
  return parseMaxAge(value);
}

/** Firefox: absent means 5 s, but a value that does not parse means no caching at all. */
function parseMaxAgeFirefox(value: string | null): number {
  if (value === null) return 5;
  return /^\d+$/.test(value) ? Number(value) : 0;
}

/** Firefox and WebKit parse Range bounds as unsigned 64-bit; Chromium stops one below 2^63-1. */
const UINT64_MAX = '18446744073709551615';

const SPEC: EngineProfile = {
  engine: 'spec',
  extraSafelisted: new Map(),
  extraForbidden: new Set(),
  safelist: {
    scope: 'entry',
    budget: true,
    nonAsciiUnsafe: false,
    rangeUnitIgnoresCase: false,
    rangeMax: null,
  },
  requestHeadersRepeat: false,
  streamBodies: 'standard',
  wildcardCoversAuthorization: false,
  maxAge: { capSeconds: Number.POSITIVE_INFINITY, parse: parseMaxAge },
  cache: { model: 'per-entry', credentials: 'covers-omit', wildcards: true, clearOnFailure: false },
  redirect: { preflightSticky: false, preflightKeepsOrigin: false },
  networkErrorMessage: 'Failed to fetch',
  wire: { canonicalRange: false, firstContentTypeOnly: false, utf8Values: false },
};

/** The profile of every engine, keyed by {@link Engine}. */
export const ENGINE_PROFILES: Readonly<Record<Engine, EngineProfile>> = {
  spec: SPEC,
  chromium: {
    ...SPEC,
    engine: 'chromium',
    extraSafelisted: CHROMIUM_CLIENT_HINTS,
    extraForbidden: new Set(['user-agent']),
    safelist: { ...SPEC.safelist, scope: 'combined', rangeMax: '9223372036854775806' },
    streamBodies: 'http2-only',
    wildcardCoversAuthorization: true,
    maxAge: { capSeconds: 7200, parse: parseMaxAgeNegativeIsZero },
    cache: { ...SPEC.cache, model: 'per-url' },
    wire: { ...SPEC.wire, canonicalRange: true },
  },
  firefox: {
    ...SPEC,
    engine: 'firefox',
    safelist: { ...SPEC.safelist, budget: false, nonAsciiUnsafe: true, rangeMax: UINT64_MAX },
    requestHeadersRepeat: true,
    streamBodies: 'stringified',
    wildcardCoversAuthorization: true,
    maxAge: { capSeconds: 86400, parse: parseMaxAgeFirefox },
    cache: { model: 'per-entry', credentials: 'exact', wildcards: false, clearOnFailure: true },
    redirect: { preflightSticky: true, preflightKeepsOrigin: true },
    networkErrorMessage: 'NetworkError when attempting to fetch resource.',
    wire: { ...SPEC.wire, firstContentTypeOnly: true },
  },
  webkit: {
    ...SPEC,
    engine: 'webkit',
    safelist: { ...SPEC.safelist, scope: 'combined', rangeUnitIgnoresCase: true, rangeMax: UINT64_MAX },
    streamBodies: 'unsupported',
    wildcardCoversAuthorization: true,
    maxAge: { capSeconds: 600, parse: parseMaxAgeNegativeIsZero },
    cache: { ...SPEC.cache, model: 'per-url' },
    redirect: { preflightSticky: true, preflightKeepsOrigin: false },
    networkErrorMessage: 'Load failed',
    wire: { ...SPEC.wire, utf8Values: true },
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
