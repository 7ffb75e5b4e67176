// The parts of Deno's and Bun's globals that src/deno.ts and src/bun.ts use, so that the repository's
// one TypeScript check covers them without either runtime's full type package.
declare namespace Deno {
  function serve(
    options: { hostname?: string; port?: number; onListen?: (address: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
}

declare namespace Bun {
  function serve(options: {
    hostname?: string;
    port?: number;
    fetch: (request: Request) => Response | Promise<Response>;
  }): { port: number; stop(): void };
}
