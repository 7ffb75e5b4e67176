// `node src/workerd.ts`: bundles src/worker.ts with esbuild and serves it with workerd, the
// runtime Cloudflare Workers run on (its binary ships in the `workerd` npm package), on PORT
// (default 8794) for the apps on APP_ORIGIN. startWorkerd() does the same for the tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { announce, appOriginsFromEnv, failedToStart, portFromEnv } from './env.ts';

export const DEFAULT_WORKERD_PORT = 8794;

const workerd = createRequire(import.meta.url)('workerd') as { default: string; compatibilityDate: string };

export interface RunningWorker {
  origin: string;
  close(): Promise<void>;
}

/** Starts workerd with the example worker on 127.0.0.1:`port` (0: any free port). */
export async function startWorkerd(port: number, appOrigins: readonly string[]): Promise<RunningWorker> {
  const dir = await mkdtemp(join(tmpdir(), 'corskit-workerd-'));
  await build({
    entryPoints: [new URL('./worker.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    // The example API's package also holds its node:http server, which the worker never runs;
    // workerd's Node compatibility provides the modules for the imports that remain.
    external: ['node:*'],
    outfile: join(dir, 'worker.js'),
    logLevel: 'warning',
  });
  const bound = port === 0 ? await freePort() : port;
  await writeFile(join(dir, 'config.capnp'), config(bound, appOrigins, workerd.compatibilityDate));
  const child = spawn(workerd.default, ['serve', join(dir, 'config.capnp'), '--verbose'], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  await listening(child, bound);
  return {
    origin: `http://localhost:${bound}`,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function config(port: number, appOrigins: readonly string[], compatibilityDate: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "api", worker = .api)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "api")],
);
const api :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${compatibilityDate}",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [(name = "APP_ORIGIN", text = ${JSON.stringify(appOrigins.join(','))})],
);
`;
}

/** A port nothing listens on right now (workerd takes an address, not port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once the port accepts connections; rejects with workerd's output if it exits first. */
async function listening(child: ChildProcess, port: number): Promise<void> {
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    if (exited) throw new Error(`workerd exited before listening:\n${output}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`workerd did not listen on port ${port} within 30 s:\n${output}`);
}

function accepts(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' }).then(
    () => true,
    () => false,
  );
}

if (import.meta.main) {
  const appOrigins = appOriginsFromEnv();
  startWorkerd(portFromEnv(DEFAULT_WORKERD_PORT), appOrigins).then((worker) => {
    announce('workerd', Number(new URL(worker.origin).port), appOrigins);
  }, failedToStart);
}
