// The example API on Koa 3. corskit's middleware is the first `app.use`, so it answers preflights
// before the routes run and sets the CORS headers on every response, errors included; the routes
// never mention CORS.
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  type Answer,
  type ApiOptions,
  apiPolicy,
  createApi,
  NOT_FOUND,
  reportChunks,
  reportHeaders,
} from '@corskit/example-api';
import { corsMiddleware } from '@corskit/server/koa';
import Koa, { type Context } from 'koa';
import { announce, appOriginsFromEnv, failedToStart, portFromEnv } from './env.ts';

export const DEFAULT_KOA_PORT = 8791;

export function koaApi(options: ApiOptions = {}): Koa {
  const api = createApi();
  const app = new Koa();
  app.use(corsMiddleware(apiPolicy(options.appOrigins)));

  // Koa has no router of its own; the example needs six routes, so a switch does.
  app.use(async (ctx) => {
    const itemId = /^\/items\/([^/]+)$/.exec(ctx.path)?.[1];
    const apiKey = ctx.get('x-api-key') || undefined;
    if (ctx.method === 'GET' && ctx.path === '/items') return send(ctx, api.listItems());
    if (ctx.method === 'PATCH' && itemId !== undefined)
      return send(ctx, api.updateItem(itemId, apiKey, await readJson(ctx)));
    if (ctx.method === 'DELETE' && itemId !== undefined) return send(ctx, api.deleteItem(itemId, apiKey));
    if (ctx.method === 'POST' && ctx.path === '/session') return send(ctx, api.login());
    if (ctx.method === 'GET' && ctx.path === '/me') return send(ctx, api.me(ctx.get('cookie') || undefined));
    if (ctx.method === 'GET' && ctx.path === '/report.csv') {
      ctx.set(reportHeaders());
      ctx.body = Readable.from(reportChunks(options.reportPaceMs));
      return;
    }
    send(ctx, { status: 404, body: NOT_FOUND });
  });
  return app;
}

function send(ctx: Context, { status, headers, body }: Answer): void {
  ctx.status = status;
  ctx.set(headers ?? {});
  if (body !== undefined) ctx.body = body;
}

async function readJson(ctx: Context): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

// `node src/koa.ts` serves it; importing the module (as the tests do) does not.
if (import.meta.main) {
  const port = portFromEnv(DEFAULT_KOA_PORT);
  const appOrigins = appOriginsFromEnv();
  const server = koaApi({ appOrigins }).listen(port);
  server.once('listening', () => announce('Koa', (server.address() as AddressInfo).port, appOrigins));
  server.once('error', failedToStart);
}
