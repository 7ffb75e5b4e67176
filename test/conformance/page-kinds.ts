// Where the runner runs in the browser: the page's own document, or a frame or worker whose origin
// is something else. The kind decides the Origin the engine sends, so each is a run of its own.

/**
 * - `origin`: the page server's own document (`http://localhost:<port>/`).
 * - `sandboxed-iframe`: an `<iframe sandbox="allow-scripts">` from the page server: an opaque origin.
 * - `data-iframe`: an iframe whose document is a `data:text/html,…` URL: an opaque origin (pages get a
 *   `data:` document only this way; browsers block top-level navigation to `data:`).
 * - `blob-iframe`: an iframe whose document is a `blob:` URL the page made: the page's origin.
 * - `data-worker`: a module worker from a `data:text/javascript,…` URL: an opaque origin.
 * - `blob-worker`: a module worker from a `blob:` URL the page made: the page's origin.
 * - `sandboxed-data-worker`: a data: worker started by a sandboxed iframe: opaque, and so is its
 *   creator (which tells the creator's origin apart from the top-level page's).
 */
export type PageKind =
  | 'origin'
  | 'sandboxed-iframe'
  | 'data-iframe'
  | 'blob-iframe'
  | 'data-worker'
  | 'blob-worker'
  | 'sandboxed-data-worker';

interface PageKindFacts {
  /** What a run of the chosen cases from this kind is called: test titles, .conformance/, engine table. */
  corpus: string;
  /** Whether the runner's origin is opaque: requests carry `Origin: null`, `{page}` is `null`. */
  opaque: boolean;
  /** For a worker: the origin of the document that started it, the page's (`{top}`) or an opaque one. */
  creator?: 'top' | 'opaque';
}

export const PAGE_KINDS: Record<PageKind, PageKindFacts> = {
  origin: { corpus: 'conformance', opaque: false },
  'sandboxed-iframe': { corpus: 'opaque-origin', opaque: true },
  'data-iframe': { corpus: 'data-iframe', opaque: true },
  'blob-iframe': { corpus: 'blob-iframe', opaque: false },
  'data-worker': { corpus: 'data-worker', opaque: true, creator: 'top' },
  'blob-worker': { corpus: 'blob-worker', opaque: false, creator: 'top' },
  'sandboxed-data-worker': { corpus: 'sandboxed-data-worker', opaque: true, creator: 'opaque' },
};

export function isPageKind(name: string): name is PageKind {
  return Object.hasOwn(PAGE_KINDS, name);
}

const HEAD = '<!doctype html><meta charset="utf-8"><title>corskit conformance</title>';

/** The runner's document. The script URL is absolute: a data: or blob: document has no base URL. */
export function runnerHtml(pageOrigin: string): string {
  return `${HEAD}\n<script type="module" src="${pageOrigin}/runner.js"></script>\n`;
}

/** A string as a JavaScript literal that is safe inside an inline `<script>`. */
const scriptLiteral = (text: string) => JSON.stringify(text).replaceAll('<', '\\u003c');

/**
 * A script that starts the runner in a module worker from `url` (a JavaScript expression). Kept on
 * window so the worker lives as long as the page; one that cannot start reports it, instead of
 * leaving the run to its time budget.
 */
const startWorker = (url: string, pageOrigin: string) => `<script>
window.runner = new Worker(${url}, { type: 'module' });
window.runner.onerror = (event) => {
  const error = 'the worker did not start: ' + (event.message || 'an error event without a message');
  const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ error }) };
  fetch(${scriptLiteral(`${pageOrigin}/results`)}, init);
};
</script>`;

/** An attribute value in double quotes. */
const attribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/**
 * What the page server answers `/` with for a run from `kind`; `/frame.html` is always the runner's
 * document (the sandboxed iframe loads it).
 */
export function topPageHtml(kind: PageKind, pageOrigin: string): string {
  const runner = runnerHtml(pageOrigin);
  const workerModule = `import ${JSON.stringify(`${pageOrigin}/runner.js`)};\n`;
  switch (kind) {
    case 'origin':
      return runner;
    case 'sandboxed-iframe':
      return `${HEAD}\n<iframe sandbox="allow-scripts" src="/frame.html"></iframe>\n`;
    case 'data-iframe':
      // encodeURIComponent leaves no `"` to end the attribute early.
      return `${HEAD}\n<iframe src="data:text/html;charset=utf-8,${encodeURIComponent(runner)}"></iframe>\n`;
    case 'blob-iframe':
      return `${HEAD}\n<script>
const frame = document.createElement('iframe');
frame.src = URL.createObjectURL(new Blob([${scriptLiteral(runner)}], { type: 'text/html' }));
document.documentElement.append(frame);
</script>\n`;
    case 'data-worker': {
      const url = `data:text/javascript,${encodeURIComponent(workerModule)}`;
      return `${HEAD}\n${startWorker(scriptLiteral(url), pageOrigin)}\n`;
    }
    case 'blob-worker': {
      const blob = `new Blob([${scriptLiteral(workerModule)}], { type: 'text/javascript' })`;
      return `${HEAD}\n${startWorker(`URL.createObjectURL(${blob})`, pageOrigin)}\n`;
    }
    case 'sandboxed-data-worker': {
      const frame = attribute(topPageHtml('data-worker', pageOrigin));
      return `${HEAD}\n<iframe sandbox="allow-scripts" srcdoc="${frame}"></iframe>\n`;
    }
  }
}
