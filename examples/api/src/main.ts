// `node src/main.ts`: the API on PORT (default 8787) for the app on APP_ORIGIN (default
// http://localhost:5173; several separated by commas).
import { DEFAULT_APP_ORIGIN } from './policy.ts';
import { DEFAULT_API_PORT, startApi } from './start.ts';

const port = process.env.PORT === undefined ? DEFAULT_API_PORT : Number(process.env.PORT);
const appOrigins = (process.env.APP_ORIGIN ?? DEFAULT_APP_ORIGIN).split(',').map((origin) => origin.trim());

try {
  const api = await startApi(port, { appOrigins });
  console.log(`API on ${api.origin}, callable from ${appOrigins.join(', ')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
