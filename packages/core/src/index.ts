/**
 * The browser's CORS rules as a model: {@link classify} a request, {@link checkPreflight} and
 * {@link corsCheck} answers, the engines' preflight caches, and {@link createCorsFetch}, a fetch
 * that enforces CORS like a page script's fetch in Chromium, Firefox, WebKit or the Fetch Standard.
 *
 * @packageDocumentation
 */
export { classify } from './classify.js';
export { type CorsFetchOptions, createCorsFetch, type WorkerOrigins } from './cors-fetch.js';
export {
  type ChromiumClientHintName,
  ENGINE_PROFILES,
  type EngineProfile,
  engineProfile,
} from './engines.js';
export { CorsError, type CorsErrorCode, type CorsErrorDetails, type CorsStage } from './errors.js';
export { isToken, splitHeaderList } from './http.js';
export {
  type CorsSafelistedMethod,
  isCorsSafelistedMethod,
  isForbiddenMethod,
  normalizeMethod,
} from './methods.js';
export { mimeEssence } from './mime.js';
export { checkPreflight, type PreflightGrant, type PreflightQuestion } from './preflight.js';
export { type CacheQuery, createPreflightCache, type PreflightCache } from './preflight-cache.js';
export { PROGRESS_RESPONSE_HEADERS } from './progress-headers.js';
export {
  CORS_SAFELISTED_CONTENT_TYPES,
  CORS_SAFELISTED_REQUEST_HEADER_NAMES,
  CORS_SAFELISTED_RESPONSE_HEADER_NAMES,
  type CorsSafelistedContentType,
  type CorsSafelistedRequestHeaderName,
  type CorsSafelistedResponseHeaderName,
  FORBIDDEN_REQUEST_HEADER_NAMES,
  type ForbiddenRequestHeaderName,
  type ForbiddenResponseHeaderName,
  isForbiddenRequestHeader,
  isForbiddenResponseHeaderName,
  SAFELISTED_SAMPLE_VALUES,
  type SafelistRules,
  safelistViolation,
} from './request-headers.js';
export { type CheckFailure, corsCheck, readableHeaderNames } from './response-check.js';
export {
  type BodyKind,
  type Classification,
  type ClassifyOptions,
  ENGINES,
  type Engine,
  type PreflightReason,
  type PreflightReasonCode,
} from './types.js';
