// A fetch that behaves like a page's fetch on the app's origin in one engine: it sends the
// preflights that engine would, applies the CORS check, hides the headers a script cannot read,
// and rejects with a CorsError where the browser says "Failed to fetch". Underneath it is Node's
// fetch, which msw intercepts.
import { createCorsFetch, type Engine } from '@corskit/core';
import { APP_ORIGIN } from '../src/config.ts';

export function corsFetchFor(engine: Engine) {
  /** What went over the wire, preflights included ("OPTIONS /notes"). */
  const wire: string[] = [];
  const fetch = createCorsFetch({
    origin: APP_ORIGIN,
    engine,
    fetch: (request) => {
      wire.push(`${request.method} ${new URL(request.url).pathname}`);
      // createCorsFetch follows redirects itself, with the browser's rules.
      return globalThis.fetch(request, { redirect: 'manual' });
    },
  });
  return { fetch, wire };
}
