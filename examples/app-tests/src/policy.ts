// The notes API's CORS policy, as the backend team ships it. In a real monorepo the app would import
// it from the backend's package; the point is that the tests use the very object the server uses.
import { definePolicy } from '@corskit/server';
import { APP_ORIGIN } from './config.ts';

export const notesApiPolicy = definePolicy({
  origins: [APP_ORIGIN],
  methods: ['PUT', 'DELETE'],
  // authorization: API tokens for integrations; the web app itself uses its session cookie.
  requestHeaders: ['content-type', 'authorization'],
  // The list endpoint pages its results and says how many there are in all.
  exposeHeaders: ['X-Total-Count'],
  credentials: true,
  maxAge: 600,
});
