import type { Classification } from '@corskit/core';
import type { InitHook, Options } from 'ky';
import type { ClientPolicy } from './policy.js';
import type { DownloadProgressHandler } from './progress.js';

/**
 * Option keys that carry the client's per-call state. ky forwards options it does not know to its
 * `fetch` as the second argument, which is how the transport receives the plan.
 */
export const PLAN_KEY = 'corskitPlan';
export const PREDICT_KEY = 'corskitPredict';
/** A call's own policy (a contract route's derived CORS), for development checks. */
export const POLICY_KEY = 'corskitPolicy';

export type KyOptionsRecord = Options & Record<string, unknown>;

/** What one call needs beyond the Request ky builds. */
export interface RequestPlan {
  /** ky's options for the call, read at fetch time so that init hooks after ours count too. */
  options: KyOptionsRecord;
  onDownloadProgress: DownloadProgressHandler | undefined;
  /** Set for `client.predict()`: receives the classification instead of a request being sent. */
  predict: ((classification: Classification) => void) | undefined;
  /** The policy this call is checked against instead of the client's (a contract route's CORS). */
  policy: ClientPolicy | undefined;
}

/**
 * The client's init hook, first in the chain. Takes over download progress (ky's would trust
 * Content-Length) and, for a prediction, keeps only what shapes the request: init and beforeRequest
 * hooks, no retries, no afterResponse or beforeError hooks, no timeout.
 */
export const planRequest: InitHook = (kyOptions) => {
  const options = kyOptions as KyOptionsRecord;
  const plan: RequestPlan = {
    options,
    onDownloadProgress: options.onDownloadProgress as DownloadProgressHandler | undefined,
    predict: options[PREDICT_KEY] as RequestPlan['predict'],
    policy: options[POLICY_KEY] as ClientPolicy | undefined,
  };
  options[POLICY_KEY] = undefined;
  options.onDownloadProgress = undefined;
  if (plan.predict !== undefined) {
    options.hooks = { init: options.hooks?.init ?? [], beforeRequest: options.hooks?.beforeRequest ?? [] };
    options.retry = 0;
    options.throwHttpErrors = false;
    options.timeout = false;
    options[PREDICT_KEY] = undefined;
  }
  options[PLAN_KEY] = plan;
};
