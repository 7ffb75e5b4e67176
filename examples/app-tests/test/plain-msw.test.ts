// The usual setup: the mocks on msw, the app's client on Node's fetch. Everything passes, and
// that is the problem: the app as it ships cannot make a single API call in a browser.
//   - Node's fetch enforces no CORS: no preflight, no CORS check, every response header readable.
//   - msw answers whatever its handlers match; in the browser its Service Worker never even sees
//     the preflight, which the browser sends and checks on its own.
// In Chrome both calls below fail with "TypeError: Failed to fetch". test/notes.test.ts catches them.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createAppNotesClient } from '../src/app.ts';
import { FIRST_PAGE, handlers, TOTAL_NOTES } from '../src/mocks/handlers.ts';

const server = setupServer(...handlers);
const methodsSeen: string[] = [];
server.events.on('request:start', ({ request }) => methodsSeen.push(request.method));

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => {
  methodsSeen.length = 0;
});
afterAll(() => server.close());

const client = createAppNotesClient((url, init) => fetch(url, init));

test('plain msw: the traced list call succeeds, with no preflight (a browser blocks it: X-Trace-Id)', async () => {
  expect(await client.listNotes()).toEqual({ notes: FIRST_PAGE, total: TOTAL_NOTES });
  expect(methodsSeen).toEqual(['GET']);
});

test('plain msw: archiveNote succeeds, with no preflight (a browser blocks it: PATCH)', async () => {
  expect(await client.archiveNote('n1')).toEqual({ ...FIRST_PAGE[0], archived: true });
  expect(methodsSeen).toEqual(['PATCH']);
});
