// crossOriginProtection in real browsers: pages on foreign origins submit forms, send no-cors and
// simple fetch() POSTs with credentials, a beacon and a preflighted PUT to an API behind the Node
// adapter; the API's handler must never run for them, while the same calls from an allowed origin
// and from the API's own origin reach it once each. One browser run per engine walks four pages:
//   cross-site  http://127.0.0.1:A   (another site than localhost; not in the policy)
//   same-site   http://localhost:B   (same site, another origin; not in the policy)
//   allowed     http://127.0.0.1:C   (cross-site, listed in the policy's origins)
//   same-origin http://localhost:API/page
// Loopback origins are potentially trustworthy, so browsers send Sec-Fetch-Site to them; what each
// engine sent is recorded and printed.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CorsRefusal, definePolicy } from '@corskit/server';
import { withCorsListener } from '@corskit/server/node';
import { beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ENGINES, type BrowserEngine, visit } from './support/browsers.ts';
import { listenOnLocalhost, readBody } from './support/loopback.ts';
import { delay } from './support/processes.ts';

const REPORT_BUDGET_MS = 90_000;
const STRAGGLER_WAIT_MS = 30_000;

const PAGES = ['cross-site', 'same-site', 'allowed', 'same-origin'] as const;
type Page = (typeof PAGES)[number];
const FOREIGN: readonly Page[] = ['cross-site', 'same-site'];

/** Every write a page attempts; `form-*` are <form method=post> submissions into an iframe. */
const SHAPES = [
  'form-urlencoded',
  'form-multipart',
  'form-text-plain',
  'fetch-no-cors-text-plain',
  'fetch-cors-text-plain',
  'fetch-put-json',
  'beacon',
] as const;
/** Every page's writes, less the foreign PUTs (their preflight is refused), plus the preflights of
 * the three cross-origin pages. */
const EXPECTED_ARRIVALS = PAGES.length * SHAPES.length - FOREIGN.length + 3;

interface Arrival {
  method: string;
  page: string | null;
  shape: string | null;
  secFetchSite: string | null;
  origin: string | null;
  status: number;
}

interface PageReport {
  page: Page;
  userAgent: string;
  /** What the page's script saw for each fetch (forms and beacons give it nothing to see). */
  seen: Record<string, string>;
}

/** Listens on 127.0.0.1; the origin names it `host` (127.0.0.1, or a name that resolves there). */
async function listenOn127(
  listener: RequestListener,
  host = '127.0.0.1',
): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The page's script: every shape against `api`, then its report, then the next page. */
function pageHtml(page: Page, api: string, next: string | null): string {
  const script = `
    const page = ${JSON.stringify(page)};
    const api = ${JSON.stringify(api)};
    const next = ${JSON.stringify(next)};
    const target = (shape) => api + '/write?page=' + page + '&shape=' + shape;
    const seen = {};
    function submitForm(shape, enctype) {
      return new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.name = 'frame-' + shape;
        document.body.append(frame);
        const form = document.createElement('form');
        form.method = 'post';
        form.action = target(shape);
        form.enctype = enctype;
        form.target = frame.name;
        const field = document.createElement('input');
        field.name = 'amount';
        field.value = '1000000';
        form.append(field);
        document.body.append(form);
        // The new frame's own about:blank may fire a load first: wait for the form's answer.
        frame.addEventListener('load', () => {
          try {
            if (frame.contentWindow.location.href === 'about:blank') return;
          } catch {
            // A cross-origin document: the answer arrived.
          }
          resolve();
        });
        setTimeout(resolve, 30000); // Under load: navigating on would cancel a pending submission.
        form.submit();
      });
    }
    async function tryFetch(shape, init) {
      try {
        const response = await fetch(target(shape), init);
        seen[shape] = response.type + ' ' + response.status;
      } catch (error) {
        seen[shape] = 'rejected';
      }
    }
    (async () => {
      await submitForm('form-urlencoded', 'application/x-www-form-urlencoded');
      await submitForm('form-multipart', 'multipart/form-data');
      await submitForm('form-text-plain', 'text/plain');
      await tryFetch('fetch-no-cors-text-plain', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: 'amount=1000000' });
      await tryFetch('fetch-cors-text-plain', { method: 'POST', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: 'amount=1000000' });
      await tryFetch('fetch-put-json', { method: 'PUT', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"amount":1000000}' });
      seen['beacon'] = String(navigator.sendBeacon(target('beacon'), 'amount=1000000'));
      await fetch('/report', { method: 'POST', body: JSON.stringify({ page, userAgent: navigator.userAgent, seen }) });
      if (next) location.href = next;
    })().catch((error) => fetch('/report', { method: 'POST', body: JSON.stringify({ page, error: String(error) }) }));`;
  return `<!doctype html><meta charset="utf-8"><title>${page}</title><body><script>${script}</script></body>`;
}

