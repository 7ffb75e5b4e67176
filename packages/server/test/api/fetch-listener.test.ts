import { fetchListener } from '@corskit/server/node';
import { afterEach, describe, expect, test } from 'vitest';
import { type LoopbackServer, serveOnLoopback } from '../helpers.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('fetchListener: a Fetch handler on node:http', () => {
  test('the Request carries method, URL, headers and the streamed body; the Response comes back whole', async () => {
    server = await serveOnLoopback(
      fetchListener(async (request) => {
        const body = await request.text();
        const headers = new Headers({
          'x-echo': `${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`,
        });
        headers.append('set-cookie', 'a=1');
        headers.append('set-cookie', 'b=2');
        return new Response(`${request.headers.get('x-in')}:${body}`, { status: 201, headers });
      }),
    );
    const response = await fetch(`${server.url}/items/7?x=1`, {
      method: 'PATCH',
      headers: { 'x-in': 'hi' },
      body: 'payload',
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('hi:payload');
    expect(response.headers.get('x-echo')).toBe('PATCH /items/7?x=1');
    // Two Set-Cookie lines, not one joined by a comma.
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  test('a streamed body arrives chunk by chunk; HEAD gets no body', async () => {
    const chunks = ['one,', 'two,', 'three'];
    server = await serveOnLoopback(
      fetchListener(
        () =>
          new Response(
            new ReadableStream({
              pull(controller) {
                const next = chunks.shift();
                if (next === undefined) controller.close();
                else controller.enqueue(new TextEncoder().encode(next));
              },
            }),
          ),
      ),
    );
    expect(await (await fetch(`${server.url}/`)).text()).toBe('one,two,three');
    const head = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  test('a handler that rejects ends the connection rather than hanging', async () => {
    server = await serveOnLoopback(fetchListener(() => Promise.reject(new Error('boom'))));
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
  });

  test('a handler that is not a function is refused', () => {
    expect(() => fetchListener(null as never)).toThrow('fetchListener(handler): handler must be a function.');
  });
});
