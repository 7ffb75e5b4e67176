// `bun src/bun.ts`: the example API's Fetch handler (src/fetch.ts) served by Bun.serve on PORT
// (default 8793) for the apps on APP_ORIGIN.
import { announce, appOriginsFromEnv, portFromEnv } from './env.ts';
import { fetchApi } from './fetch.ts';

export const DEFAULT_BUN_PORT = 8793;

const appOrigins = appOriginsFromEnv();
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: portFromEnv(DEFAULT_BUN_PORT),
  fetch: fetchApi({ appOrigins }),
});
announce('Bun', server.port, appOrigins);