/**
 * Where the pages and the API live. `trustworthy`: loopback origins (localhost, 127.0.0.1), to
 * which browsers send Sec-Fetch-Site. Otherwise two host names that resolve to 127.0.0.1 but are
 * not potentially trustworthy (plain http, not localhost), so browsers send no Sec-Fetch-Site and
 * the Origin/Host fallback decides.
 */
interface Layout {
  trustworthy: boolean;
  /** The API's and the same-site page's host; the other two pages' host (another site). */
  names?: { api: string; other: string };
}

async function startServers(layout: Layout) {
  const arrivals: Arrival[] = [];
  const handled: string[] = [];
  const refusals: CorsRefusal[] = [];
  const reports: PageReport[] = [];
  let finish: (reports: PageReport[]) => void = () => {};
  const done = new Promise<PageReport[]>((resolve) => {
    finish = resolve;
  });
  const collect = async (request: IncomingMessage) => {
    const report = JSON.parse(await readBody(request));
    reports.push(report);
    if (report.error !== undefined || report.page === 'same-origin') finish(reports);
  };

  // Pages are served in order; each one's script moves on to the next.
  const origins: Partial<Record<Page, string>> = {};
  const nextOf = (page: Page) => {
    const index = PAGES.indexOf(page);
    const next = PAGES[index + 1];
    if (next === undefined) return null;
    return next === 'same-origin' ? `${origins['same-origin']}/page` : `${origins[next]}/`;
  };
  const pageServer =
    (page: Page): RequestListener =>
    async (request, response) => {
      if (request.method === 'POST' && request.url === '/report') {
        await collect(request);
        response.end('thanks');
      } else if (request.url === '/') {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end(pageHtml(page, origins['same-origin']!, nextOf(page)));
      } else {
        response.statusCode = 404;
        response.end();
      }
    };

  let apiListener: RequestListener = () => {};
  const toApi: RequestListener = (request, response) => apiListener(request, response);
  const { names } = layout;
  const crossSite = await listenOn127(pageServer('cross-site'), names?.other);
  const sameSite = names
    ? await listenOn127(pageServer('same-site'), names.api)
    : await listenOnLocalhost(pageServer('same-site'));
  const allowed = await listenOn127(pageServer('allowed'), names?.other);
  const api = names ? await listenOn127(toApi, names.api) : await listenOnLocalhost(toApi);
  origins['cross-site'] = crossSite.origin;
  origins['same-site'] = sameSite.origin;
  origins.allowed = allowed.origin;
  origins['same-origin'] = api.origin;

  const policy = definePolicy({
    origins: [allowed.origin],
    methods: ['PUT'],
    requestHeaders: ['content-type'],
    credentials: true, // crossOriginProtection is on by default
    // The allowed page of the untrustworthy layout is plain http on a non-loopback name.
    dangerouslyAllowInsecureOrigins: !layout.trustworthy,
    debug: (refusal) => refusals.push(refusal),
  });
  const cors = withCorsListener(policy, async (request, response) => {
    const url = new URL(request.url ?? '/', api.origin);
    if (request.method === 'GET' && url.pathname === '/page') {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(pageHtml('same-origin', api.origin, null));
      return;
    }
    if (request.method === 'POST' && url.pathname === '/report') {
      await collect(request);
      response.end('thanks');
      return;
    }
    await readBody(request);
    if (url.pathname !== '/write') {
      response.statusCode = 404; // favicon.ico and the like
      response.end();
      return;
    }
    handled.push(`${url.searchParams.get('page')} ${url.searchParams.get('shape')} ${request.method}`);
    response.setHeader('content-type', 'text/plain');
    response.end('done');
  });
  apiListener = (request, response) => {
    const url = new URL(request.url ?? '/', api.origin);
    if (url.pathname === '/write') {
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : null;
      };
      response.on('finish', () =>
        arrivals.push({
          method: request.method ?? '',
          page: url.searchParams.get('page'),
          shape: url.searchParams.get('shape'),
          secFetchSite: header('sec-fetch-site'),
          origin: header('origin'),
          status: response.statusCode,
        }),
      );
    }
    cors(request, response);
  };

  const close = async () => {
    for (const server of [crossSite, sameSite, allowed, api]) await server.close();
  };
  return { start: `${crossSite.origin}/`, origins, arrivals, handled, refusals, done, close };
}

