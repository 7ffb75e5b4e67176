// The CORS policy of each path of a contract, made by definePolicy from the facts the contract
// derived, and selected by path template: the per-route policies every adapter accepts.
import type { Api } from '@corskit/contract';
import { PolicyError } from '../errors.js';
import { definePathPolicy } from '../policy.js';
import { makePolicyRoutes, type PolicyRoutes } from '../routes.js';
import type { CorsPolicy, PolicyConfig } from '../types.js';
import { compileRouter, type PathMatch } from './router.js';

/** Policy options the contract does not decide: everything but what it derives. */
export type ApiPolicyOptions = Omit<
  PolicyConfig,
  | 'origins'
  | 'methods'
  | 'requestHeaders'
  | 'exposeHeaders'
  | 'credentials'
  | 'maxAge'
  | 'privateNetworkAccess'
>;

/** The policies of a contract, and its router (serveApi routes with the same one). */
export interface ApiPolicies {
  readonly routes: PolicyRoutes;
  /** Per path in `api.cors.paths`. */
  readonly byIndex: readonly CorsPolicy[];
  /** For paths no route serves: responses readable by allowed origins, every preflight refused. */
  readonly fallback: CorsPolicy;
  readonly match: (pathname: string) => PathMatch | null;
}

const SAFELISTED = new Set(['GET', 'HEAD', 'POST']);

function isApi(value: unknown): value is Api {
  return typeof value === 'object' && value !== null && 'facts' in value && 'cors' in value;
}

/** Builds (and validates, through definePolicy) one policy per contract path. */
export function compileApiPolicies(api: Api, options: ApiPolicyOptions = {}): ApiPolicies {
  if (!isApi(api)) throw new TypeError('Expected a contract made by defineApi() from @corskit/contract.');
  const { origins, maxAge, privateNetworkAccess, paths } = api.cors;
  const shared = {
    ...options,
    origins,
    ...(maxAge === undefined ? {} : { maxAge }),
    ...(privateNetworkAccess ? { privateNetworkAccess } : {}),
  };
  const problems: string[] = [];
  const attempt = (make: () => CorsPolicy): CorsPolicy | null => {
    try {
      return make();
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      for (const problem of error.problems) if (!problems.includes(problem)) problems.push(problem);
      return null;
    }
  };
  const byIndex = paths.map((path) =>
    attempt(() => {
      // A GET route serves HEAD too, as every server does.
      const served = path.methods.includes('GET')
        ? [...new Set([...path.methods, 'HEAD'])]
        : [...path.methods];
      return definePathPolicy(
        {
          ...shared,
          methods: served.filter((method) => !SAFELISTED.has(method)),
          requestHeaders: path.requestHeaders,
          exposeHeaders: path.exposeHeaders,
          credentials: path.credentials,
        },
        served,
      );
    }),
  );
  const fallback = attempt(() =>
    definePathPolicy({ ...shared, credentials: paths.some((path) => path.credentials) }, []),
  );
  if (problems.length > 0 || fallback === null) throw new PolicyError(problems, "contract's CORS policy");
  const policies = byIndex as CorsPolicy[];
  const match = compileRouter(paths);
  const routes = makePolicyRoutes((pathname) => {
    const found = match(pathname);
    return found === null ? fallback : policies[found.index]!;
  });
  return { routes, byIndex: policies, fallback, match };
}

/**
 * The CORS policies of a contract's paths, for any adapter: `withCors(apiPolicies(api), handler)`,
 * `corsMiddleware(apiPolicies(api))`. Each path gets exactly what its routes derive (methods,
 * request and exposed headers, credentials); a preflight for a method no route serves there, or to
 * a path no route serves, is refused. `options` are the policy settings the contract does not
 * decide (debug, filterOrigin, ...). Throws a PolicyError when the contract's CORS is unsafe.
 */
export function apiPolicies(api: Api, options: ApiPolicyOptions = {}): PolicyRoutes {
  return compileApiPolicies(api, options).routes;
}
