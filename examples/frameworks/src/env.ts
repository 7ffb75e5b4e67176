// What `node src/hono.ts` and `node src/express.ts` read from the environment and print: the same
// variables and messages as examples/api's main.ts, so the three servers start the same way.
import { DEFAULT_APP_ORIGIN } from '@corskit/example-api';

/** PORT, or the framework's own default (each has one, so all three servers can run side by side). */
export function portFromEnv(defaultPort: number): number {
  return process.env.PORT === undefined ? defaultPort : Number(process.env.PORT);
}

/** APP_ORIGIN: the browser apps allowed to call the API, separated by commas. */
export function appOriginsFromEnv(): string[] {
  return (process.env.APP_ORIGIN ?? DEFAULT_APP_ORIGIN).split(',').map((origin) => origin.trim());
}

export function announce(framework: string, port: number, appOrigins: readonly string[]): void {
  console.log(`${framework} API on http://localhost:${port}, callable from ${appOrigins.join(', ')}`);
}

export function failedToStart(error: Error): void {
  console.error(error.message);
  process.exitCode = 1;
}
