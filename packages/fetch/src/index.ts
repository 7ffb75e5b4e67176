/**
 * A CORS-aware browser client on ky ({@link createClient}): preflight prediction, development
 * warnings, compile-time checks against a @corskit/server policy, a {@link CorsError} that explains
 * refusals, and honest download progress. Given a contract (`createClient({ api })`), one typed
 * method per route.
 *
 * @packageDocumentation
 */
export {
  type ClientOf,
  type ClientOptions,
  type ContractOptions,
  type CorsSettings,
  type CreateClientOptions,
  createClient,
} from './client.js';
export { ResponseValidationError } from './contract/errors.js';
export { routeMutation, routeQuery } from './contract/query.js';
export type {
  BaseCallOptions,
  BodyAsRead,
  CallArgs,
  ClientResponseOf,
  ClientResult,
  ClientResultUnion,
  ContractKeys,
  ContractMethods,
  DownloadRoute,
  ResultHTTPError,
  RouteCallOptions,
  RouteMethod,
  RouteMethodOf,
  RouteMutationOptions,
  RouteQueryKey,
  RouteQueryOptions,
  SuccessBody,
  SuccessOf,
  UploadRoute,
} from './contract/types.js';
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
