// The app's tests, the corskit way: the same msw handlers, wrapped with the API's real CORS policy,
// called through a fetch that behaves like each browser engine's. The app's calls that are right
// pass; the two CORS bugs it ships are caught.
//
// In a real app you would not write the "caught" tests: your ordinary test ("lists notes") would
// simply go red with the CorsError below. Here they assert the rejection so that the suite stays
// green while showing what it catches, and the last test shows the fix turning it green.
import { CorsError, ENGINES } from '@corskit/core';
import { definePolicy } from '@corskit/server';
import { withCorsHandlers } from '@corskit/server/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createAppNotesClient } from '../src/app.ts';
import { NOTES_API_URL } from '../src/config.ts';
import { FIRST_PAGE, handlers, TOTAL_NOTES } from '../src/mocks/handlers.ts';
import { createNotesClient } from '../src/notes-client.ts';
import { notesApiPolicy } from '../src/policy.ts';
import { corsFetchFor } from './cors-fetch.ts';

// A refused preflight is answered without CORS headers (the policy is never disclosed), so the
// browser, and CorsError, can only say that the preflight failed. The policy's debug reporter
// says why, from the server's side: the tests collect its reasons.
const refusals: string[] = [];
const policy = definePolicy({ ...notesApiPolicy.config, debug: ({ reason }) => refusals.push(reason) });

const server = setupServer(...withCorsHandlers(policy, handlers));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  refusals.length = 0;
});
afterAll(() => server.close());

async function corsErrorOf(call: Promise<unknown>): Promise<CorsError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  // A TypeError, like the browser's own "Failed to fetch": the app's error handling sees the same.
  expect(error).toBeInstanceOf(TypeError);
  expect(error).toBeInstanceOf(CorsError);
  return error as CorsError;
}

describe.each(ENGINES)('%s', (engine) => {
  describe('the notes client on its own: what the policy allows works', () => {
    test('lists notes, credentialed, and reads the total from the exposed X-Total-Count', async () => {
      const { fetch, wire } = corsFetchFor(engine);
      const client = createNotesClient({ baseUrl: NOTES_API_URL, fetch });
      // Passing at all means the policy allows credentials (Access-Control-Allow-Credentials: true).
      expect(await client.listNotes()).toEqual({ notes: FIRST_PAGE, total: TOTAL_NOTES });
      expect(wire).toEqual(['GET /notes']); // A GET with no custom header needs no preflight.
    });

    test('saves a note: the JSON PUT is preflighted and allowed', async () => {
      const { fetch, wire } = corsFetchFor(engine);
      const client = createNotesClient({ baseUrl: NOTES_API_URL, fetch });
      const note = { id: 'n3', title: 'Call Ada', body: 'about the launch' };
      expect(await client.saveNote(note)).toEqual(note);
      expect(wire).toEqual(['OPTIONS /notes/n3', 'PUT /notes/n3']);
    });

    test('deletes a note', async () => {
      const { fetch, wire } = corsFetchFor(engine);
      const client = createNotesClient({ baseUrl: NOTES_API_URL, fetch });
      await client.deleteNote('n2');
      expect(wire).toEqual(['OPTIONS /notes/n2', 'DELETE /notes/n2']);
    });
  });

  describe('the app as it ships: both CORS bugs are caught', () => {
    test('the tracing wrapper adds X-Trace-Id, so even listing preflights, and the policy refuses it', async () => {
      const { fetch, wire } = corsFetchFor(engine);
      const error = await corsErrorOf(createAppNotesClient(fetch).listNotes());
      expect(error.stage).toBe('preflight');
      expect(error.code).toBe('allow-origin-missing'); // A refused preflight carries no CORS headers.
      expect(refusals).toEqual([expect.stringContaining('the request header x-trace-id is not in')]);
      expect(wire).toEqual(['OPTIONS /notes']); // The GET itself never leaves the browser.
    });

    test('archiveNote uses PATCH, which the policy does not list', async () => {
      const { fetch, wire } = corsFetchFor(engine);
      // The client without tracing, so that X-Trace-Id is not what gets refused here.
      const client = createNotesClient({ baseUrl: NOTES_API_URL, fetch });
      const error = await corsErrorOf(client.archiveNote('n1'));
      expect(error.stage).toBe('preflight');
      expect(error.code).toBe('allow-origin-missing');
      expect(refusals).toEqual([expect.stringContaining('the method PATCH is not in')]);
      expect(wire).toEqual(['OPTIONS /notes/n1']);
    });
  });

  test('with the fix in the policy (the refusals say what to add), the app as it ships works', async () => {
    const fixed = definePolicy({
      ...notesApiPolicy.config,
      methods: [...notesApiPolicy.config.methods, 'PATCH'],
      requestHeaders: [...notesApiPolicy.config.requestHeaders, 'x-trace-id'],
    });
    server.use(...withCorsHandlers(fixed, handlers));
    const { fetch, wire } = corsFetchFor(engine);
    const client = createAppNotesClient(fetch);
    expect(await client.listNotes()).toEqual({ notes: FIRST_PAGE, total: TOTAL_NOTES });
    expect(await client.archiveNote('n1')).toEqual({ ...FIRST_PAGE[0], archived: true });
    expect(wire).toEqual(['OPTIONS /notes', 'GET /notes', 'OPTIONS /notes/n1', 'PATCH /notes/n1']);
  });
});
