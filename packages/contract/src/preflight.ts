// A route's preflight at run time, from @corskit/core's classify itself: the contract builds the
// request its client would send and asks the model, so nothing about the safelist is re-encoded.
import {
  classify,
  type Engine,
  engineProfile,
  type PreflightReasonCode,
  SAFELISTED_SAMPLE_VALUES,
} from '@corskit/core';
import type { Method, Progress } from './definition.js';
import type { RoutePreflight } from './facts.js';
import { buildPath } from './path.js';

const PAGE = 'https://app.invalid';
const API = 'https://api.invalid';

/** Whether a client streams an upload body in `engine` (elsewhere it sends the whole body). */
export function streamsUploads(engine: Engine): boolean {
  const { streamBodies } = engineProfile(engine);
  return streamBodies === 'standard' || streamBodies === 'http2-only';
}

/** What classify needs to know about a route's call. */
export interface CallShape {
  readonly method: Method;
  readonly path: string;
  readonly paramNames: readonly string[];
  /** Lowercase request header names. */
  readonly headers: readonly string[];
  readonly contentType: string | null;
  readonly progress: Progress | null;
}

/** The preflight a route's call needs in `engine`, as classify answers for a representative call. */
export function preflightOfCall(call: CallShape, engine: Engine = 'spec'): RoutePreflight {
  const params = Object.fromEntries(call.paramNames.map((name) => [name, 'x']));
  const headers = new Headers();
  for (const name of call.headers) headers.set(name, SAFELISTED_SAMPLE_VALUES[name] ?? '1');
  const init: RequestInit & { duplex?: 'half' } = { method: call.method, headers };
  if (call.contentType !== null) {
    headers.set('content-type', call.contentType);
    const streams = (call.progress === 'upload' || call.progress === 'both') && streamsUploads(engine);
    init.body = streams ? new ReadableStream() : 'x';
    if (streams) init.duplex = 'half';
  }
  const { reasons, requestHeaders } = classify(API + buildPath(call.path, params), init, {
    origin: PAGE,
    engine,
  });
  const codes = [...new Set(reasons.map((reason) => reason.code))].sort() as PreflightReasonCode[];
  return Object.freeze({
    preflight: codes.length > 0,
    reasons: Object.freeze(codes),
    cachedPerUrl: codes.length > 0 && call.paramNames.length > 0,
    requestHeaders: Object.freeze(requestHeaders),
  });
}
