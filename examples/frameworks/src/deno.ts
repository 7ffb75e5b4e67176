// `deno run --allow-net --allow-env --allow-read src/deno.ts`: the example API's Fetch handler
// (src/fetch.ts) served by Deno.serve on PORT (default 8792) for the apps on APP_ORIGIN.
import { announce, appOriginsFromEnv, portFromEnv } from './env.ts';
import { fetchApi } from './fetch.ts';

export const DEFAULT_DENO_PORT = 8792;

const appOrigins = appOriginsFromEnv();
Deno.serve(
  {
    hostname: '127.0.0.1',
    port: portFromEnv(DEFAULT_DENO_PORT),
    onListen: ({ port }) => announce('Deno', port, appOrigins),
  },
  fetchApi({ appOrigins }),
);
