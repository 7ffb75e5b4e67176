// The msw handlers the app's tests (and its dev server) use. They were written next to the client,
// so they agree with the client, not with the real server: plain msw has no idea what the API's
// CORS policy allows. That is what wrapping them with withCorsHandlers adds.
import { HttpResponse, http } from 'msw';
import { NOTES_API_URL } from '../config.ts';
import type { Note } from '../notes-client.ts';

export const FIRST_PAGE: Note[] = [
  { id: 'n1', title: 'Groceries', body: 'oat milk, lemons' },
  { id: 'n2', title: 'Ideas', body: 'a notes app' },
];
export const TOTAL_NOTES = 12;

const notes = `${NOTES_API_URL}/notes`;

export const handlers = [
  http.get(notes, () => HttpResponse.json(FIRST_PAGE, { headers: { 'X-Total-Count': String(TOTAL_NOTES) } })),
  http.put(`${notes}/:id`, async ({ request }) => HttpResponse.json((await request.json()) as Note)),
  http.patch(`${notes}/:id`, async ({ request, params }) => {
    const note = FIRST_PAGE.find(({ id }) => id === params['id']);
    if (note === undefined) return new HttpResponse(null, { status: 404 });
    return HttpResponse.json({ ...note, ...((await request.json()) as Partial<Note>) });
  }),
  http.delete(`${notes}/:id`, () => new HttpResponse(null, { status: 204 })),
];
