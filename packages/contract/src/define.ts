import type { Api } from './api.js';
import type { ApiDefinition, CorsOptions, Responses, RouteMap } from './definition.js';
import { derivePaths } from './derive.js';
import { ContractError, show } from './errors.js';
import type { RouteFacts } from './facts.js';
import type { NoFields } from './infer.js';
import type { CheckResponses, CheckRoutes } from './preflight-types.js';
import { responsesOf, routeOf } from './route.js';

function corsProblems(cors: unknown, problems: string[]): CorsOptions {
  if (typeof cors !== 'object' || cors === null || Array.isArray(cors)) {
    problems.push(`cors is an object ({ origins, credentials?, maxAge?, ... }), not ${show(cors)}.`);
    return { origins: [] };
  }
  const options = cors as CorsOptions;
  const { origins } = options;
  if (origins !== '*' && !(Array.isArray(origins) && origins.every((origin) => typeof origin === 'string'))) {
    problems.push(`cors.origins is a list of origins or "*", not ${show(origins)}.`);
  }
  if (options.credentials !== undefined && typeof options.credentials !== 'boolean') {
    problems.push(`cors.credentials is true or false, not ${show(options.credentials)}.`);
  }
  if (options.maxAge !== undefined && !(Number.isInteger(options.maxAge) && options.maxAge >= 0)) {
    problems.push(`cors.maxAge is a whole number of seconds, not ${show(options.maxAge)}.`);
  }
  for (const key of ['exposeHeaders', 'requestHeaders'] as const) {
    const list = options[key];
    if (list !== undefined && !(Array.isArray(list) && list.every((name) => typeof name === 'string'))) {
      problems.push(`cors.${key} is a list of header names, not ${show(list)}.`);
    }
  }
  return options;
}

/**
 * Defines an API contract: its routes (method, path, params, query, headers, body, responses per
 * status) and the CORS that does not follow from them. The CORS per path is derived here. Throws a
 * {@link ContractError} listing every problem at once; the compile-time checks (forbidden headers,
 * `preflight: 'forbid'`, unreadable response headers) flag the same mistakes in the editor.
 */
export function defineApi<const R extends RouteMap, const S extends Responses = NoFields>(
  definition: ApiDefinition<R, S> & {
    readonly routes: NoInfer<CheckRoutes<R>>;
    readonly responses?: NoInfer<CheckResponses<S>>;
  },
): Api<R, S> {
  const problems: string[] = [];
  if (typeof definition !== 'object' || definition === null) {
    throw new ContractError([`defineApi takes { cors, routes, responses? }, not ${show(definition)}.`]);
  }
  const cors = corsProblems(definition.cors, problems);
  const shared = Object.freeze(responsesOf(definition.responses, 'responses', problems));
  const routes = definition.routes as unknown;
  const facts: Record<string, RouteFacts> = {};
  if (typeof routes !== 'object' || routes === null || Array.isArray(routes)) {
    problems.push(`routes is an object of routes by name, not ${show(routes)}.`);
  } else {
    for (const [name, route] of Object.entries(routes)) {
      if (name.trim() === '') problems.push('a route name is empty.');
      const normalized = routeOf(name, route, shared, cors.credentials === true, problems);
      if (normalized !== null) facts[name] = normalized;
    }
  }
  const paths = derivePaths(Object.values(facts), cors, problems);
  if (problems.length > 0) throw new ContractError(problems);
  return Object.freeze({
    routes: definition.routes as R,
    responses: (definition.responses ?? {}) as S,
    info: definition.info,
    cors: Object.freeze({
      origins: cors.origins,
      maxAge: cors.maxAge,
      privateNetworkAccess: cors.privateNetworkAccess === true,
      paths: Object.freeze(paths),
    }),
    facts: Object.freeze(facts) as Api<R, S>['facts'],
  });
}
