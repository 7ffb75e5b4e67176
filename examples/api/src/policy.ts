// The API's CORS, derived from the contract: one policy per path (apiPolicies), for servers that
// route with their own framework (examples/frameworks). Nothing here is written by hand.
import { apiPolicies, type PolicyRoutes } from '@corskit/server';
import { apiContract, DEFAULT_APP_ORIGIN, DEMO_API_KEY } from './contract.ts';

export { DEFAULT_APP_ORIGIN, DEMO_API_KEY };

/** The per-path policies of the contract for these app origins. */
export function apiPolicy(appOrigins: readonly string[] = [DEFAULT_APP_ORIGIN]): PolicyRoutes {
  return apiPolicies(apiContract(appOrigins));
}

/** The policies' type (the browser app's client is typed by the contract instead). */
export type ApiPolicy = ReturnType<typeof apiPolicy>;
