// The API's policy has credentials, so its crossOriginProtection is on: a page on another site
// that posts a form or a no-cors fetch to the API (with the user's cookies) is refused before the
// handler runs. Wrapped with withCorsHandlers, the mocks refuse it the same way, so the app's tests
// see what production does instead of a mock that happily creates the note.
import { createCorsFetch, ENGINES } from '@corskit/core';
import { withCorsHandlers } from '@corskit/server/msw';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { APP_ORIGIN, NOTES_API_URL } from '../src/config.ts';
import { notesApiPolicy } from '../src/policy.ts';

const created: string[] = [];
const server = setupServer(
  ...withCorsHandlers(notesApiPolicy, [
    http.post(`${NOTES_API_URL}/notes`, async ({ request }) => {
      created.push(await request.text());
      return HttpResponse.json({ id: 'n3' }, { status: 201 });
    }),
  ]),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  created.length = 0;
});
afterAll(() => server.close());

const body = 'title=pwned&body=posted+by+evil.example';

describe.each(ENGINES)('%s', (engine) => {
  test('a no-cors POST with credentials from another site never reaches the handler', async () => {
    const evil = createCorsFetch({
      origin: 'https://evil.example',
      engine,
      fetch: (request) => fetch(request),
    });
    const response = await evil(`${NOTES_API_URL}/notes`, {
      method: 'POST',
      mode: 'no-cors',
      credentials: 'include',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.type).toBe('opaque'); // The page learns nothing, as in a browser.
    expect(created).toEqual([]);
  });

  test('the app itself still creates notes', async () => {
    const app = createCorsFetch({ origin: APP_ORIGIN, engine, fetch: (request) => fetch(request) });
    const response = await app(`${NOTES_API_URL}/notes`, {
      method: 'POST',
      credentials: 'include',
      body: 'hello',
    });
    expect(response.status).toBe(201);
    expect(created).toEqual(['hello']);
  });
});

test("a form posted from another site gets the server's 403", async () => {
  // What Chromium, Firefox and WebKit send for <form method=post> on https://evil.example.
  const response = await fetch(`${NOTES_API_URL}/notes`, {
    method: 'POST',
    headers: {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  });
  expect(response.status).toBe(403);
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(created).toEqual([]);
});
