export {
  type Answer,
  type Api,
  createApi,
  type Item,
  REPORT_BYTES,
  reportChunks,
  reportHeaders,
  SESSION_COOKIE,
} from './api.ts';
export { type ApiOptions, apiListener } from './node-server.ts';
export { type ApiPolicy, apiPolicy, DEFAULT_APP_ORIGIN, DEMO_API_KEY } from './policy.ts';
export { DEFAULT_API_PORT, type RunningApi, startApi } from './start.ts';
