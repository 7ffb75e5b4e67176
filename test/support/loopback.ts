// A node:http server reachable as http://localhost:PORT however the browser resolves `localhost`
// (127.0.0.1 or ::1): one listener bound to both addresses on the same OS-assigned port.
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { Server as NetServer } from 'node:net';

export interface LocalhostServer {
  origin: string;
  close(): Promise<void>;
}

export async function listenOnLocalhost(listener: RequestListener): Promise<LocalhostServer> {
  const { port, servers } = await bindLoopback(() => createServer(listener));
  return {
    origin: `http://localhost:${port}`,
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

/**
 * Binds a server made by `make` on 127.0.0.1 at an OS-assigned port and, where the machine has ::1,
 * another on ::1 at the same port: `localhost` reaches the same handler whichever address it takes.
 */
export async function bindLoopback<S extends NetServer>(
  make: () => S,
): Promise<{ port: number; servers: S[] }> {
  const ipv4 = await bind(make(), 0, '127.0.0.1');
  const address = ipv4.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  const ipv6 = await bind(make(), address.port, '::1').catch(() => null);
  return { port: address.port, servers: ipv6 ? [ipv4, ipv6] : [ipv4] };
}

function bind<S extends NetServer>(server: S, port: number, host: string): Promise<S> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** A request's whole body as text. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
  });
}
