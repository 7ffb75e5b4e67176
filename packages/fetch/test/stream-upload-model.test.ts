// ky streams the body of a call with onUploadProgress (where the engine can), and a stream body is
// always preflighted. The Request ky hands over hides that, so a development build of the client
// says it in the init: a model fetch (createCorsFetch) must then preflight the call as Chromium does
// (measured in test/conformance/http2-streams.test.ts).
import { createCorsFetch } from '@corskit/core';
import { createClient } from '@corskit/fetch';
import { expect, it } from 'vitest';

const PAGE = 'https://app.example';

it('lets createCorsFetch see that an upload with progress streams, so it preflights', async () => {
  const seen: string[] = [];
  const corsFetch = createCorsFetch({
    origin: PAGE,
    engine: 'chromium',
    fetch: async (request) => {
      const bytes = request.body ? (await request.arrayBuffer()).byteLength : 0;
      seen.push(`${request.method} ${bytes}`);
      return new Response(request.method === 'OPTIONS' ? null : 'ok', {
        status: request.method === 'OPTIONS' ? 204 : 200,
        headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-methods': 'POST' },
      });
    },
  });
  const client = createClient({ fetch: corsFetch, origin: PAGE, engine: 'chromium', retry: 0, probe: false });
  const progress: number[] = [];
  const text = await client
    .post('https://api.example/upload', {
      body: 'x'.repeat(1000),
      onUploadProgress: ({ transferredBytes }) => void progress.push(transferredBytes),
    })
    .text();
  expect(text).toBe('ok');
  expect(seen).toEqual(['OPTIONS 0', 'POST 1000']);
  expect(progress.at(-1)).toBe(1000);
});

it('leaves a call without upload progress unstreamed and unpreflighted', async () => {
  const seen: string[] = [];
  const corsFetch = createCorsFetch({
    origin: PAGE,
    engine: 'chromium',
    fetch: async (request) => {
      seen.push(request.method);
      return new Response('ok', { headers: { 'access-control-allow-origin': PAGE } });
    },
  });
  const client = createClient({ fetch: corsFetch, origin: PAGE, engine: 'chromium', retry: 0, probe: false });
  expect(await client.post('https://api.example/upload', { body: 'x' }).text()).toBe('ok');
  expect(seen).toEqual(['POST']);
});
