// The "CORS notes" panel: the client's development warnings, on the page as well as in the console,
// so that whoever looks at the app sees why a call costs a preflight.
import type { CorsWarning } from '@corskit/fetch';

export function createCorsNotes(list: HTMLElement, emptyNote: HTMLElement) {
  return (warning: CorsWarning) => {
    const note = document.createElement('li');
    const heading = document.createElement('p');
    const kind = document.createElement('strong');
    kind.textContent = warning.kind;
    const route = document.createElement('code');
    route.textContent = warning.route;
    heading.append(kind, ' ', route);
    const message = document.createElement('pre');
    message.textContent = warning.message;
    note.append(heading, message);
    list.append(note);
    emptyNote.hidden = true;
  };
}
