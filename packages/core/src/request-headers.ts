import { splitHeaderList } from './http.js';
import { isForbiddenMethod } from './methods.js';
import { hasEssence } from './mime.js';
import { isSimpleRangeHeaderValue } from './range.js';
import type { PreflightReasonCode } from './types.js';

/**
 * The Fetch Standard's forbidden request-header names, lowercase. Names starting `proxy-` or `sec-`
 * are forbidden too (see {@link ForbiddenRequestHeaderName}).
 */
export const FORBIDDEN_REQUEST_HEADER_NAMES = [
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
] as const;

/** A request header a script cannot set: the browser silently drops it. Lowercase. */
export type ForbiddenRequestHeaderName =
  | (typeof FORBIDDEN_REQUEST_HEADER_NAMES)[number]
  | `proxy-${string}`
  | `sec-${string}`;

const FORBIDDEN_NAMES = new Set<string>(FORBIDDEN_REQUEST_HEADER_NAMES);

const METHOD_OVERRIDE_NAMES = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);

/**
 * Forbidden request-header (Fetch Standard): a script's attempt to set it is silently ignored.
 * `name` is lowercase.
 */
export function isForbiddenRequestHeader(name: string, value: string): boolean {
  if (FORBIDDEN_NAMES.has(name)) return true;
  if (name.startsWith('proxy-') || name.startsWith('sec-')) return true;
  if (METHOD_OVERRIDE_NAMES.has(name)) {
    for (const method of splitHeaderList(value)) if (isForbiddenMethod(method)) return true;
  }
  return false;
}

const SAFELISTED_REQUEST_NAMES = [
  'accept',
  'accept-language',
  'content-language',
  'content-type',
  'range',
] as const;

/** A request header name the CORS safelist knows (its value decides whether it is safelisted). */
export type CorsSafelistedRequestHeaderName = (typeof SAFELISTED_REQUEST_NAMES)[number];

/** Names, lowercase, that the safelist knows; anything else is not safelisted. */
export const CORS_SAFELISTED_REQUEST_HEADER_NAMES: readonly string[] = SAFELISTED_REQUEST_NAMES;

const SAFELISTED_NAMES = new Set(CORS_SAFELISTED_REQUEST_HEADER_NAMES);

const SAFELISTED_CONTENT_TYPE_LIST = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
] as const;

/** The MIME type essences a CORS-safelisted Content-Type may have. */
export type CorsSafelistedContentType = (typeof SAFELISTED_CONTENT_TYPE_LIST)[number];

/** {@link CorsSafelistedContentType} as a list. */
export const CORS_SAFELISTED_CONTENT_TYPES: readonly string[] = SAFELISTED_CONTENT_TYPE_LIST;

/**
 * A value that passes the safelist's value rules for the headers whose rules are strict (a Range
 * of one byte range, the client hints Chromium safelists), for tools that build a typical call
 * from a header's name alone (the contract's compile-time agreement, `corskit audit`).
 */
export const SAFELISTED_SAMPLE_VALUES: Readonly<Record<string, string>> = Object.freeze({
  range: 'bytes=0-',
  'save-data': 'on',
  ect: '4g',
});

const SAFELISTED_CONTENT_TYPES = CORS_SAFELISTED_CONTENT_TYPES;

/** CORS-unsafe request-header byte: controls other than tab, DEL, and `"():<>?@[\]{}`. */
function isCorsUnsafeRequestHeaderByte(c: number): boolean {
  if (c < 0x20) return c !== 0x09;
  switch (c) {
    case 0x22:
    case 0x28:
    case 0x29:
    case 0x3a:
    case 0x3c:
    case 0x3e:
    case 0x3f:
    case 0x40:
    case 0x5b:
    case 0x5c:
    case 0x5d:
    case 0x7b:
    case 0x7d:
    case 0x7f:
      return true;
    default:
      return false;
  }
}

function hasUnsafeByte(value: string, nonAsciiUnsafe: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isCorsUnsafeRequestHeaderByte(c) || (nonAsciiUnsafe && c >= 0x80)) return true;
  }
  return false;
}

/** Where an engine's header-value rules differ from the standard's (part of EngineProfile.safelist). */
export interface SafelistRules {
  /** Whether bytes >= 0x80 count as CORS-unsafe (Firefox reads them as signed chars). */
  nonAsciiUnsafe: boolean;
  /** Whether Range's `bytes` unit matches case-insensitively. */
  rangeUnitIgnoresCase: boolean;
  /** The largest Range bound that parses, as decimal digits (null: no limit, as in the standard). */
  rangeMax: string | null;
  /** Whether a Content-Type holding a comma is unsafe, even in a parameter (Firefox). */
  contentTypeCommaUnsafe: boolean;
}

const STANDARD_RULES: SafelistRules = {
  nonAsciiUnsafe: false,
  rangeUnitIgnoresCase: false,
  rangeMax: null,
  contentTypeCommaUnsafe: false,
};

function isLanguageValue(value: string): boolean {
  // 0-9 A-Z a-z space * , - . ; =
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ok =
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      c === 0x20 ||
      c === 0x2a ||
      c === 0x2c ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x3b ||
      c === 0x3d;
    if (!ok) return false;
  }
  return true;
}

/**
 * Why a header with a safelisted name is still not safelisted, or null when it is. `name` is
 * lowercase and one of CORS_SAFELISTED_REQUEST_HEADER_NAMES; `value` is the combined value.
 */
export function safelistViolation(
  name: string,
  value: string,
  rules: SafelistRules = STANDARD_RULES,
): PreflightReasonCode | null {
  if (!SAFELISTED_NAMES.has(name)) return 'header-not-safelisted';
  if (value.length > 128) return 'header-value-too-long';
  switch (name) {
    case 'accept':
      return hasUnsafeByte(value, rules.nonAsciiUnsafe) ? 'header-value-not-safelisted' : null;
    case 'accept-language':
    case 'content-language':
      return isLanguageValue(value) ? null : 'header-value-not-safelisted';
    case 'content-type': {
      if (hasUnsafeByte(value, rules.nonAsciiUnsafe)) return 'header-value-not-safelisted';
      if (rules.contentTypeCommaUnsafe && value.includes(',')) return 'content-type-not-safelisted';
      return hasEssence(value, SAFELISTED_CONTENT_TYPES) ? null : 'content-type-not-safelisted';
    }
    case 'range':
      return isSimpleRangeHeaderValue(value, rules.rangeUnitIgnoresCase, rules.rangeMax)
        ? null
        : 'range-not-simple';
    default:
      return 'header-not-safelisted';
  }
}

/** The no-CORS-safelisted names: the only headers a no-cors request may carry. */
export function isNoCorsSafelistedName(name: string): boolean {
  return (
    name === 'accept' || name === 'accept-language' || name === 'content-language' || name === 'content-type'
  );
}

const SAFELISTED_RESPONSE_NAMES = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
] as const;

/** A response header every CORS response exposes (lowercase). */
export type CorsSafelistedResponseHeaderName = (typeof SAFELISTED_RESPONSE_NAMES)[number];

/** Response headers every CORS response exposes (lowercase). */
export const CORS_SAFELISTED_RESPONSE_HEADER_NAMES: readonly string[] = SAFELISTED_RESPONSE_NAMES;

/** A response header no script can read, whatever Access-Control-Expose-Headers says. */
export type ForbiddenResponseHeaderName = 'set-cookie' | 'set-cookie2';

/** Never readable by scripts, whatever Access-Control-Expose-Headers says. */
export function isForbiddenResponseHeaderName(name: string): boolean {
  return name === 'set-cookie' || name === 'set-cookie2';
}
