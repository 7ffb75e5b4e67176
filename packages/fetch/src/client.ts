import type { Api } from '@corskit/contract';
import type { Engine } from '@corskit/core';
import ky, { type KyInstance, type Options } from 'ky';
import type { BaseFetch, ClientContext } from './context.js';
import { addRoutes, type ContractSettings } from './contract/routes.js';
import type { ContractMethods } from './contract/types.js';
import { createDevelopmentTools } from './development/tools.js';
import { currentOrigin, currentUserAgent, detectEngine } from './environment.js';
import { planRequest } from './plan.js';
import { assertCredentialsPossible, type ClientPolicy, type ConfigOf } from './policy.js';
import { predict } from './predict.js';
import { emptyReport } from './report.js';
import { createTransport } from './transport.js';
import type { ClientDefaults, CorsClient } from './typed.js';
import type { WarningHandler } from './warnings.js';

/** The CORS settings of a client, beside ky's own options. */
export interface CorsSettings<P extends ClientPolicy | undefined> {
  /** The page's origin; default `location.origin`. Without one (Node), CORS features stay off. */
  origin?: string;
  /** Whose CORS quirks to model; default detected from the user agent, else `spec`. */
  engine?: Engine;
  /** The value @corskit/server's definePolicy returned. Its type alone narrows the client. */
  policy?: P;
  /** Where development warnings go; default console.warn. */
  onWarning?: WarningHandler;
  /** Send a no-cors HEAD after a failed cross-origin call, to tell CORS from the network; default true. */
  probe?: boolean;
  /**
   * The server never content-encodes its responses (no gzip, br, zstd), so a readable
   * Content-Length is the decoded size and download progress may use it as the total even when
   * Content-Encoding cannot be read. Default false. A development warning says so if a body proves
   * it wrong.
   */
  contentLengthIsDecoded?: boolean;
}

/**
 * Options of {@link createClient}: every ky option, plus the CORS settings. `P` is the policy type,
 * which narrows methods, headers and credentials at compile time.
 */
export type ClientOptions<P extends ClientPolicy | undefined = undefined> = ClientDefaults<ConfigOf<P>> &
  CorsSettings<P>;

const transports = new WeakSet<BaseFetch>();

function transportFor(context: ClientContext): BaseFetch {
  const transport = createTransport(context);
  transports.add(transport);
  return transport;
}

/** Defaults whose own `fetch` becomes the base of a transport sharing this client's session. */
function routedThroughClient<D extends { fetch?: Options['fetch'] }>(defaults: D, context: ClientContext): D {
  const { fetch } = defaults;
  if (fetch === undefined || transports.has(fetch)) return defaults;
  return { ...defaults, fetch: transportFor({ ...context, fetch }) };
}

function decorate<P extends ClientPolicy | undefined>(
  instance: KyInstance,
  context: ClientContext,
  settings: CorsSettings<P>,
): CorsClient<ConfigOf<P>> {
  type Defaults = ClientDefaults<ConfigOf<P>>;
  // The client is the ky instance itself, so keep ky's own extend before replacing it.
  const kyExtend = instance.extend;
  const client = instance as unknown as Record<string, unknown>;
  client.predict = (input: Parameters<KyInstance>[0], options?: object) => predict(instance, input, options);
  client.preflightReport = () => context.dev?.report() ?? emptyReport();
  client.extend = (defaults: Defaults | ((parent: Options) => Defaults)) => {
    const extended = kyExtend(
      typeof defaults === 'function'
        ? (parent: Options) => routedThroughClient(defaults(parent), context) as Options
        : (routedThroughClient(defaults, context) as Options),
    );
    return decorate(extended, context, settings);
  };
  // ky's create() drops inherited defaults; the CORS settings and the base fetch are kept.
  client.create = (defaults: Defaults = {} as Defaults) =>
    createClient<P>({ fetch: context.fetch, ...settings, ...defaults } as ClientOptions<P> &
      ContractOptions<undefined>);
  return instance as unknown as CorsClient<ConfigOf<P>>;
}

/** The contract options of {@link createClient}: `api` adds one typed method per route. */
export interface ContractOptions<A extends Api | undefined> {
  /** The value `defineApi` (@corskit/contract) returned: the client gets one method per route. */
  api?: A;
  /** Check responses against the routes' schemas: `true` for every route, or the names of some. */
  validate?: boolean | readonly string[];
}

/** createClient's argument: ky's options, the CORS settings, and optionally a contract. */
export type CreateClientOptions<
  P extends ClientPolicy | undefined = undefined,
  A extends Api | undefined = undefined,
> = ClientOptions<P> & ContractOptions<A>;

/** What createClient returns: the CORS-aware ky instance, plus a method per route when given an `api`. */
export type ClientOf<P extends ClientPolicy | undefined, A extends Api | undefined> = A extends Api
  ? CorsClient<ConfigOf<P>> & ContractMethods<A>
  : CorsClient<ConfigOf<P>>;

/**
 * A ky instance that knows CORS: it predicts preflights, warns in development, explains CORS
 * failures with a CorsError instead of retrying them, and reports honest download progress. Given
 * `api` (a contract from @corskit/contract), it also has one typed method per route.
 */
export function createClient<
  P extends ClientPolicy | undefined = undefined,
  const A extends Api | undefined = undefined,
>(
  options: ClientOptions<P> & ContractOptions<A> = {} as ClientOptions<P> & ContractOptions<A>,
): ClientOf<P, A> {
  const {
    origin,
    engine,
    policy,
    onWarning,
    probe,
    contentLengthIsDecoded,
    fetch,
    api,
    validate,
    ...kyDefaults
  } = options as ClientOptions<P> & ContractOptions<A> & { fetch?: BaseFetch };
  assertCredentialsPossible(kyDefaults.credentials, policy);
  const context: ClientContext = {
    origin: origin ?? currentOrigin(),
    engine: engine ?? detectEngine(currentUserAgent()),
    policy,
    probe: probe ?? true,
    contentLengthIsDecoded: contentLengthIsDecoded === true,
    // Looked up per call, so that a fetch patched later (msw, tests) is the one used.
    fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
    dev: undefined,
  };
  if (process.env.NODE_ENV !== 'production') {
    context.dev = createDevelopmentTools({
      ...context,
      onWarning: onWarning ?? ((warning) => console.warn(warning.message)),
    });
  }
  const instance = ky.create({
    ...(kyDefaults as Options),
    fetch: transportFor(context),
    hooks: { ...kyDefaults.hooks, init: [planRequest, ...(kyDefaults.hooks?.init ?? [])] },
  });
  const client = decorate(instance, context, {
    origin,
    engine,
    policy,
    onWarning,
    probe,
    contentLengthIsDecoded,
  });
  if (api !== undefined) {
    // Contract paths are relative to the API root: keep a baseUrl's own path (`/v1/`).
    const base =
      kyDefaults.baseUrl === undefined ? undefined : String(kyDefaults.baseUrl).replace(/\/?$/, '/');
    addRoutes(
      client as unknown as Record<string, unknown>,
      instance,
      { api, validate } as ContractSettings,
      base,
    );
  }
  return client as ClientOf<P, A>;
}
