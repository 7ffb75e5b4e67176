/**
 * One API contract ({@link defineApi}): routes with their params, query, headers, body and
 * responses per status, as Standard Schemas or zero-runtime {@link type} markers. The CORS per path
 * is derived from it, and {@link Preflight} says at compile time whether a call preflights and why.
 *
 * @packageDocumentation
 */
export type { Api } from './api.js';
export { defineApi } from './define.js';
export type {
  ApiDefinition,
  ApiInfo,
  CorsOptions,
  Method,
  Progress,
  ResponseDefinition,
  ResponseSpec,
  Responses,
  RouteDefinition,
  RouteMap,
} from './definition.js';
export { ContractError } from './errors.js';
export type { ApiCors, PathCors, ResponseFacts, RouteFacts, RoutePreflight } from './facts.js';
export type {
  BodySection,
  FieldsInput,
  FieldsOutput,
  HandlerBodyResult,
  HandlerEmptyResult,
  HandlerInput,
  HandlerOutput,
  HandlerResult,
  HandlerResultUnion,
  InferInput,
  InferOutput,
  NoFields,
  ParamsInput,
  ParamsSection,
  RequestInput,
  RequestOf,
  RequestOutput,
  ResponseBody,
  ResponseHeaders,
  ResponseOf,
  ResponseResult,
  ResultUnion,
  RouteName,
  RouteOf,
  RouteResponse,
  StatusOf,
} from './infer.js';
export type {
  OpenApiCredential,
  OpenApiDescription,
  OpenApiMediaType,
  OpenApiNote,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
  OpenApiSecurityAlternative,
} from './openapi/description.js';
export { OpenApiError } from './openapi/errors.js';
export { type FromOpenApiOptions, fromOpenApi } from './openapi/from-openapi.js';
export { readOpenApi } from './openapi/read.js';
export { type OpenApiDocument, type OpenApiOptions, toOpenApi } from './openapi/to-openapi.js';
export { buildPath, type Segment } from './path.js';
export type {
  DroppedRequestHeaderName,
  HasPathParams,
  IsSafelistedContentType,
  NeedsPreflight,
  NoPreflight,
  Preflight,
  PreflightOf,
  PreflightReasons,
  SafelistedHeaderName,
  StreamingEngine,
} from './preflight-types.js';
export {
  type Fields,
  type Invalid,
  type Issue,
  isSchema,
  isStandardSchema,
  isTypeMarker,
  type JsonSchema,
  type Schema,
  type TypeMarker,
  type,
  type Valid,
  type Validation,
  validate,
} from './schema.js';
