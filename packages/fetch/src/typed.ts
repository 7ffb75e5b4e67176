// Compile-time narrowing: a client given a policy type accepts only the methods, request headers
// and credentials mode that policy allows. With no policy, everything ky accepts is accepted.
import type { Classification } from '@corskit/core';
import type { Input, KyInstance, Options, ResponsePromise } from 'ky';
import type { ClientPolicyConfig } from './policy.js';
import type { DownloadProgressHandler } from './progress.js';
import type { PreflightReport } from './report.js';

type Item<L> = L extends readonly (infer I extends string)[] ? I : never;

/** True for the open config a client without a policy uses. */
type Unrestricted<C> = ClientPolicyConfig extends C ? true : false;

type SafelistedMethod = 'GET' | 'HEAD' | 'POST';
type SafelistedHeader = 'accept' | 'accept-language' | 'content-language' | 'content-type' | 'range';
type SafelistedContentType =
  `${'text/plain' | 'application/x-www-form-urlencoded' | 'multipart/form-data'}${string}`;
/** ky upper-cases these method names; any other spelling goes out as written. */
type KyNormalizedMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'HEAD' | 'DELETE' | 'QUERY';
type ShortcutName = 'get' | 'post' | 'put' | 'patch' | 'head' | 'delete' | 'query';

/** Methods the policy allows, as sent (methods compare case-sensitively). */
export type AllowedMethod<C> =
  Unrestricted<C> extends true
    ? string
    : SafelistedMethod | (C extends { methods: infer L } ? Item<L> : never);

export type MethodOption<C> = AllowedMethod<C> | Lowercase<Extract<AllowedMethod<C>, KyNormalizedMethod>>;

/** The ky shortcuts (`client.put`, ...) whose method the policy allows. */
export type AllowedShortcut<C> = {
  [K in ShortcutName]: Uppercase<K> extends AllowedMethod<C> ? K : never;
}[ShortcutName];

/** Whether the policy's Access-Control-Allow-Headers covers a lowercase header name. */
type PolicyAcceptsHeader<C, Name extends string> = C extends { requestHeaders: '*' }
  ? Name extends 'authorization'
    ? false // `*` does not cover Authorization in the Fetch Standard
    : true
  : C extends { requestHeaders: infer L }
    ? Name extends Lowercase<Item<L>>
      ? true
      : false
    : false;

/** Whether a header the call sets gets through: safelisted (with a safelisted value) or accepted. */
export type HeaderAccepted<C, Name extends string, Value> =
  Unrestricted<C> extends true
    ? true
    : PolicyAcceptsHeader<C, Lowercase<Name>> extends true
      ? true
      : Lowercase<Name> extends 'content-type'
        ? string extends Value
          ? true
          : Value extends SafelistedContentType | undefined
            ? true
            : false
        : Lowercase<Name> extends SafelistedHeader
          ? true
          : false;

export type HeaderRecord = Record<string, string | undefined>;
/** The header record of a call that sets none. */
type NoHeaders = Record<never, never>;

/** Each header the policy does not accept becomes a type whose text is the compile error. */
export type CheckedHeaders<C, H> = {
  [K in keyof H]: K extends string
    ? HeaderAccepted<C, K, H[K]> extends true
      ? H[K]
      : Lowercase<K> extends 'content-type'
        ? `the policy does not accept Content-Type ${H[K] & string}: add content-type to its requestHeaders`
        : `the policy does not accept the ${K} request header: add it to its requestHeaders`
    : H[K];
};

/** A header record for client defaults, where the names cannot be inferred: accepted names only. */
export type AcceptedHeaderRecord<C> =
  Unrestricted<C> extends true
    ? NonNullable<Options['headers']>
    : C extends { requestHeaders: '*' }
      ? HeaderRecord
      : Partial<
          Record<
            SafelistedHeader | (C extends { requestHeaders: infer L } ? Item<L> | Lowercase<Item<L>> : never),
            string
          >
        >;

