import {
  type Classification,
  CorsError,
  classify,
  createCorsFetch,
  type Engine,
  engineProfile,
  type PreflightReason,
} from '@corskit/core';
import { NetworkFailure } from './network.js';
import { type CheckOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type ProgressVerdict, progressVerdict } from './progress.js';
import { createWire, type Exchange, type Transport } from './wire.js';

/** What one engine does with the call. */
export interface EngineVerdict {
  /** The engine judged. */
  engine: Engine;
  /** Whether a page script in this engine gets the response. */
  allowed: boolean;
  /** The preflight: whether it is sent, why, and how long its answer is cached. */
  preflight: {
    /** Whether this engine sends an OPTIONS preflight first. */
    needed: boolean;
    /** Each reason the call is not simple, with what would avoid it. */
    reasons: PreflightReason[];
    /** Access-Control-Request-Headers as this engine sends it (lowercase, sorted; Firefox repeats a name given twice). */
    requestHeaders: string[];
    /** Seconds this engine keeps the answer (Access-Control-Max-Age, the default, or its cap). */
    cacheSeconds: number | null;
    /** The Access-Control-Max-Age the server sent, or null. */
    maxAge: string | null;
  };
  /** Headers the script set that this engine silently drops. */
  dropped: string[];
  /** Why the engine refuses the call, when it does. */
  failure: Failure | null;
  /** The status the script sees, when the call is allowed. */
  status: number | null;
  /** The response header names the script can read, when the call is allowed. */
  readableHeaders: string[];
  /** Whether download progress can know its total, when there is a body to download. */
  progress: ProgressVerdict | null;
}

/** Why an engine refuses the call, and what to change. */
export interface Failure {
  /** A @corskit/core CorsError code, or `request-invalid` when fetch() throws before sending. */
  code: string;
  /** Where it failed: fetch() itself, the preflight answer, the response's CORS check, or a redirect. */
  stage: 'request' | 'preflight' | 'response' | 'redirect';
  /** What went wrong, in a sentence. */
  message: string;
  /** The header lines to send on the server. */
  fix: string[];
}

/** What `check()` found: one verdict per engine, and every request it sent. */
export interface CheckReport {
  /** The URL checked, as parsed. */
  url: string;
  /** The page origin the call came from. */
  origin: string;
  /** The method, as sent. */
  method: string;
  /** Whether the call was judged as `credentials: 'include'`. */
  credentials: boolean;
  /** Request headers as given. */
  headers: Array<[string, string]>;
  /** Allowed in every engine checked. */
  allowed: boolean;
  /** One verdict per engine checked, in the order asked. */
  engines: EngineVerdict[];
  /** Every request sent, in order, with the engines it served. */
  exchanges: Exchange[];
}

const NO_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Probes a live endpoint the way each engine's fetch would from a page on `options.origin`: sends
 * the preflight (when the engine would) and the request, and judges the answers with @corskit/core.
 * Rejects with a UsageError for bad options and a NetworkFailure when the server cannot be reached,
 * its answer cannot be read, or the whole check takes longer than `timeoutMs`; a CORS refusal is a
 * verdict, not an error.
 */
export async function check(options: CheckOptions): Promise<CheckReport> {
  const resolved = resolveOptions(options);
  const transport: Transport = options.fetch ?? ((request, init) => fetch(request, init));
  const wire = createWire(transport, resolved.timeoutMs);
  const engines: EngineVerdict[] = [];
  try {
    for (const engine of resolved.engines) engines.push(await checkEngine(engine, resolved, wire));
  } finally {
    wire.close();
  }
  return {
    url: resolved.url.href,
    origin: resolved.origin,
    method: resolved.method,
    credentials: resolved.credentials,
    headers: resolved.headers,
    allowed: engines.every((verdict) => verdict.allowed),
    engines,
    exchanges: wire.exchanges,
  };
}

