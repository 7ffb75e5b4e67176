// How the app wires its notes client at startup: the tests build it the same way, so they test
// what ships (tracing included), not a hand-made variant.
import { NOTES_API_URL } from './config.ts';
import { createNotesClient, type Fetch, type NotesClient } from './notes-client.ts';
import { withTracing } from './tracing.ts';

/** The app passes the page's fetch: `createAppNotesClient((url, init) => fetch(url, init))`. */
export function createAppNotesClient(fetch: Fetch): NotesClient {
  return createNotesClient({ baseUrl: NOTES_API_URL, fetch: withTracing(fetch) });
}