export type CredentialsOption<C> =
  Unrestricted<C> extends true
    ? RequestCredentials
    : C extends { credentials: true }
      ? C extends { origins: '*' }
        ? Exclude<RequestCredentials, 'include'>
        : RequestCredentials
      : Exclude<RequestCredentials, 'include'>;

/** What a compile error names when an option cannot work under the policy. */
export interface PolicyRefuses<Reason extends string> {
  /** The reason, shown in the compile error. */
  readonly 'corskit: the policy refuses this': Reason;
}

type JsonOption<C> =
  HeaderAccepted<C, 'content-type', 'application/json'> extends true
    ? { json?: unknown }
    : {
        json?: PolicyRefuses<'json sends Content-Type: application/json: add content-type to the policy requestHeaders'>;
      };

type NarrowedKeys = 'headers' | 'method' | 'json' | 'credentials' | 'onDownloadProgress' | 'fetch';

type CommonOptions<C> = Omit<Options, NarrowedKeys> &
  JsonOption<C> & {
    method?: MethodOption<C>;
    credentials?: CredentialsOption<C>;
    /** Honest download progress: the total is null when the browser cannot know it. */
    onDownloadProgress?: DownloadProgressHandler;
  };

/** Per-call options: ky's, with methods, headers and credentials narrowed to the policy. */
export type CorsRequestOptions<C, H = HeaderRecord> = CommonOptions<C> & {
  /** Request headers: with a policy, each must be safelisted or accepted by it. */
  headers?: Unrestricted<C> extends true ? NonNullable<Options['headers']> : CheckedHeaders<C, H>;
};

/** Options of `client.predict()`: a call's options, and the body method the call will use. */
export type PredictOptions<C, H = HeaderRecord> = CorsRequestOptions<C, H> & {
  /** ky's `.json()` and friends set Accept before sending; name the one the call uses. */
  responseType?: 'json' | 'text' | 'formData' | 'arrayBuffer' | 'blob' | 'bytes';
};

/** Defaults for `extend()` and `create()`. */
export type ClientDefaults<C> = CommonOptions<C> & {
  /** Default headers: with a policy, only names it accepts (or safelisted ones). */
  headers?: AcceptedHeaderRecord<C>;
  /** The fetch that sends each request (ky's option), such as @corskit/core's `createCorsFetch`. */
  fetch?: Options['fetch'];
};

/** A call on the client (`client(url, options)`, `client.get(...)`, ...), narrowed to the policy's config `C`. */
export type CorsRequest<C> = <T = unknown, const H extends HeaderRecord = NoHeaders>(
  url: Input,
  options?: CorsRequestOptions<C, H>,
) => ResponsePromise<T>;

/** A ky instance with CORS features, narrowed to a policy's config `C`. */
export type CorsClient<C extends ClientPolicyConfig = ClientPolicyConfig> = CorsRequest<C> & {
  readonly [K in AllowedShortcut<C>]: CorsRequest<C>;
} & {
  /** @corskit/core's classification of exactly the request this call would send. */
  predict<const H extends HeaderRecord = NoHeaders>(
    url: Input,
    options?: PredictOptions<C, H>,
  ): Promise<Classification>;
  /** Requests and predicted preflights so far, by route and by reason (development builds). */
  preflightReport(): PreflightReport;
  /** ky's `extend()`: a client with more defaults, keeping the CORS settings. */
  extend(defaults: ClientDefaults<C> | ((parent: Options) => ClientDefaults<C>)): CorsClient<C>;
  /** ky's `create()`: a client with fresh defaults, keeping the CORS settings and the base fetch. */
  create(defaults?: ClientDefaults<C>): CorsClient<C>;
  /** ky's `stop`: return it from a `beforeRetry` hook to stop retrying. */
  readonly stop: KyInstance['stop'];
  /** ky's `retry()`: return its result from an `afterResponse` hook to retry the call. */
  readonly retry: KyInstance['retry'];
};
