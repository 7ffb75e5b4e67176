import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localCertificateAuthority } from '../support/certificates.ts';
import { type FetchHandler, type Http1Server, listen } from './http1.ts';
import { listenHttp2 } from './http2.ts';
import { createJournal, type Journal } from './journal.ts';
import { PAGE_KINDS, type PageKind, runnerHtml, topPageHtml } from './page-kinds.ts';
import { caseHandler } from './respond.ts';
import type { ClientObservation, Origins, ServerName, TestCase } from './types.ts';

/** What the page posts back when it is done (or when it broke). */
export type PageReport = { userAgent: string; observations: ClientObservation[] } | { error: string };

export interface RunServers {
  origins: Origins;
  /** The page server's origin: the top-level page's, also where the runner's (`origins.page`) is opaque. */
  topOrigin: string;
  run: string;
  journal: Journal;
  /** The URL a browser opens to run every case. */
  pageUrl: string;
  /** Settles when the page posts its results. */
  report: Promise<PageReport>;
  /**
   * Request headers the browser fills in by itself, as its own same-origin fetch of the setup carried
   * them (lowercase name to value): what a cross-origin request gets where the script set none.
   */
  browserDefaults: Record<string, string>;
  /** Over `http2`: the run's throwaway CA (PEM file), which the browser must trust. */
  trustedCa?: string;
  close(): Promise<void>;
}

/**
 * How the servers speak: `http1` is plain HTTP/1.1 on http://localhost; `http2` is HTTP/2 only, over
 * TLS on https://localhost, with a certificate from a CA made for the run.
 */
export type Transport = 'http1' | 'http2';

export interface RunSettings {
  /** How many single-request cases the page runs at once. */
  concurrency: number;
  /** Per-fetch timeout in the page. */
  timeoutMs: number;
  /**
   * Where the runner runs (default `origin`, the page itself). From an opaque one (a sandboxed or
   * data: frame, a data: worker) the requests carry `Origin: null`, and `{page}` in answers (and
   * `origins.page`) is `null`.
   */
  page?: PageKind;
  /** Default `http1`. */
  transport?: Transport;
}

/** What a run may do besides serving: move the browser's clock (see test/support/faketime.ts). */
export interface RunControls {
  /**
   * Set when the browser runs on a clock the test moves: the page then asks for each step's delay
   * with `POST /clock` instead of waiting it out, and runs the multi-step cases one at a time.
   */
  advanceClock?: (ms: number) => Promise<void>;
}

const PAGE_FILES: Record<string, string> = {
  '/runner.js': fileURLToPath(new URL('./page/runner.js', import.meta.url)),
  '/client.js': fileURLToPath(new URL('./page/client.js', import.meta.url)),
};

/** Headers whose browser-chosen values the setup request shows (see RunServers.browserDefaults). */
const FILLED_IN_BY_THE_BROWSER = ['user-agent', 'accept-language'];

/** Starts the page, API and third-origin servers on loopback for one run with a fresh run id. */
export async function startServers(
  cases: TestCase[],
  settings: RunSettings,
  controls: RunControls = {},
): Promise<RunServers> {
  const run = `r${randomBytes(6).toString('hex')}`;
  const journal = createJournal();
  const browserDefaults: Record<string, string> = {};
  let reportResults: (report: PageReport) => void = () => {};
  const report = new Promise<PageReport>((resolve) => {
    reportResults = resolve;
  });

  // The handlers (the page's too) need the origins, known only once every server listens; no request
  // can arrive before that (the page that makes them is not served yet).
  const handlers = new Map<ServerName, (request: Request) => Response>();
  const apiHandler = (server: ServerName) => (request: Request) =>
    handlers.get(server)?.(request) ?? new Response(null, { status: 503 });

  const page = settings.page ?? 'origin';
  const opaque = PAGE_KINDS[page].opaque;
  // A runner with an opaque origin reads the page server's answers (its own module too) cross-origin.
  const pageHandler = async (request: Request): Promise<Response> => {
    const response = await pageAnswer(request);
    if (opaque) response.headers.set('access-control-allow-origin', '*');
    return response;
  };
  const pageAnswer = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (request.method === 'GET' && (pathname === '/' || pathname === '/frame.html')) {
      const html = pathname === '/' ? topPageHtml(page, origins.page) : runnerHtml(origins.page);
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    const file = PAGE_FILES[pathname];
    if (request.method === 'GET' && file) {
      return new Response(await readFile(file, 'utf8'), { headers: { 'content-type': 'text/javascript' } });
    }
    if (request.method === 'GET' && pathname === '/setup.json') {
      for (const name of FILLED_IN_BY_THE_BROWSER) {
        const value = request.headers.get(name);
        if (value !== null) browserDefaults[name] = value;
      }
      const virtualClock = controls.advanceClock !== undefined;
      return Response.json({ run, origins: apiOrigins, cases, virtualClock, ...settings });
    }
    if (request.method === 'POST' && pathname === '/mark') {
      const { caseId, step } = (await request.json()) as { caseId: string; step: number };
      journal.mark(caseId, step);
      return new Response(null, { status: 204 });
    }
    if (request.method === 'POST' && pathname === '/clock' && controls.advanceClock) {
      const { ms } = (await request.json()) as { ms: number };
      await controls.advanceClock(ms);
      return new Response(null, { status: 204 });
    }
    if (request.method === 'POST' && pathname === '/results') {
      reportResults((await request.json()) as PageReport);
      return new Response(null, { status: 204 });
    }
    return new Response(null, { status: 404 });
  };

  const overHttp2 = settings.transport === 'http2';
  const certDir = overHttp2 ? mkdtempSync(join(tmpdir(), 'corskit-ca-')) : null;
  const authority = certDir ? localCertificateAuthority(certDir) : null;
  const serve = (handler: FetchHandler) => (authority ? listenHttp2(handler, authority) : listen(handler));
  const removeCa = () => (certDir ? rm(certDir, { recursive: true, force: true }) : Promise.resolve());
  const servers: Http1Server[] = [];
  try {
    servers.push(await serve(pageHandler), await serve(apiHandler('api')), await serve(apiHandler('third')));
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    await removeCa();
    throw error;
  }
  const [pageServer, api, third] = servers as [Http1Server, Http1Server, Http1Server];
  // Host names, not 127.0.0.1: Firefox drops a preflight-cache entry when the host's DNS record is
  // newer than the entry, and for an IP-literal host that record is refreshed unpredictably, so its
  // preflight cache would seem to work only now and then.
  const originOf = (server: Http1Server) => `${overHttp2 ? 'https' : 'http'}://localhost:${server.port}`;
  const origins: Origins = { page: originOf(pageServer), api: originOf(api), third: originOf(third) };
  // What the API servers and the observations call the page's origin.
  const apiOrigins: Origins = opaque ? { ...origins, page: 'null' } : origins;
  for (const server of ['api', 'third'] as const) {
    handlers.set(server, caseHandler(cases, { server, origins: apiOrigins, run, journal }));
  }

  return {
    origins: apiOrigins,
    topOrigin: origins.page,
    run,
    journal,
    pageUrl: `${origins.page}/`,
    report,
    browserDefaults,
    ...(authority ? { trustedCa: authority.caFile } : {}),
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
      await removeCa();
    },
  };
}
