import type { RequestPlan } from './plan.js';

let requestStreams: boolean | undefined;

/** ky's own test: it streams upload bodies only where Request accepts a stream with duplex. */
export function supportsRequestStreams(): boolean {
  if (requestStreams === undefined) {
    let duplexRead = false;
    try {
      const probe = new Request('https://request-streams.invalid', {
        method: 'POST',
        body: new ReadableStream(),
        get duplex() {
          duplexRead = true;
          return 'half';
        },
      } as RequestInit);
      requestStreams = duplexRead && !probe.headers.has('content-type');
    } catch {
      requestStreams = false;
    }
  }
  return requestStreams;
}

/**
 * Whether ky sends this request's body as a stream: a ReadableStream body, or any body when
 * onUploadProgress is set and the engine streams uploads (ky wraps the body to count it). A Request
 * hides its body's kind, so this comes from ky's options.
 */
export function sendsStreamBody(request: Request, plan: RequestPlan | undefined): boolean {
  if (request.body === null || plan === undefined) return false;
  const { body, onUploadProgress } = plan.options;
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return true;
  return onUploadProgress !== undefined && supportsRequestStreams();
}

/**
 * A Request hides that its body is a stream; saying so in the init lets a model fetch
 * (createCorsFetch) preflight it as the browser does. The browser sends the same stream.
 */
export function withStreamHint(
  request: Request,
  plan: RequestPlan | undefined,
  init: RequestInit,
): RequestInit {
  return sendsStreamBody(request, plan)
    ? ({ ...init, body: request.body, duplex: 'half' } as RequestInit)
    : init;
}
