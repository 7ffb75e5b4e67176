import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiOptions, apiListener } from './node-server.ts';

/** The port the README's commands use; PORT overrides it. */
export const DEFAULT_API_PORT = 8787;

export interface RunningApi {
  /** `http://localhost:PORT` */
  origin: string;
  close(): Promise<void>;
}

/**
 * Starts the API on every local address (so `localhost` works whether it resolves to 127.0.0.1 or
 * ::1). Port 0 picks a free one.
 */
export function startApi(port = DEFAULT_API_PORT, options: ApiOptions = {}): Promise<RunningApi> {
  const server = createServer(apiListener(options));
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is in use: set PORT to another port (or 0 for any free one).`)
          : error,
      );
    });
    server.listen(port, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        origin: `http://localhost:${bound}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
