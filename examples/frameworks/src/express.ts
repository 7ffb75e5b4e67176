// The example API on Express 5. corskit's Node middleware is the first `app.use`, so it answers
// preflights before routing and sets the CORS headers on every response; the routes never mention CORS.
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
import { corsMiddleware } from '@corskit/server/node';
import express, { type Express, type Response } from 'express';
import { announce, appOriginsFromEnv, failedToStart, portFromEnv } from './env.ts';

export const DEFAULT_EXPRESS_PORT = 8789;

export function expressApi(options: ApiOptions = {}): Express {
  const api = createApi();
  const app = express();
  app.use(corsMiddleware(apiPolicy(options.appOrigins)));

  app.get('/items', (_request, response) => send(response, api.listItems()));
  app.patch('/items/:id', express.json(), (request, response) =>
    send(response, api.updateItem(request.params.id, request.get('x-api-key'), request.body)),
  );
  app.delete('/items/:id', (request, response) =>
    send(response, api.deleteItem(request.params.id, request.get('x-api-key'))),
  );
  app.post('/session', (_request, response) => send(response, api.login()));
  app.get('/me', (request, response) => send(response, api.me(request.get('cookie'))));
  app.get('/report.csv', (_request, response) => {
    response.set(reportHeaders());
    Readable.from(reportChunks(options.reportPaceMs)).pipe(response);
  });
  app.use((_request, response) => send(response, { status: 404, body: NOT_FOUND }));
  return app;
}

function send(response: Response, { status, headers, body }: Answer): void {
  response.status(status).set(headers ?? {});
  if (body === undefined) response.end();
  else response.json(body);
}

// `node src/express.ts` serves it; importing the module (as the tests do) does not.
if (import.meta.main) {
  const port = portFromEnv(DEFAULT_EXPRESS_PORT);
  const appOrigins = appOriginsFromEnv();
  const server = expressApi({ appOrigins }).listen(port, (error) => {
    if (error) return failedToStart(error);
    announce('Express', (server.address() as AddressInfo).port, appOrigins);
  });
}
