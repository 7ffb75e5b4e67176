// The example API on Fastify 5. corskit's plugin is registered on the root instance, so it answers
// preflights in an onRequest hook (before routing, for every path) and sets the CORS headers on
// every response, 404s included; the routes never mention CORS.
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
import { corsPlugin } from '@corskit/server/fastify';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { announce, appOriginsFromEnv, failedToStart, portFromEnv } from './env.ts';

export const DEFAULT_FASTIFY_PORT = 8790;

export async function fastifyApi(options: ApiOptions = {}): Promise<FastifyInstance> {
  const api = createApi();
  const app = Fastify();
  await app.register(corsPlugin, { policy: apiPolicy(options.appOrigins) });
  // An unreadable JSON body reaches the API as undefined, which answers 400 (as on node:http).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseJson(String(body)));
  });

  type ItemRequest = { Params: { id: string }; Body: unknown };
  const apiKey = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);
  app.get('/items', (_request, reply) => send(reply, api.listItems()));
  app.patch<ItemRequest>('/items/:id', (request, reply) =>
    send(reply, api.updateItem(request.params.id, apiKey(request.headers['x-api-key']), request.body)),
  );
  app.delete<ItemRequest>('/items/:id', (request, reply) =>
    send(reply, api.deleteItem(request.params.id, apiKey(request.headers['x-api-key']))),
  );
  app.post('/session', (_request, reply) => send(reply, api.login()));
  app.get('/me', (request, reply) => send(reply, api.me(request.headers.cookie)));
  app.get('/report.csv', (_request, reply) =>
    reply.headers(reportHeaders()).send(Readable.from(reportChunks(options.reportPaceMs))),
  );
  app.setNotFoundHandler((_request, reply) => send(reply, { status: 404, body: NOT_FOUND }));
  return app;
}

function send(reply: FastifyReply, { status, headers, body }: Answer): FastifyReply {
  return reply
    .code(status)
    .headers(headers ?? {})
    .send(body);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// `node src/fastify.ts` serves it; importing the module (as the tests do) does not.
if (import.meta.main) {
  const port = portFromEnv(DEFAULT_FASTIFY_PORT);
  const appOrigins = appOriginsFromEnv();
  const app = await fastifyApi({ appOrigins });
  app
    .listen({ port, host: '::' })
    .then(
      () => announce('Fastify', (app.server.address() as { port: number }).port, appOrigins),
      failedToStart,
    );
}
