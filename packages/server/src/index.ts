/**
 * A validated CORS policy ({@link definePolicy}) and the Fetch API handler wrapper ({@link withCors}).
 * Adapters for Node http/Express, Fastify, Koa, Hono and msw are in `@corskit/server/node`, `/fastify`,
 * `/koa`, `/hono` and `/msw`.
 *
 * @packageDocumentation
 */

export type { InputIssue, InputLocation } from './api/input.js';
export { type ApiPolicyOptions, apiPolicies } from './api/policies.js';
export {
  type ApiHandlers,
  type RouteHandler,
  type ServeApiErrorBody,
  type ServeApiOptions,
  serveApi,
} from './api/serve.js';
export {
  CORS_DEBUG_HEADER,
  DECODED_CONTENT_LENGTH_HEADER,
  DEFAULT_MAX_AGE,
  MAX_MAX_AGE,
  MAX_ORIGIN_LENGTH,
  MAX_REQUEST_HEADERS_LENGTH,
} from './constants.js';
export { PolicyError } from './errors.js';
export { withCors } from './fetch.js';
export { definePolicy } from './policy.js';
export { PROGRESS_EXPOSE_HEADERS, progressPreset } from './presets.js';
export { type PolicyRoutes, type PolicySource, routePolicies } from './routes.js';
export type {
  CorsPolicy,
  CorsRefusal,
  CrossOriginProtectionOptions,
  FetchHandler,
  PolicyConfig,
} from './types.js';