interface Run {
  version: string;
  reports: PageReport[];
  arrivals: Arrival[];
  handled: string[];
  refusals: CorsRefusal[];
}

/**
 * Two names other than localhost that /etc/hosts (or CORSKIT_LOOPBACK_NAMES, comma-separated) maps
 * to 127.0.0.1, for the layout without Sec-Fetch-Site; null when this machine has none.
 */
function loopbackNames(): { api: string; other: string } | null {
  const listed = process.env['CORSKIT_LOOPBACK_NAMES']?.split(',').map((name) => name.trim());
  let names = listed ?? [];
  if (listed === undefined) {
    try {
      for (const line of readFileSync('/etc/hosts', 'utf8').split('\n')) {
        const [address, ...aliases] = line.replace(/#.*/, '').trim().split(/\s+/);
        if (address !== '127.0.0.1') continue;
        names.push(...aliases.filter((name) => name !== 'localhost' && !name.endsWith('.localhost')));
      }
    } catch {
      names = [];
    }
  }
  const [api, other] = names;
  return api !== undefined && other !== undefined && api !== other ? { api, other } : null;
}

const NAMES = loopbackNames();
const LAYOUTS: Array<[string, Layout]> = [['loopback origins', { trustworthy: true }]];
if (NAMES !== null)
  LAYOUTS.push([`plain-http names (${NAMES.api}, ${NAMES.other})`, { trustworthy: false, names: NAMES }]);
else
  console.warn(
    'server-csrf-browser: no two loopback names in /etc/hosts; the no-Sec-Fetch-Site layout is not run',
  );

describe.each(
  LAYOUTS.flatMap(([name, layout]) => BROWSER_ENGINES.map((engine) => ({ name, layout, engine }))),
)('$engine, $name', ({ engine, layout }) => {
  let run: Run | undefined;
  let failure = 'the browser run did not happen';

  beforeAll(
    async () => {
      const servers = await startServers(layout);
      try {
        const visited = await visit(engine, servers.start, servers.done, REPORT_BUDGET_MS);
        if (!visited.ok) failure = visited.reason;
        else {
          const broken = visited.value.find((report) => 'error' in report);
          if (broken !== undefined) failure = `a page failed: ${JSON.stringify(broken)}`;
          else {
            // Beacons are sent in the background and may land after the page moved on.
            const deadline = Date.now() + STRAGGLER_WAIT_MS;
            while (servers.arrivals.length < EXPECTED_ARRIVALS && Date.now() < deadline) await delay(200);
            run = {
              version: visited.version,
              reports: visited.value,
              arrivals: [...servers.arrivals],
              handled: [...servers.handled],
              refusals: [...servers.refusals],
            };
            console.info(summary(engine, run));
          }
        }
      } finally {
        await servers.close();
      }
    },
    REPORT_BUDGET_MS + STRAGGLER_WAIT_MS + 30_000,
  );

  const browser = () => {
    if (run === undefined) throw new Error(`${engine} could not run: ${failure}`);
    return run;
  };

  test('every page ran every shape', () => {
    expect(browser().reports.map((report) => report.page)).toEqual([...PAGES]);
  });

  test('no write from a foreign origin reached the handler', () => {
    const foreign = browser().handled.filter((line) => FOREIGN.some((page) => line.startsWith(`${page} `)));
    expect(foreign).toEqual([]);
  });

  test('foreign writes that the browser sent were refused with 403', () => {
    const sent = browser().arrivals.filter(
      (arrival) => FOREIGN.includes(arrival.page as Page) && arrival.method !== 'OPTIONS',
    );
    // Everything but the preflighted PUT, whose preflight the policy refuses, is sent by the browser.
    const expected = FOREIGN.flatMap((page) =>
      SHAPES.filter((shape) => shape !== 'fetch-put-json').map((shape) => `${page} ${shape} 403`),
    );
    expect(sent.map((arrival) => `${arrival.page} ${arrival.shape} ${arrival.status}`).sort()).toEqual(
      expected.sort(),
    );
    const preflights = browser().arrivals.filter((arrival) => arrival.method === 'OPTIONS');
    expect(preflights.map((arrival) => `${arrival.page} ${arrival.shape} ${arrival.status}`).sort()).toEqual([
      'allowed fetch-put-json 204',
      'cross-site fetch-put-json 403',
      'same-site fetch-put-json 403',
    ]);
  });

  test('each write from the allowed origin and from the same origin reached the handler once', () => {
    const expected = (['allowed', 'same-origin'] as const).flatMap((page) =>
      SHAPES.map((shape) => `${page} ${shape} ${shape === 'fetch-put-json' ? 'PUT' : 'POST'}`),
    );
    expect([...browser().handled].sort()).toEqual(expected.sort());
  });

  test('the scripts saw what CORS lets them see', () => {
    const seen = Object.fromEntries(browser().reports.map((report) => [report.page, report.seen]));
    for (const page of FOREIGN) {
      expect(seen[page]?.['fetch-no-cors-text-plain'], page).toBe('opaque 0');
      expect(seen[page]?.['fetch-cors-text-plain'], page).toBe('rejected');
      expect(seen[page]?.['fetch-put-json'], page).toBe('rejected');
    }
    expect(seen['allowed']?.['fetch-cors-text-plain']).toBe('cors 200');
    expect(seen['same-origin']?.['fetch-cors-text-plain']).toBe('basic 200');
  });

  test('the debug reasons name the rule', () => {
    const refused = browser().refusals.filter((refusal) => refusal.kind === 'cross-origin');
    expect(refused.length).toBe(FOREIGN.length * (SHAPES.length - 1));
    for (const refusal of refused) expect(refusal.reason).toMatch(/^crossOriginProtection: POST /);
  });

  test(
    layout.trustworthy
      ? 'Sec-Fetch-Site decided'
      : 'no Sec-Fetch-Site was sent: the Origin/Host fallback decided',
    () => {
      const sites = new Set(browser().arrivals.map((arrival) => arrival.secFetchSite));
      if (layout.trustworthy) expect(sites.has(null)).toBe(false);
      else expect([...sites]).toEqual([null]);
    },
  );
});

/** One line per engine: its version and what it sent in Sec-Fetch-Site from each page. */
function summary(engine: BrowserEngine, run: Run): string {
  const byPage = PAGES.map((page) => {
    const values = new Set(
      run.arrivals
        .filter((arrival) => arrival.page === page)
        .map((arrival) => arrival.secFetchSite ?? '(none)'),
    );
    return `${page}: ${[...values].join('/')}`;
  });
  const tried = run.arrivals.length;
  const foreignHandled = run.handled.filter((line) =>
    FOREIGN.some((page) => line.startsWith(`${page} `)),
  ).length;
  return `${engine} ${run.version}: Sec-Fetch-Site ${byPage.join(', ')}; ${tried} writes arrived, ${foreignHandled} foreign ones handled`;
}
