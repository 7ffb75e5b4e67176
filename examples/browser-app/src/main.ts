// The page: four cross-origin calls, each wired to the part of the page that shows its outcome.
import { API_ORIGIN, type ApiClient, createApiClient, type Item } from './client.ts';
import { createCorsNotes } from './cors-notes.ts';
import { createProgressBar } from './progress-bar.ts';

const element = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const client = createApiClient(createCorsNotes(element('notes'), element('notes-empty')));
element('api-origin').textContent = API_ORIGIN;

function itemRow(item: Item, api: ApiClient, status: HTMLElement): HTMLLIElement {
  const row = document.createElement('li');
  row.dataset['id'] = String(item.id);
  row.classList.toggle('done', item.done);
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = item.name;
  const state = document.createElement('span');
  state.className = 'state';
  state.textContent = item.done ? 'done' : 'to do';
  row.append(name, state);
  if (!item.done) {
    const markDone = document.createElement('button');
    markDone.type = 'button';
    markDone.textContent = 'Mark done';
    markDone.addEventListener('click', async () => {
      markDone.disabled = true;
      try {
        row.replaceWith(itemRow(await api.markDone(item.id), api, status));
        status.textContent = `Item ${item.id} marked done (PATCH, after a preflight: see the CORS notes).`;
      } catch (error) {
        markDone.disabled = false;
        status.textContent = `Could not update item ${item.id}: ${messageOf(error)}`;
      }
    });
    row.append(markDone);
  }
  return row;
}

async function showItems(api: ApiClient) {
  const status = element('items-status');
  try {
    const { items, requestId } = await api.listItems();
    element('items').replaceChildren(...items.map((item) => itemRow(item, api, status)));
    status.textContent = `${items.length} items (X-Request-Id: ${requestId ?? 'not readable'}).`;
  } catch (error) {
    status.textContent = `Could not load the items from ${API_ORIGIN}: ${messageOf(error)}. Is the API running?`;
  }
}

function wireSignIn(api: ApiClient) {
  const button = element<HTMLButtonElement>('sign-in');
  const me = element('me');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      me.textContent = `Signed in as ${await api.signIn()} (GET /me sent the session cookie).`;
    } catch (error) {
      button.disabled = false;
      me.textContent = `Could not sign in: ${messageOf(error)}`;
    }
  });
}

function wireDownload(api: ApiClient) {
  const button = element<HTMLButtonElement>('download');
  const saved = element('saved');
  const bar = createProgressBar(element('progress'), element('progress-text'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    saved.hidden = true;
    bar.reset();
    try {
      const report = await api.downloadReport((progress) => bar.show(progress));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(report);
      link.download = 'report.csv';
      link.textContent = `Save report.csv (${report.size.toLocaleString('en-US')} bytes)`;
      saved.replaceChildren(link);
      saved.hidden = false;
    } catch (error) {
      bar.fail(`Download failed: ${messageOf(error)}`);
    } finally {
      button.disabled = false;
    }
  });
}

wireSignIn(client);
wireDownload(client);
void showItems(client);
