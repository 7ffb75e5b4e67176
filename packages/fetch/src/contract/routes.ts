// One method per contract route on the client, sent through the client's ky instance (so hooks,
// retry, timeout, prediction, warnings and CorsError all apply) and read into the typed result.
import type { Api, RouteFacts } from '@corskit/contract';
import { isHTTPError, type KyInstance, type Options } from 'ky';
import { POLICY_KEY } from '../plan.js';
import { predict } from '../predict.js';
import type { PredictOptions } from '../typed.js';
import { type CallInput, encodeCall } from './encode.js';
import { routePolicy } from './policy.js';
import { type CallResult, readResult } from './read.js';

/** The contract options of createClient. */
export interface ContractSettings {
  /** The value defineApi returned: one method per route is added to the client. */
  api: Api;
  /** Check responses against the routes' schemas: every route, the named ones, or none (default). */
  validate?: boolean | readonly string[];
}

type CallOptions = Options & { validate?: boolean };

function routeMethod(
  instance: KyInstance,
  api: Api,
  route: RouteFacts,
  validates: boolean,
  baseUrl: Options['baseUrl'],
) {
  const policy = process.env.NODE_ENV !== 'production' ? routePolicy(api, route) : undefined;
  const prepare = (input: CallInput | undefined, options: CallOptions = {}) => {
    const { validate, ...kyOptions } = options;
    const [url, encoded] = encodeCall(route, input, baseUrl !== undefined);
    const init: Options = { ...kyOptions, ...encoded, baseUrl };
    if (policy !== undefined) (init as Record<string, unknown>)[POLICY_KEY] = policy;
    return [url, init, validate ?? validates] as const;
  };
  const send = async (input: CallInput | undefined, options: CallOptions | undefined, throwing: boolean) => {
    const [url, init, check] = prepare(input, options);
    if (throwing) init.throwHttpErrors = true;
    let response: Response;
    try {
      response = await instance(url, init);
    } catch (error) {
      // ky read the body of a non-2xx answer into error.data (and ran its retries and hooks).
      if (!isHTTPError(error)) throw error;
      const result = await readResult(route, error.response, check, error.data, true);
      if (!throwing) return result;
      throw Object.assign(error, { result });
    }
    return readResult(route, response, check);
  };
  const call = (input?: CallInput, options?: CallOptions): Promise<CallResult> => send(input, options, false);
  const json = async (input?: CallInput, options?: CallOptions) => (await send(input, options, true)).body;
  return Object.assign(call, {
    json,
    predict: (input?: CallInput, options?: CallOptions) => {
      const [url, init] = prepare(input, options);
      return predict(instance, url, init as PredictOptions<unknown>);
    },
    facts: route,
  });
}

/**
 * Adds one method per route of `settings.api` to `client`. A route named like one of the client's
 * own members (`get`, `extend`, ...) is refused rather than silently shadowing it.
 */
export function addRoutes(
  client: Record<string, unknown>,
  instance: KyInstance,
  settings: ContractSettings,
  baseUrl: Options['baseUrl'],
): void {
  const { api, validate } = settings;
  for (const [name, route] of Object.entries(api.facts)) {
    if (name in client) {
      throw new TypeError(
        `corskit: the route ${name} would hide the client's own ${name}; rename the route in defineApi.`,
      );
    }
    const validates = validate === true || (Array.isArray(validate) && validate.includes(name));
    client[name] = routeMethod(instance, api, route, validates, baseUrl);
  }
}