async function checkEngine(
  engine: Engine,
  options: ResolvedOptions,
  wire: ReturnType<typeof createWire>,
): Promise<EngineVerdict> {
  const init: RequestInit = {
    method: options.method,
    headers: options.headers,
    credentials: options.credentials ? 'include' : 'same-origin',
    ...(options.body === undefined ? {} : { body: options.body }),
  };
  let classification: Classification;
  try {
    classification = classify(options.url.href, init, { origin: options.origin, engine });
  } catch (error) {
    // fetch() itself would throw: nothing is sent.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...blankVerdict(engine),
      failure: { code: 'request-invalid', stage: 'request', message, fix: [] },
    };
  }

  let preflightAnswer: Exchange | null = null;
  let finalAnswer: Exchange | null = null;
  const corsFetch = createCorsFetch({
    origin: options.origin,
    engine,
    fetch: wire.forEngine(engine, (exchange) => {
      if (isPreflight(exchange)) preflightAnswer = exchange;
      else finalAnswer = exchange;
    }),
  });

  const verdict = blankVerdict(engine);
  verdict.preflight.needed = classification.preflight;
  verdict.preflight.reasons = classification.reasons;
  verdict.preflight.requestHeaders = classification.requestHeaders;
  verdict.dropped = classification.dropped;
  try {
    const response = await corsFetch(options.url.href, init);
    verdict.allowed = true;
    verdict.status = response.status;
    verdict.readableHeaders = [...response.headers.keys()];
    const answer = finalAnswer as Exchange | null;
    if (answer !== null && hasBody(options.method, answer.status)) {
      verdict.progress = progressVerdict(
        new Headers(answer.responseHeaders),
        new Set(verdict.readableHeaders),
        classification.crossOrigin,
      );
    }
  } catch (error) {
    if (error instanceof CorsError) {
      verdict.failure = corsFailure(error);
    } else if (error instanceof TypeError && error.cause instanceof NetworkFailure) {
      throw error.cause;
    } else if (error instanceof TypeError) {
      verdict.failure = { code: 'request-invalid', stage: 'request', message: error.message, fix: [] };
    } else {
      throw error;
    }
  }
  const preflight = preflightAnswer as Exchange | null;
  if (preflight !== null) {
    const maxAge = new Headers(preflight.responseHeaders).get('access-control-max-age');
    const { maxAge: rule } = engineProfile(engine);
    verdict.preflight.maxAge = maxAge;
    verdict.preflight.cacheSeconds =
      verdict.failure?.stage === 'preflight' ? null : Math.min(rule.parse(maxAge), rule.capSeconds);
  }
  return verdict;
}

/** A verdict with nothing known yet: not allowed, nothing sent. */
function blankVerdict(engine: Engine): EngineVerdict {
  return {
    engine,
    allowed: false,
    preflight: { needed: false, reasons: [], requestHeaders: [], cacheSeconds: null, maxAge: null },
    dropped: [],
    failure: null,
    status: null,
    readableHeaders: [],
    progress: null,
  };
}

function isPreflight(exchange: Exchange): boolean {
  return (
    exchange.method === 'OPTIONS' &&
    exchange.requestHeaders.some(([name]) => name.toLowerCase() === 'access-control-request-method')
  );
}

function hasBody(method: string, status: number): boolean {
  return method !== 'HEAD' && !NO_BODY_STATUSES.has(status);
}

/** The CorsError as a verdict: its message reads "CORS: <what> (<url> from <origin>)", then the fix. */
function corsFailure(error: CorsError): Failure {
  const suffix = ` (${error.url} from ${error.origin})`;
  let message = (error.message.split('\n')[0] ?? '').replace(/^CORS: (Preflight: )?/, '');
  if (message.endsWith(suffix)) message = message.slice(0, -suffix.length);
  message = message.charAt(0).toUpperCase() + message.slice(1);
  return { code: error.code, stage: error.stage, message, fix: error.fix };
}
