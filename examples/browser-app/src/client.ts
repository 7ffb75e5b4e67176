// The calls the page makes, typed end to end by the API's contract (examples/api/src/contract.ts):
// one method per route, its params, headers and body checked at compile time, its answer a union
// keyed on status. The contract holds no server code (routes, schemas, the CORS they imply), so
// it can ship to the browser; credentials go exactly on the routes that declare them.
import { apiContract, DEFAULT_APP_ORIGIN, type Item } from '@corskit/example-api/contract';
import { type CorsWarning, createClient, type DownloadProgressHandler } from '@corskit/fetch';

export type { Item };

export const API_ORIGIN = import.meta.env.VITE_API_ORIGIN ?? 'http://localhost:8787';

/** The key the example API accepts on writes. A real app would not ship one in its bundle. */
const API_KEY = 'demo-key';

/** An answer other than the one the page can use, as an Error with the API's own words. */
function refused(result: { status: number; body: unknown }): Error {
  const error = (result.body as { error?: unknown } | undefined)?.error;
  return new Error(`${result.status}${typeof error === 'string' ? `: ${error}` : ''}`);
}

export function createApiClient(showWarning: (warning: CorsWarning) => void) {
  const api = createClient({
    // The contract with the origins the API allows, so the development checks match the server.
    api: apiContract([import.meta.env.VITE_APP_ORIGIN ?? DEFAULT_APP_ORIGIN]),
    baseUrl: API_ORIGIN,
    // A custom onWarning replaces the default console.warn, so keep that and also show the warning.
    onWarning(warning) {
      console.warn(warning.message);
      showWarning(warning);
    },
  });

  return {
    /** GET /items: a simple request, no preflight. X-Request-Id is declared, so exposed and typed. */
    async listItems(): Promise<{ items: Item[]; requestId: string | null }> {
      const result = await api.listItems();
      return { items: result.body, requestId: result.headers['x-request-id'] ?? null };
    },

    /** PATCH with an API key and a JSON body: three reasons for the browser to preflight. */
    async markDone(id: number): Promise<Item> {
      const result = await api.updateItem({
        params: { id: String(id) },
        headers: { 'x-api-key': API_KEY },
        body: { done: true },
      });
      if (result.status !== 200) throw refused(result);
      return result.body;
    },

    /** The session cookie is HttpOnly: the page never sees it; both routes declare credentials. */
    async signIn(): Promise<string> {
      await api.login.json();
      const me = await api.me();
      if (me.status !== 200) throw refused(me);
      return me.body.user;
    },

    /** The report route is flagged progress: 'download', so the server exposes its decoded length. */
    async downloadReport(onProgress: DownloadProgressHandler): Promise<Blob> {
      const csv = await api.report.json(undefined, { onDownloadProgress: onProgress });
      return new Blob([csv], { type: 'text/csv' });
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
