// A contract route's derived CORS (api.cors.paths) as the policy the development checks use, so a
// call the contract's own CORS would refuse (an origin it does not list) is flagged before sending.
// Development builds only: nothing here reaches a production bundle.
import type { Api, RouteFacts } from '@corskit/contract';
import type { ClientPolicy } from '../policy.js';

/** Whether `origin` matches an entry of the contract's origins: exact, or `scheme://*.domain`. */
function matches(pattern: string, origin: string): boolean {
  const star = pattern.indexOf('://*.');
  if (star < 0) return pattern === origin;
  const scheme = pattern.slice(0, star + 3);
  const domain = pattern.slice(star + 4); // `.example.com`
  if (!origin.startsWith(scheme) || !origin.endsWith(domain)) return false;
  const host = origin.slice(scheme.length, origin.length - domain.length);
  return host !== '' && !host.includes('/');
}

/** The policy of `route`'s path, as the contract derives it. */
export function routePolicy(api: Api, route: RouteFacts): ClientPolicy | undefined {
  const path = api.cors.paths.find((entry) => entry.routes.includes(route.name));
  if (path === undefined) return undefined;
  const { origins, maxAge } = api.cors;
  return {
    config: {
      origins,
      methods: path.methods,
      requestHeaders: path.requestHeaders,
      exposeHeaders: path.exposeHeaders,
      credentials: path.credentials,
      ...(maxAge !== undefined && { maxAge }),
    },
    allowsOrigin: (origin) => origins === '*' || origins.some((pattern) => matches(pattern, origin)),
  };
}
