// A node:http server reachable as http://localhost:PORT however the browser resolves `localhost`
// (127.0.0.1 or ::1): one listener bound to both addresses on the same OS-assigned port.
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalhostServer {
  origin: string;
  close(): Promise<void>;
}

export async function listenOnLocalhost(listener: RequestListener): Promise<LocalhostServer> {
  const ipv4 = await bind(createServer(listener), 0, '127.0.0.1');
  const { port } = ipv4.address() as AddressInfo;
  const ipv6 = await bind(createServer(listener), port, '::1').catch(() => null);
  const servers = ipv6 ? [ipv4, ipv6] : [ipv4];
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

function bind(server: Server, port: number, host: string): Promise<Server> {
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
