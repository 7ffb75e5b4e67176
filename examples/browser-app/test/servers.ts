// The two origins the app needs: the example API and the app's Vite dev server, each on a free port
// of localhost, so that they are different origins of the same site.
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

export const APP_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RunningApp {
  origin: string;
  close(): Promise<void>;
}

/**
 * A port free on localhost right now. The app's port must be known before the API starts (it is the
 * API's allowlist) and the app must know the API's origin, so one of the two is chosen ahead.
 */
export function freeLocalhostPort(): Promise<number> {
  const probe = createNetServer();
  return new Promise((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, 'localhost', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The app's dev server on `port` (a development build: warnings on), calling the API at `apiOrigin`. */
export async function startAppDevServer(port: number, apiOrigin: string): Promise<RunningApp> {
  // A fresh dependency cache, so that a cache left by someone's `pnpm dev` cannot go stale under the test.
  const cacheDir = await mkdtemp(join(tmpdir(), 'corskit-browser-app-vite-'));
  const server = await createServer({
    root: APP_ROOT,
    configFile: join(APP_ROOT, 'vite.config.ts'),
    cacheDir,
    logLevel: 'warn',
    clearScreen: false,
    define: {
      'import.meta.env.VITE_API_ORIGIN': JSON.stringify(apiOrigin),
      // The origin the API was started to allow: the app's contract says the same.
      'import.meta.env.VITE_APP_ORIGIN': JSON.stringify(`http://localhost:${port}`),
    },
    server: { host: 'localhost', port, strictPort: true, watch: null },
  });
  try {
    await server.listen();
  } catch (error) {
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
    throw error;
  }
  return {
    origin: `http://localhost:${port}`,
    close: async () => {
      await server.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
