import type { Engine } from './types.js';

/**
 * What one engine does differently from the Fetch Standard. Every field is a measured behaviour
 * (see test/conformance); `spec` is the standard itself.
 */
export interface EngineProfile {
  engine: Engine;
  /** Extra safelisted request headers and their value rules (Chromium's client hints). */
  extraSafelisted: ReadonlyMap<string, (value: string) => boolean>;
  /** Header names the engine silently drops although the standard lets scripts set them. */
  extraForbidden: ReadonlySet<string>;
  /** Whether `Access-Control-Allow-Headers: *` lets an Authorization header through. */
  wildcardCoversAuthorization: boolean;
  /** Access-Control-Max-Age: absent means `defaultSeconds`; larger values are cut to `capSeconds`. */
  maxAge: { defaultSeconds: number; capSeconds: number; parse: (value: string | null) => number };
  /**
   * `per-entry`: one cache entry per method and per header name, each refreshed independently
   * (the standard). `per-url`: one entry per URL holding the last answer's lists, replaced whole.
   */
  cacheModel: 'per-entry' | 'per-url';
}

const isNumber = (value: string) => /^\d+(\.\d+)?$/.test(value);
const isInteger = (value: string) => /^\d+$/.test(value);

/** Chromium safelists these client hints when their values are well-formed. */
const CHROMIUM_CLIENT_HINTS = new Map<string, (value: string) => boolean>([
  ['device-memory', isNumber],
  ['dpr', isNumber],
  ['width', isNumber],
  ['viewport-width', isNumber],
  ['downlink', isNumber],
  ['rtt', isInteger],
  ['save-data', (value) => value.toLowerCase() === 'on'],
  ['ect', (value) => value === 'slow-2g' || value === '2g' || value === '3g' || value === '4g'],
]);

/** Max-age per the standard: a non-negative integer, anything else is a parse failure (5 s). */
function parseMaxAgeSpec(value: string | null): number {
  if (value === null || !/^\d+$/.test(value)) return 5;
  return Number(value);
}

export const ENGINE_PROFILES: Readonly<Record<Engine, EngineProfile>> = {
  spec: {
    engine: 'spec',
    extraSafelisted: new Map(),
    extraForbidden: new Set(),
    wildcardCoversAuthorization: false,
    maxAge: { defaultSeconds: 5, capSeconds: Number.POSITIVE_INFINITY, parse: parseMaxAgeSpec },
    cacheModel: 'per-entry',
  },
  chromium: {
    engine: 'chromium',
    extraSafelisted: CHROMIUM_CLIENT_HINTS,
    extraForbidden: new Set(['user-agent']),
    wildcardCoversAuthorization: true,
    maxAge: { defaultSeconds: 5, capSeconds: 7200, parse: parseMaxAgeSpec },
    cacheModel: 'per-url',
  },
  firefox: {
    engine: 'firefox',
    extraSafelisted: new Map(),
    extraForbidden: new Set(),
    wildcardCoversAuthorization: true,
    maxAge: { defaultSeconds: 5, capSeconds: 86400, parse: parseMaxAgeSpec },
    cacheModel: 'per-entry',
  },
  webkit: {
    engine: 'webkit',
    extraSafelisted: new Map(),
    extraForbidden: new Set(),
    wildcardCoversAuthorization: true,
    maxAge: { defaultSeconds: 5, capSeconds: 600, parse: parseMaxAgeSpec },
    cacheModel: 'per-url',
  },
};

export function engineProfile(engine: Engine | undefined): EngineProfile {
  if (engine === undefined) return ENGINE_PROFILES.spec;
  const profile = ENGINE_PROFILES[engine];
  if (profile === undefined) {
    throw new TypeError(
      `Unknown engine ${JSON.stringify(engine)}: use one of spec, chromium, firefox, webkit.`,
    );
  }
  return profile;
}
