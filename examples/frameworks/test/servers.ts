// Every framework and runtime the example API runs on, each started fresh on a loopback port and
// reachable as http://localhost:PORT. The Node frameworks run in this process; Deno, Bun and
// workerd run as child processes, as they would in production.
import { type ChildProcess, spawn } from 'node:child_process';
import type { RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startApi } from '@corskit/example-api';
import { getRequestListener } from '@hono/node-server';
import { listenOnLocalhost } from '../../../test/support/loopback.ts';
import { expressApi } from '../src/express.ts';
import { fastifyApi } from '../src/fastify.ts';
import { honoApi } from '../src/hono.ts';
import { koaApi } from '../src/koa.ts';
import { startWorkerd } from '../src/workerd.ts';

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

const here = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));

/** Starts every server for apps at `appOrigin`, by name. */
export function serversFor(appOrigin: string): Record<string, () => Promise<RunningServer>> {
  // No pacing: the test counts the report's bytes, it does not watch them arrive.
  const options = { appOrigins: [appOrigin], reportPaceMs: 0 };
  return {
    'node:http': () => startApi(0, options),
    Express: () => listenOnLocalhost(expressApi(options) as RequestListener),
    Fastify: async () => {
      const app = await fastifyApi(options);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      return { origin: `http://localhost:${port}`, close: () => app.close() };
    },
    Koa: () => listenOnLocalhost(koaApi(options).callback()),
    Hono: () => listenOnLocalhost(getRequestListener(honoApi(options).fetch)),
    Deno: () =>
      startProcess(
        bin('deno'),
        ['run', '--allow-net', '--allow-env', '--allow-read', 'src/deno.ts'],
        appOrigin,
      ),
    Bun: () => startProcess(bin('bun'), ['src/bun.ts'], appOrigin),
    workerd: () => startWorkerd(0, [appOrigin]),
  };
}

/** Runs a server script with PORT=0 and waits for the line in which it announces its address. */
function startProcess(command: string, args: string[], appOrigin: string): Promise<RunningServer> {
  const child = spawn(command, args, {
    cwd: here,
    env: { ...process.env, PORT: '0', APP_ORIGIN: appOrigin, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const origin = /API on (http:\/\/localhost:\d+)/.exec(output)?.[1];
      if (origin !== undefined) resolve({ origin, close: () => stop(child) });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before serving:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill();
  return exited;
}
