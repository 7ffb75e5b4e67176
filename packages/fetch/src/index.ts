/**
 * A CORS-aware browser client on ky ({@link createClient}): preflight prediction, development
 * warnings, compile-time checks against a @corskit/server policy, a {@link CorsError} that explains
 * refusals, and honest download progress.
 *
 * @packageDocumentation
 */
export { type ClientOptions, type CorsSettings, createClient } from './client.js';
export { detectEngine } from './environment.js';
export { CorsError, type LikelyCause } from './errors.js';
export { createPathsClient, type PathsClient, type PathsClientOptions } from './openapi/client.js';
export type {
  OperationAt,
  PathCall,
  PathCallOptions,
  PathInit,
  PathMethod,
  PathOwnInit,
  PathResponseBody,
  PathResult,
  PathStatus,
  PathsWith,
  RequiredKeysOf,
} from './openapi/types.js';
export type { ClientPolicy, ClientPolicyConfig, ConfigOf } from './policy.js';
export type { DownloadProgress, DownloadProgressHandler } from './progress.js';
export type { PreflightReport, RouteFigures } from './report.js';
export type {
  AllowedMethod,
  AllowedShortcut,
  ClientDefaults,
  CorsClient,
  CorsRequest,
  CorsRequestOptions,
  PolicyRefuses,
  PredictOptions,
} from './typed.js';
export type { CorsWarning, CorsWarningKind, WarningHandler } from './warnings.js';
