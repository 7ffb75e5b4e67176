// Added by the observability team so that backend logs can be joined with frontend spans.
// The CORS bug this example is about: X-Trace-Id is not a CORS-safelisted header, so every call
// through this wrapper (even a plain GET) now needs a preflight, and the API's policy does not
// accept the header. In the browser every API call fails with "TypeError: Failed to fetch".
import type { Fetch } from './notes-client.ts';

export const TRACE_HEADER = 'X-Trace-Id';

export function withTracing(fetch: Fetch, newTraceId: () => string = () => crypto.randomUUID()): Fetch {
  return (url, init) => {
    const headers = new Headers(init.headers);
    headers.set(TRACE_HEADER, newTraceId());
    return fetch(url, { ...init, headers });
  };
}
