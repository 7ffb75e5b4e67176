import { describeNetworkError, lostRequest, type NetworkFailure } from './network.js';

/**
 * Bounds a check in time and makes every request it sends settle, whatever the transport does:
 * at the deadline each request still waiting fails with a `timeout` NetworkFailure (a transport
 * may ignore its abort signal, as Node's fetch does during a TLS handshake), and one still waiting
 * when the process is about to exit fails as lost (Node 20's fetch never settles a request whose
 * connection the server closes at once, and the event loop simply empties). Call `close()` after.
 */
export function createDeadline(timeoutMs: number) {
  const waiting = new Set<{ request: Request; reject: (failure: NetworkFailure) => void }>();
  const controller = new AbortController();
  let stopped: ((request: Request) => NetworkFailure) | null = null;

  /** Every request still waiting fails with `reason`, and so does every later one. */
  function stop(reason: (request: Request) => NetworkFailure): void {
    if (stopped !== null) return;
    stopped = reason;
    controller.abort(new DOMException(`The check took longer than ${timeoutMs} ms.`, 'TimeoutError'));
    for (const { request, reject } of waiting) reject(reason(request));
    waiting.clear();
  }
  const timedOut = (request: Request) =>
    describeNetworkError(new DOMException('deadline', 'TimeoutError'), request.url, timeoutMs);
  const timer = setTimeout(() => stop(timedOut), timeoutMs);
  // Unreferenced, so that a request nothing can settle empties the loop and reaches beforeExit.
  timer.unref?.();
  const onBeforeExit = () => {
    if (waiting.size > 0) stop(lostRequest);
  };
  process.on('beforeExit', onBeforeExit);

  /** `send(signal)`'s answer, or the failure that ends the check first. */
  function settle(request: Request, send: (signal: AbortSignal) => Promise<Response>): Promise<Response> {
    if (stopped !== null) return Promise.reject(stopped(request));
    return new Promise<Response>((resolve, reject) => {
      const entry = { request, reject };
      waiting.add(entry);
      const fail = (error: unknown) => {
        waiting.delete(entry);
        reject(stopped?.(request) ?? describeNetworkError(error, request.url, timeoutMs));
      };
      Promise.resolve()
        .then(() => send(controller.signal))
        .then((response) => {
          // Response.error() (a transport's way to say "network error") has status 0.
          if (response.type === 'error' || response.status === 0) {
            fail(new TypeError('The transport answered with a network error (Response.error())'));
            return;
          }
          waiting.delete(entry);
          resolve(response);
        }, fail);
    });
  }

  function close(): void {
    clearTimeout(timer);
    process.off('beforeExit', onBeforeExit);
  }

  return { settle, close };
}
