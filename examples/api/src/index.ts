export {
  type Answer,
  type Api,
  createApi,
  NOT_FOUND,
  REPORT_BYTES,
  reportChunks,
  reportHeaders,
  SESSION_COOKIE,
} from './api.ts';
export { type ApiContract, apiContract, DEFAULT_APP_ORIGIN, DEMO_API_KEY, Item } from './contract.ts';
export { type ApiOptions, apiHandler, apiListener } from './node-server.ts';
export { type ApiPolicy, apiPolicy } from './policy.ts';
export { DEFAULT_API_PORT, type RunningApi, startApi } from './start.ts';
