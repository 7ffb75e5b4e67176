// The contract client's types: one method per route, computed per route on access (never over the
// whole route map at once), from @corskit/contract's RequestOf and ResponseOf.

import type {
  Api,
  RequestOf,
  ResponseBody,
  ResponseHeaders,
  RouteFacts,
  RouteName,
  RouteOf,
} from '@corskit/contract';
import type { Classification } from '@corskit/core';
import type { HTTPError, Options } from 'ky';
import type { DownloadProgressHandler } from '../progress.js';

/** A route flagged for download progress in the contract. */
export interface DownloadRoute {
  /** `download` or `both`. */
  readonly progress: 'download' | 'both';
}
/** A route flagged for upload progress in the contract. */
export interface UploadRoute {
  /** `upload` or `both`. */
  readonly progress: 'upload' | 'both';
}

/** Options the contract decides: the URL, method, body, query, headers and credentials of the call. */
export type ContractKeys =
  | 'method'
  | 'json'
  | 'body'
  | 'searchParams'
  | 'headers'
  | 'credentials'
  | 'baseUrl'
  | 'prefix'
  | 'fetch'
  | 'onDownloadProgress'
  | 'onUploadProgress';

/** What every contract call takes beside its input: ky's options, minus what the contract decides. */
export type BaseCallOptions = Omit<Options, ContractKeys> & {
  /** Check the response against the route's schemas (overrides the client's `validate`). */
  validate?: boolean;
};

/**
 * Per-call options of route `R`: ky's timeout, retry, hooks, signal and the like, and the progress
 * callbacks only where the contract flags the route (elsewhere the server exposes no progress headers).
 */
export type RouteCallOptions<R> = BaseCallOptions &
  (R extends DownloadRoute
    ? {
        /** Honest download progress: the total is null when the browser cannot know it. */
        onDownloadProgress?: DownloadProgressHandler;
      }
    : unknown) &
  (R extends UploadRoute
    ? {
        /** ky's upload progress (the body streams, so the call preflights). */
        onUploadProgress?: Options['onUploadProgress'];
      }
    : unknown);

/** The arguments of a route call: the input is optional when nothing in it is required. */
export type CallArgs<Req, Opt> =
  Record<never, never> extends Req ? [input?: Req, options?: Opt] : [input: Req, options?: Opt];

/** The 2xx members of a result union. */
export type SuccessOf<Res> = Res extends {
  /** The status. */
  status: infer S extends number;
}
  ? `${S}` extends `2${string}`
    ? Res
    : never
  : never;

/** The body a successful (2xx) call gives, as `.json()` and the query factories resolve to. */
export type SuccessBody<Res> =
  SuccessOf<Res> extends {
    /** The body. */
    body: infer B;
  }
    ? B
    : never;

/** ky's HTTPError, as the throwing style rejects with it for a non-2xx status: with the typed result. */
export interface ResultHTTPError<Res> extends HTTPError {
  /** The declared result of that status: `{ status, body, headers }`. */
  readonly result: Exclude<Res, SuccessOf<Res>>;
}

/** A TanStack Query key of a route: its name, then the params and query it was called with. */
export type RouteQueryKey<K extends string, Req> = readonly [
  K,
  { [P in keyof Req as P extends 'params' | 'query' ? P : never]: Req[P] },
];

/** What `queryOptions()` returns: spread it into `useQuery`, `fetchQuery`, `prefetchQuery` and the like. */
export interface RouteQueryOptions<K extends string, Req, Data> {
  /** `[route name, { params, query }]`. */
  queryKey: RouteQueryKey<K, Req>;
  /** Calls the route with the query's abort signal; resolves to the 2xx body, rejects otherwise. */
  queryFn: (context: { signal?: AbortSignal }) => Promise<Data>;
}

/** What `mutationOptions()` returns: spread it into `useMutation` or a MutationObserver. */
export interface RouteMutationOptions<K extends string, Req, Data> {
  /** `[route name]`. */
  mutationKey: readonly [K];
  /** Calls the route with the mutation's variables; resolves to the 2xx body, rejects otherwise. */
  mutationFn: (input: Req) => Promise<Data>;
}

/**
 * One route's method on the client: `client.updateItem(input)` resolves to the result keyed on
 * `status`; `.json(input)` to the 2xx body (a non-2xx status rejects with ky's HTTPError, carrying
 * the typed `result`).
 */
export interface RouteMethod<K extends string, Req, Res, Opt> {
  /** Sends the call; resolves to `{ status, body, headers }` for every declared status. */
  (...args: CallArgs<Req, Opt>): Promise<Res>;
  /** Sends the call; resolves to the 2xx body, rejects with a {@link ResultHTTPError} otherwise. */
  json(...args: CallArgs<Req, Opt>): Promise<SuccessBody<Res>>;
  /** @corskit/core's classification of exactly the request this call would send (nothing is sent). */
  predict(...args: CallArgs<Req, Opt>): Promise<Classification>;
  /** The route as the contract normalized it: name, method, path, headers, CORS facts. */
  readonly facts: RouteFacts & {
    /** The route's name, the method's. */
    readonly name: K;
  };
}

/**
 * A response body as the client reads it: JSON parsed (the declared type), any `text/*` as a string,
 * anything else as a Blob, whatever the server-side type (a stream, say) the contract declares.
 */
export type BodyAsRead<Spec> = Spec extends {
  /** The declared media type. */
  readonly contentType: infer C extends string;
}
  ? Lowercase<C> extends `${string}json${string}`
    ? ResponseBody<Spec>
    : Lowercase<C> extends `text/${string}`
      ? string
      : Blob
  : ResponseBody<Spec>;

/** One status's result as the client gives it: `{ status, body, headers }`. */
export interface ClientResult<Status, Spec> {
  /** The status, which tells the union's members apart. */
  status: Status;
  /** The body, as read for its media type. */
  body: BodyAsRead<Spec>;
  /** The declared response headers (lowercase names). */
  headers: ResponseHeaders<Spec>;
}

/**
 * The result union of a route call: @corskit/contract's ResponseOf, with each body as the client
 * reads it ({@link BodyAsRead}). A route's own statuses first, then the API's shared ones.
 */
export type ClientResultUnion<Own, Shared> =
  | { [St in keyof Own]: ClientResult<St, Own[St]> }[keyof Own]
  | { [St in Exclude<keyof Shared, keyof Own>]: ClientResult<St, Shared[St]> }[Exclude<
      keyof Shared,
      keyof Own
    >];

/** What route `K` of API `A` resolves to on the client. */
export type ClientResponseOf<A extends Api, K extends RouteName<A>> = ClientResultUnion<
  A['routes'][K]['responses'],
  A['responses']
>;

/** The method of route `K` of API `A`. */
export type RouteMethodOf<A extends Api, K extends RouteName<A>> = RouteMethod<
  K,
  RequestOf<A, K>,
  ClientResponseOf<A, K>,
  RouteCallOptions<RouteOf<A, K>>
>;

/** One typed method per route of API `A`, named as in the contract. */
export type ContractMethods<A extends Api> = { readonly [K in RouteName<A>]: RouteMethodOf<A, K> };
