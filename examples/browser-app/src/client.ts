// The calls the page makes, through one @corskit/fetch client. The API's CORS now comes from its
// contract (examples/api/src/contract.ts), per path; the contract-typed client replaces this one.
import type { Item } from '@corskit/example-api';
import { type CorsWarning, createClient, type DownloadProgressHandler } from '@corskit/fetch';

export type { Item };

export const API_ORIGIN = import.meta.env.VITE_API_ORIGIN ?? 'http://localhost:8787';

/** The key the example API accepts on writes. A real app would not ship one in its bundle. */
const API_KEY = 'demo-key';

export function createApiClient(showWarning: (warning: CorsWarning) => void) {
  const api = createClient({
    baseUrl: `${API_ORIGIN}/`,
    // A custom onWarning replaces the default console.warn, so keep that and also show the warning.
    onWarning(warning) {
      console.warn(warning.message);
      showWarning(warning);
    },
  });

  return {
    /** GET /items: a simple request, no preflight. X-Request-Id is readable because the policy exposes it. */
    async listItems(): Promise<{ items: Item[]; requestId: string | null }> {
      const response = await api.get('items');
      return { items: await response.json<Item[]>(), requestId: response.headers.get('x-request-id') };
    },

    /** PATCH with an API key and a JSON body: three reasons for the browser to preflight. */
    markDone(id: number): Promise<Item> {
      return api
        .patch(`items/${id}`, { headers: { 'X-API-Key': API_KEY }, json: { done: true } })
        .json<Item>();
    },

    /** The session cookie is HttpOnly: the page never sees it, the browser sends it with credentials. */
    async signIn(): Promise<string> {
      await api.post('session', { credentials: 'include' });
      const me = await api.get('me', { credentials: 'include' }).json<{ user: string }>();
      return me.user;
    },

    downloadReport(onProgress: DownloadProgressHandler): Promise<Blob> {
      return api.get('report.csv', { onDownloadProgress: onProgress }).blob();
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
