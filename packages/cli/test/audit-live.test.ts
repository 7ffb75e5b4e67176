// `corskit audit --live` against real local servers: @corskit/server and expressjs/cors, each
// configured from the audit's own suggestion (every operation must then pass), and a narrower
// policy (the refusals must be named). Only preflights go out, unless --send (GET and HEAD only).
import { execFile } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { definePolicy } from '@corskit/server';
import { withCorsListener } from '@corskit/server/node';
import cors from 'cors';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../src/audit/audit.js';
import { loadDocument } from '../src/audit/load.js';

const BIN = fileURLToPath(new URL('../bin/corskit.js', import.meta.url));
const SHOP = fileURLToPath(new URL('./fixtures/shop.yaml', import.meta.url));
const APP = 'https://app.example.com';
const suggested = audit({ document: await loadDocument(SHOP), origin: APP, engines: ['spec'] }).cors.policy;

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** Serves `listener`, recording every request's method, on 127.0.0.1. */
async function serve(listener: RequestListener): Promise<{ base: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(request.method ?? '');
    listener(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen };
}

function corskit(args: string[]) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const ok: RequestListener = (_, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{}');
};

describe('corskit audit --live', () => {
  it('finds nothing refused by @corskit/server serving the suggested policy, and sends only preflights', async () => {
    const { base, seen } = await serve(withCorsListener(definePolicy({ ...suggested, origins: [APP] }), ok));
    const run = await corskit(['audit', SHOP, '--origin', APP, '--server', base, '--live']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      `Live, against ${new URL(base).origin}: 8 operations probed, 0 refused by its CORS\n`,
    );
    expect(run.stdout).toContain('1 calls need no preflight and were not sent');
    expect(run.status).toBe(0);
    expect(new Set(seen)).toEqual(new Set(['OPTIONS']));
  });

  it('finds nothing refused by expressjs/cors configured from the suggestion', async () => {
    const app = express();
    app.use(
      cors({
        origin: APP,
        methods: ['GET', 'HEAD', 'POST', ...suggested.methods],
        allowedHeaders: [...suggested.requestHeaders],
        exposedHeaders: [...suggested.exposeHeaders],
        credentials: suggested.credentials,
        maxAge: suggested.maxAge,
      }),
    );
    app.use((_request, response) => {
      response.json({});
    });
    const { base } = await serve(app);
    const run = await corskit(['audit', SHOP, '--origin', APP, '--server', base, '--live', '--json']);
    expect(run.status).toBe(0);
    const { live } = JSON.parse(run.stdout);
    expect(live.verdicts).toHaveLength(8);
    expect(live.verdicts.filter((verdict: { refused: unknown[] }) => verdict.refused.length > 0)).toEqual([]);
  });

  it('names each operation a narrower policy refuses, with the fix; exit 1', async () => {
    const narrow = definePolicy({
      origins: [APP],
      methods: ['PUT', 'DELETE'],
      requestHeaders: ['authorization', 'content-type'],
      credentials: true,
    });
    const { base } = await serve(withCorsListener(narrow, ok));
    const run = await corskit([
      'audit',
      SHOP,
      '--origin',
      APP,
      '--server',
      base,
      '--live',
      '--engine',
      'chromium',
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('2 refused by its CORS');
    expect(run.stdout).toMatch(
      / {2}GET \S+\/v1\/items\?api_key=x {2}listItems: refused \(chromium\)|GET \S+\/v1\/items {2}listItems: refused \(chromium\)/,
    );
    expect(run.stdout).toMatch(/PATCH \S+\/v1\/items\/x {2}renameItem: refused \(chromium\): /);
  });

  it('--send sends the GET calls too, and never a write', async () => {
    const { base, seen } = await serve(withCorsListener(definePolicy({ ...suggested, origins: [APP] }), ok));
    const run = await corskit(['audit', SHOP, '--origin', APP, '--server', base, '--live', '--send']);
    expect(run.status).toBe(0);
    expect(seen).toContain('GET');
    expect(seen.filter((method) => !['GET', 'OPTIONS'].includes(method))).toEqual([]);
  });
});
