// Fastify. A fastify-plugin, so its hooks land in the context that registers it (not in a child of
// its own): on the root instance it covers every route, plugin and 404; inside an encapsulated
// plugin, only that plugin's routes. Preflights are answered in onRequest, before routing-level
// hooks such as authentication run; the other responses get their headers in onSend, after the
// handler, through the reply's own header API.
/**
 * `@corskit/server/fastify`: {@link corsPlugin}, registered like any Fastify plugin.
 *
 * @packageDocumentation
 */
import type {
  FastifyPluginCallback,
  FastifyReply,
  FastifySchema,
  onRequestHookHandler,
  onSendHookHandler,
} from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { actualCorsHeaders, type HeaderPairs } from '../answers.js';
import type { CompiledPolicy } from '../policy.js';
import { answerBeforeHandler } from '../request-path.js';
import { nodeRequestReader } from '../request-reader.js';
import {
  type HeaderWriter,
  headerText,
  removeEarlierCorsHeaders,
  writeCorsHeaders,
} from '../response-headers.js';
import { type PolicySource, pathOfTarget, selectorFor } from '../routes.js';

export type { PolicySource } from '../routes.js';

/** Options of {@link corsPlugin}. */
export interface CorsPluginOptions {
  /** One policy, or policies per path from routePolicies(). */
  policy: PolicySource;
  /**
   * Register an `OPTIONS *` route in the plugin's context (default true), so that preflights to
   * paths with no OPTIONS route of their own reach this context's hooks instead of the root's 404
   * handler. Non-preflight OPTIONS requests that hit it get the usual 404. Turn it off only if you
   * register your own `OPTIONS *` route in the same context.
   */
  optionsRoute?: boolean;
}

// Where onRequest leaves the headers it chose for onSend: a request decorator (Fastify's way of
// adding a property without changing the request object's shape per request).
const DECIDED = Symbol.for('@corskit/server.fastify-decided');

interface Decided {
  cors: HeaderPairs | null;
  vary: readonly string[] | null;
}

interface DecidedRequest {
  [DECIDED]: Decided | null;
}

const replyHeaders: HeaderWriter<FastifyReply> = {
  get: (reply, name) => headerText(reply.getHeader(name)),
  set: (reply, name, value) => {
    reply.header(name, value);
  },
  remove: (reply, name) => {
    reply.removeHeader(name);
    // getHeader also sees headers the handler set on reply.raw; removeHeader does not reach them.
    if (reply.raw.hasHeader(name)) reply.raw.removeHeader(name);
  },
};

const cors: FastifyPluginCallback<CorsPluginOptions> = (fastify, options, done) => {
  if (typeof options !== 'object' || options === null || !('policy' in options)) {
    done(new TypeError('fastify.register(corsPlugin, { policy }): the policy option is required.'));
    return;
  }
  let selector: ReturnType<typeof selectorFor>;
  try {
    selector = selectorFor(options.policy);
  } catch (error) {
    done(error as Error);
    return;
  }
  const { single, byPath } = selector;
  if (!fastify.hasRequestDecorator(DECIDED)) fastify.decorateRequest(DECIDED, null);

  const onRequest: onRequestHookHandler = (request, reply, next) => {
    const policy = single ?? byPath(pathOfTarget(request.url));
    if (policy === null) return next();
    const raw = request.raw;
    // The decision every adapter shares; this hook only carries it out, through the reply.
    const early = answerBeforeHandler(policy, raw, nodeRequestReader);
    if (early !== null) {
      // Sent from the hook: no route handler, body parser or later onRequest hook runs.
      removeEarlierCorsHeaders(reply, early.headers, replyHeaders);
      reply
        .code(early.status)
        .headers(early.headers)
        .send(early.body ?? undefined);
      return;
    }
    (request as unknown as DecidedRequest)[DECIDED] = decided(policy, raw.headers.origin);
    next();
  };
  const onSend: onSendHookHandler = (request, reply, payload, next) => {
    const chosen = (request as unknown as DecidedRequest)[DECIDED];
    if (chosen !== null) writeCorsHeaders(reply, chosen.cors, chosen.vary, replyHeaders);
    next(null, payload);
  };
  fastify.addHook('onRequest', onRequest);
  fastify.addHook('onSend', onSend);
  if (options.optionsRoute !== false) {
    // `hide` keeps the route out of @fastify/swagger's documents; Fastify itself ignores it.
    const schema = { hide: true } as FastifySchema;
    fastify.options('*', { schema }, (_request, reply) => {
      // Only requests that are no preflight (or that no policy covers) get here.
      reply.callNotFound();
    });
  }
  done();
};

function decided(policy: CompiledPolicy, origin: string | undefined): Decided {
  return { cors: actualCorsHeaders(policy, origin ?? null), vary: policy.actualVary };
}

/**
 * `app.register(corsPlugin, { policy })`: answers preflights (in an `onRequest` hook, before your
 * own hooks and routes) and gives every other response the policy's CORS headers and
 * `Vary: Origin`. Registered on the root instance it covers every route, including routes
 * registered after it, other plugins' routes and 404s; registered inside an encapsulated plugin,
 * only that plugin's routes.
 */
export const corsPlugin: FastifyPluginCallback<CorsPluginOptions> = fastifyPlugin(cors, {
  fastify: '5.x',
  name: '@corskit/server/fastify',
});
