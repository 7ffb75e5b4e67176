// `vite build` of the app, run as its own process: Vite picks production (the `production` export
// condition of @corskit/fetch, process.env.NODE_ENV folded) from the process's NODE_ENV, and inside
// vitest that is 'test', so an in-process build would not be the production build a user gets.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_ROOT } from './servers.ts';

const VITE_BIN = join(APP_ROOT, 'node_modules/vite/bin/vite.js');
export const BUILD_BUDGET_MS = 90_000;

/** Builds the app into `outDir` with NODE_ENV (and Vite's mode) `nodeEnv`; returns the emitted JS. */
export async function buildApp(outDir: string, nodeEnv: 'production' | 'development'): Promise<string> {
  const args = [
    VITE_BIN,
    'build',
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--mode',
    nodeEnv,
    '--logLevel',
    'warn',
  ];
  const child = spawn(process.execPath, args, {
    cwd: APP_ROOT,
    env: { ...process.env, NODE_ENV: nodeEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Never outlive the test: a build that hangs is killed and reported.
    timeout: BUILD_BUDGET_MS,
    killSignal: 'SIGKILL',
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exit = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(signal ?? `code ${code}`));
  });
  if (exit !== 'code 0') throw new Error(`vite build (${nodeEnv}) ended with ${exit}:\n${output}`);

  const files = await readdir(outDir, { recursive: true });
  const scripts = files.filter((file) => file.endsWith('.js'));
  if (scripts.length === 0) throw new Error(`vite build (${nodeEnv}) emitted no JavaScript in ${outDir}`);
  const texts = await Promise.all(scripts.map((file) => readFile(join(outDir, file), 'utf8')));
  return texts.join('\n');
}
