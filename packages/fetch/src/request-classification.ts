import { type Classification, classify, type Engine } from '@corskit/core';
import type { RequestPlan } from './plan.js';
import { sendsStreamBody, supportsRequestStreams } from './stream-body.js';

export function uploadProgressStreams(): boolean {
  return supportsRequestStreams();
}

/** @corskit/core's classification of exactly the Request ky hands to fetch. */
export function classifyRequest(
  request: Request,
  plan: RequestPlan | undefined,
  origin: string,
  engine: Engine,
): Classification {
  const stream = sendsStreamBody(request, plan);
  const init = stream ? ({ body: new ReadableStream(), duplex: 'half' } as RequestInit) : undefined;
  return classify(request, init, { origin, engine });
}
