// TanStack Query without depending on it: plain option objects that useQuery, fetchQuery,
// useMutation and MutationObserver accept. Separate functions, so a bundle without them has none.
import type { CallArgs, RouteMethod, RouteMutationOptions, RouteQueryOptions, SuccessBody } from './types.js';

/**
 * Query options for a route call: `useQuery(routeQuery(client.getItem, { params: { id } }))`. The
 * key is `[route name, { params, query }]` (so `[name]` matches every call of the route); the query
 * function resolves to the 2xx body and rejects otherwise, with the query's abort signal.
 */
export function routeQuery<K extends string, Req, Res, Opt>(
  method: RouteMethod<K, Req, Res, Opt>,
  ...[input, options]: CallArgs<Req, Opt>
): RouteQueryOptions<K, Req, SuccessBody<Res>> {
  const { params, query } = (input ?? {}) as { params?: unknown; query?: unknown };
  return {
    queryKey: [
      method.facts.name,
      { ...(params !== undefined && { params }), ...(query !== undefined && { query }) },
    ] as never,
    queryFn: ({ signal } = {}) =>
      method.json(...([input, { ...options, ...(signal && { signal }) }] as unknown as CallArgs<Req, Opt>)),
  };
}

/** Mutation options for a route: `useMutation(routeMutation(client.updateItem))`; keyed `[route name]`. */
export function routeMutation<K extends string, Req, Res, Opt>(
  method: RouteMethod<K, Req, Res, Opt>,
  options?: Opt,
): RouteMutationOptions<K, Req, SuccessBody<Res>> {
  return {
    mutationKey: [method.facts.name],
    mutationFn: (input) => method.json(...([input, options] as unknown as CallArgs<Req, Opt>)),
  };
}
