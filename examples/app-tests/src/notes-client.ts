// The frontend's notes client. It takes its fetch as a parameter, so the app passes the page's
// fetch and the tests pass one that behaves like a browser's.

export interface Note {
  id: string;
  title: string;
  body: string;
  archived?: boolean;
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface NotesClientOptions {
  baseUrl: string;
  fetch: Fetch;
}

export function createNotesClient({ baseUrl, fetch }: NotesClientOptions) {
  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    // The session cookie belongs to the API's origin: without credentials the API sees no user.
    const response = await fetch(`${baseUrl}${path}`, { ...init, credentials: 'include' });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${response.status}`);
    return response;
  }
  const notePath = (id: string) => `/notes/${encodeURIComponent(id)}`;
  const jsonBody = (value: unknown): RequestInit => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  });

  return {
    /** The first page of notes, and how many there are in all. */
    async listNotes(): Promise<{ notes: Note[]; total: number }> {
      const response = await call('/notes');
      const notes = (await response.json()) as Note[];
      return { notes, total: Number(response.headers.get('x-total-count')) };
    },

    async saveNote(note: Note): Promise<Note> {
      const response = await call(notePath(note.id), { method: 'PUT', ...jsonBody(note) });
      return (await response.json()) as Note;
    },

    /**
     * A partial update, so PATCH. The API serves PATCH, but its CORS policy lists only PUT and
     * DELETE: browsers refuse the preflight (the second CORS bug this example catches).
     */
    async archiveNote(id: string): Promise<Note> {
      const response = await call(notePath(id), { method: 'PATCH', ...jsonBody({ archived: true }) });
      return (await response.json()) as Note;
    },

    async deleteNote(id: string): Promise<void> {
      await call(notePath(id), { method: 'DELETE' });
    },
  };
}

export type NotesClient = ReturnType<typeof createNotesClient>;
