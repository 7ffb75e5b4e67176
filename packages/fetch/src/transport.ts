import type { Classification } from '@corskit/core';
import type { Input } from 'ky';
import type { ClientContext } from './context.js';
import { explainFailure } from './failure.js';
import { PLAN_KEY, type RequestPlan } from './plan.js';

/** The model is loaded only when asked for, so production bundles that never predict leave it out. */
async function predictionFor(request: Request, plan: RequestPlan, context: ClientContext) {
  if (context.origin === undefined) {
    throw new TypeError('corskit: predict() needs the page origin: pass createClient({ origin }).');
  }
  const { classifyRequest } = await import('./request-classification.js');
  return classifyRequest(request, plan, context.origin, context.engine);
}

/**
 * The fetch the client gives ky. It sees exactly the Request ky sends (after json, searchParams,
 * headers and every hook), so prediction, warnings and failures all describe that request.
 */
export function createTransport(context: ClientContext) {
  return async (input: Input, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const { [PLAN_KEY]: plan, ...fetchOptions } = (init ?? {}) as RequestInit & {
      [PLAN_KEY]?: RequestPlan;
    };
    if (plan?.predict !== undefined) {
      plan.predict(await predictionFor(request, plan, context));
      return new Response(null, { status: 204 });
    }
    const classification: Classification | undefined = context.dev?.beforeSend(request, plan);
    let response: Response;
    try {
      // Development builds tell a model fetch (createCorsFetch) that the body streams.
      const sent = context.dev?.sendInit(request, plan, fetchOptions) ?? fetchOptions;
      response = await context.fetch(request, sent);
    } catch (error) {
      throw await explainFailure(error, request, plan, context);
    }
    const onProgress = plan?.onDownloadProgress;
    if (onProgress === undefined) return response;
    const dev = context.dev;
    // Only calls that ask for progress need its code: production bundles load it on demand.
    const { withDownloadProgress } = await import('./progress.js');
    return withDownloadProgress(
      response,
      onProgress,
      dev && ((summary) => dev.downloadEnded(request, classification, summary)),
      context.contentLengthIsDecoded,
    );
  };
}
