// Types for a client over openapi-typescript's `paths`: each call typed by its path template and
// method. Every helper works on one operation at a time (never on all paths at once), so checking
// a call on a document of a thousand operations stays cheap.
import type { Options } from 'ky';
import type { DownloadProgressHandler } from '../progress.js';
import type { WithContent, WithResponses } from './shapes.js';

/** The methods of OpenAPI's Path Item, as openapi-typescript writes them. */
export type PathMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** The path templates of `Paths` that have method `M`. */
export type PathsWith<Paths, M extends PathMethod> = {
  // A method the path lacks is optional (`put?: never`), so it fails this test.
  // biome-ignore lint/suspicious/noExplicitAny: any operation; comparing the operation itself is slow.
  [P in keyof Paths]: Paths[P] extends { [K in M]: any } ? P : never;
}[keyof Paths] &
  string;

/** The operation at `Paths[P][M]`. */
export type OperationAt<Paths, P extends keyof Paths, M extends PathMethod> = Paths[P][M & keyof Paths[P]];

/** The keys of `T` that are not optional. */
// biome-ignore lint/complexity/noBannedTypes: `{}` is what an all-optional object accepts.
export type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** The params sections a call gives (`path`, `query`, `header`), the never-typed ones left out. */
type Sections<O> = O extends { parameters: infer P }
  ? {
      [K in keyof P as K extends 'path' | 'query' | 'header'
        ? [P[K]] extends [never | undefined]
          ? never
          : K
        : never]: P[K];
    }
  : Record<never, never>;

type ParamsInit<O> = [RequiredKeysOf<Sections<O>>] extends [never]
  ? { /** Path, query and header params. */ params?: Sections<O> }
  : { /** Path, query and header params. */ params: Sections<O> };

type JsonType = 'application/json';

/** A body per media type: JSON needs no `contentType`; any other names its media type. */
type BodyPerType<C> = {
  [K in keyof C]: K extends JsonType
    ? { /** The body, sent as JSON. */ body: C[K] /** The media type. */; contentType?: K }
    : {
        /** The body: a string, FormData, URLSearchParams or Blob, sent as given. */ body: C[K] | BodyInit;
        /** The media type, sent as Content-Type (FormData sets its own). */ contentType: K;
      };
}[keyof C];

type BodyInitOf<O> = O extends { requestBody: { content: infer C } }
  ? BodyPerType<C>
  : O extends { requestBody?: { content: infer C } }
    ? BodyPerType<C> | { body?: undefined }
    : Record<never, never>;

/** ky's per-call options a paths call passes on (timeout, signal, retry, hooks, credentials, ...). */
export type PathCallOptions = Omit<
  Options,
  | 'method'
  | 'json'
  | 'body'
  | 'searchParams'
  | 'prefix'
  | 'baseUrl'
  | 'throwHttpErrors'
  | 'onDownloadProgress'
  | 'parseJson'
> & {
  /** Honest download progress: the total is null when the browser cannot know it. */
  onDownloadProgress?: DownloadProgressHandler;
};

/** The part of a call's init the operation decides: params and body. */
export type PathOwnInit<O> = ParamsInit<O> & BodyInitOf<O>;

/** What a call takes: its params, its body per media type, and ky's options. */
export type PathInit<O> = PathOwnInit<O> & PathCallOptions;

/** A response key as a status: `200` for `200` or `'200'`, any number for `default` and `4XX`. */
export type PathStatus<S> = S extends number ? S : S extends `${infer N extends number}` ? N : number;

/** A response's body: its JSON media type's schema when it has one, else its first; undefined without content. */
export type PathResponseBody<R> =
  R extends WithContent<infer C> ? (C extends { [K in JsonType]: infer J } ? J : C[keyof C]) : undefined;

/** What a call resolves to: one member per declared status (`default` and `4XX` are any number). */
export type PathResult<O> =
  O extends WithResponses<infer R>
    ? {
        [S in keyof R]: {
          /** The status. */
          readonly status: PathStatus<S>;
          /** The body: parsed JSON, text, or undefined without one. */
          readonly body: PathResponseBody<R[S]>;
          /** The response headers the script can read. */
          readonly headers: Headers;
        };
      }[keyof R]
    : never;

/** `client.GET(path, init)` and the other methods: typed by the path templates having that method. */
export type PathCall<Paths, M extends PathMethod> = <P extends PathsWith<Paths, M>>(
  path: P,
  // Whether init is required: only params and body can make it so (ky's options are all optional).
  ...init: [RequiredKeysOf<PathOwnInit<OperationAt<Paths, P, M>>>] extends [never]
    ? [init?: PathInit<OperationAt<Paths, P, M>>]
    : [init: PathInit<OperationAt<Paths, P, M>>]
) => Promise<PathResult<OperationAt<Paths, P, M>>>;
