// What the framework adapters' tests (Fastify, Koa) share: one credentialed policy, the headers it
// answers with, and a filter down to the CORS headers of an answer.
import { definePolicy } from '@corskit/server';

export const APP = 'https://app.example.com';
export const EVIL = 'https://evil.example';

export const policy = definePolicy({
  origins: [APP],
  methods: ['PUT'],
  requestHeaders: ['content-type', 'authorization'],
  exposeHeaders: ['X-Request-Id'],
  credentials: true,
});

export const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

/** The headers of an actual response to APP (Vary aside). */
export const ALLOWED = {
  'access-control-allow-origin': APP,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'X-Request-Id',
};

/** An answer's Access-Control-* headers and Vary, by lowercase name. */
export const corsHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );
