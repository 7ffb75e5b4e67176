import type { Engine } from '@corskit/core';
import { createDeadline } from './deadline.js';

export type Transport = (request: Request, init?: { signal?: AbortSignal }) => Promise<Response>;

/** One request the check put on the wire, and the answer's status and headers. */
export interface Exchange {
  /** The method sent (OPTIONS for a preflight). */
  method: string;
  /** The URL requested. */
  url: string;
  /** The request's headers as sent, lowercase names. */
  requestHeaders: Array<[string, string]>;
  /** The answer's status. */
  status: number;
  /** The answer's headers, lowercase names. */
  responseHeaders: Array<[string, string]>;
  /** The engines whose check this answer served (engines that send the same request share it). */
  engines: Engine[];
}

/**
 * The network, as the engines' fetches see it. Engines that would send the same preflight or the
 * same request share one exchange, so checking four engines never repeats a request (a PATCH is
 * sent once, not four times). Bodies are never downloaded: only the status and headers matter.
 * `timeoutMs` bounds the whole check, and every exchange settles (see createDeadline); call
 * `close()` when the check is over.
 */
export function createWire(transport: Transport, timeoutMs: number) {
  const exchanges: Exchange[] = [];
  const pending = new Map<string, Promise<Exchange>>();
  const deadline = createDeadline(timeoutMs);

  async function exchange(request: Request): Promise<Exchange> {
    const response = await deadline.settle(request, (signal) => transport(request, { signal }));
    // Not awaited: a body that never ends must not hold the check.
    response.body?.cancel().catch(() => {});
    const record: Exchange = {
      method: request.method,
      url: request.url,
      requestHeaders: [...request.headers],
      status: response.status,
      responseHeaders: [...response.headers],
      engines: [],
    };
    exchanges.push(record);
    return record;
  }

  /** The transport for one engine's createCorsFetch. */
  function forEngine(engine: Engine, onAnswer: (exchange: Exchange) => void) {
    return async (request: Request): Promise<Response> => {
      const key = exchangeKey(request);
      let shared = pending.get(key);
      if (shared === undefined) {
        shared = exchange(request);
        pending.set(key, shared);
      }
      const record = await shared;
      record.engines.push(engine);
      onAnswer(record);
      return new Response(null, { status: record.status, headers: record.responseHeaders });
    };
  }

  return { exchanges, forEngine, close: deadline.close };
}

/**
 * Preflights differ between engines in what they ask (Firefox repeats header names, Chromium asks
 * for fewer), so each distinct question is asked. The request itself goes out once per method, URL
 * and Origin: the engines' small differences in its headers don't change the CORS answer, and
 * sending a write twice would.
 */
function exchangeKey(request: Request): string {
  const headers = request.headers;
  const parts = [request.method, request.url, headers.get('origin') ?? ''];
  if (request.method === 'OPTIONS' && headers.has('access-control-request-method')) {
    parts.push(
      headers.get('access-control-request-method') ?? '',
      headers.get('access-control-request-headers') ?? '',
    );
  }
  return JSON.stringify(parts);
}
