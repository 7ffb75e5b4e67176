// The example API on Hono. corskit's middleware comes first, so it answers preflights before any
// route runs and gives every response the policy's CORS headers; the routes never mention CORS.
import {
  type ApiOptions,
  apiPolicy,
  createApi,
  NOT_FOUND,
  reportChunks,
  reportHeaders,
} from '@corskit/example-api';
import { corsMiddleware } from '@corskit/server/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { announce, appOriginsFromEnv, failedToStart, portFromEnv } from './env.ts';
import { respond } from './fetch.ts';

export const DEFAULT_HONO_PORT = 8788;

export function honoApi(options: ApiOptions = {}): Hono {
  const api = createApi();
  const app = new Hono();
  app.use(corsMiddleware(apiPolicy(options.appOrigins)));

  app.get('/items', () => respond(api.listItems()));
  app.patch('/items/:id', async (c) => {
    // An unreadable body reaches the API as undefined, which answers 400 (as on node:http).
    const patch = await c.req.json().catch(() => undefined);
    return respond(api.updateItem(c.req.param('id'), c.req.header('x-api-key'), patch));
  });
  app.delete('/items/:id', (c) => respond(api.deleteItem(c.req.param('id'), c.req.header('x-api-key'))));
  app.post('/session', () => respond(api.login()));
  app.get('/me', (c) => respond(api.me(c.req.header('cookie'))));
  app.get('/report.csv', (c) => {
    for (const [name, value] of Object.entries(reportHeaders())) c.header(name, value);
    return stream(c, async (body) => {
      for await (const chunk of reportChunks(options.reportPaceMs)) await body.write(chunk);
    });
  });
  app.notFound(() => respond({ status: 404, body: NOT_FOUND }));
  return app;
}

// `node src/hono.ts` serves it; importing the module (as the tests do) does not.
if (import.meta.main) {
  const port = portFromEnv(DEFAULT_HONO_PORT);
  const appOrigins = appOriginsFromEnv();
  serve({ fetch: honoApi({ appOrigins }).fetch, port }, (info) =>
    announce('Hono', info.port, appOrigins),
  ).once('error', failedToStart);
}
