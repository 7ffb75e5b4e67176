// The example API as a Next.js App Router route handler. One optional catch-all route serves every
// path with the Fetch handler that Deno, Bun and workerd serve too (examples/frameworks/src/fetch.ts),
// where withCors answers preflights and adds the CORS headers; so OPTIONS is exported with the rest.
import { DEFAULT_APP_ORIGIN } from '@corskit/example-api';
import { fetchApi } from '@corskit/example-frameworks/fetch';

const appOrigins = (process.env.APP_ORIGIN ?? DEFAULT_APP_ORIGIN).split(',').map((origin) => origin.trim());
const handler = fetchApi({ appOrigins });

// The items change at run time: never prerender or cache an answer.
export const dynamic = 'force-dynamic';
export { handler as DELETE, handler as GET, handler as OPTIONS, handler as PATCH, handler as POST };
