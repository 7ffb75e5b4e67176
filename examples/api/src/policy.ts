// The API's CORS policy, shared with the browser app: the server serves it, the client imports its
// type (`import type { ApiPolicy }`) and gets compile errors for calls the policy would refuse.
import { definePolicy, PROGRESS_EXPOSE_HEADERS } from '@corskit/server';

/** Where the browser app runs in development (Vite's default port). */
export const DEFAULT_APP_ORIGIN = 'http://localhost:5173';

/** The API key the example accepts on writes; a real API would look keys up. */
export const DEMO_API_KEY = 'demo-key';

export function apiPolicy(appOrigins: readonly string[] = [DEFAULT_APP_ORIGIN]) {
  return definePolicy({
    origins: [...appOrigins],
    methods: ['PATCH', 'DELETE'],
    requestHeaders: ['content-type', 'x-api-key'],
    exposeHeaders: ['X-Request-Id', ...PROGRESS_EXPOSE_HEADERS],
    credentials: true,
    maxAge: 600,
  });
}

export type ApiPolicy = ReturnType<typeof apiPolicy>;
