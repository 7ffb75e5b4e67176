import type { Engine } from '@corskit/core';
import { describeNetworkError, lostRequest, type NetworkFailure } from './network.js';

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
 *
 * `timeoutMs` bounds the whole check (every request, connect and TLS handshake included), and
 * every exchange settles: at the deadline, or when the process would exit with it still pending
 * (Node 20's fetch can lose a request whose connection the server closes: nothing is left to
 * settle it, so the event loop empties), whatever the transport does with its abort signal.
 * Call `close()` when the check is over.
 */
export function createWire(transport: Transport, timeoutMs: number) {
  const exchanges: Exchange[] = [];
  const pending = new Map<string, Promise<Exchange>>();
  const waiting = new Set<{ request: Request; reject: (failure: NetworkFailure) => void }>();
  const controller = new AbortController();
  let stopped: ((request: Request) => NetworkFailure) | null = null;

  /** Ends the check: every request still waiting fails with `reason`, and so does every later one. */
  function stop(reason: (request: Request) => NetworkFailure): void {
    if (stopped !== null) return;
    stopped = reason;
    controller.abort(new DOMException(`The check took longer than ${timeoutMs} ms.`, 'TimeoutError'));
    for (const { request, reject } of waiting) reject(reason(request));
    waiting.clear();
  }
  const timedOut = (request: Request) =>
    describeNetworkError(new DOMException('deadline', 'TimeoutError'), request.url, timeoutMs);
  const deadline = setTimeout(() => stop(timedOut), timeoutMs);
  // Unreferenced, so that a request nothing can settle empties the loop and reaches beforeExit.
  deadline.unref?.();
  const onBeforeExit = () => {
    if (waiting.size > 0) stop(lostRequest);
  };
  process.on('beforeExit', onBeforeExit);

  /** The transport's answer, or the failure that ends the check first. */
  function settle(request: Request): Promise<Response> {
    if (stopped !== null) return Promise.reject(stopped(request));
    return new Promise<Response>((resolve, reject) => {
      const entry = { request, reject };
      waiting.add(entry);
      Promise.resolve()
        .then(() => transport(request, { signal: controller.signal }))
        .then(
          (response) => {
            waiting.delete(entry);
            resolve(response);
          },
          (error: unknown) => {
            waiting.delete(entry);
            reject(stopped?.(request) ?? describeNetworkError(error, request.url, timeoutMs));
          },
        );
    });
  }

  async function exchange(request: Request): Promise<Exchange> {
    const response = await settle(request);
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

  function close(): void {
    clearTimeout(deadline);
    process.off('beforeExit', onBeforeExit);
  }

  return { exchanges, forEngine, close };
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
