// @corskit/server behind its Node adapter, called by a page on another loopback origin in real
// browsers: what the policy allows the browser allows, what it refuses the browser refuses. The
// same calls also go through @corskit/core's createCorsFetch for that engine, so the model, the
// browser and the expectation must all agree.
import type { RequestListener } from 'node:http';
import { createCorsFetch, type Engine } from '@corskit/core';
import { definePolicy, routePolicies } from '@corskit/server';
import { withCorsListener } from '@corskit/server/node';
import { beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_ENGINES, type BrowserEngine, visit } from './support/browsers.ts';
import { listenOnLocalhost, readBody } from './support/loopback.ts';

const REPORT_BUDGET_MS = 60_000;

/** One fetch() the page makes, and whether the policy says the script may read the answer. */
interface Call {
  name: string;
  path: string;
  init: RequestInit;
  allowed: boolean;
  /** Response headers to read back (exposed or not). */
  read?: string[];
}

const CALLS: Call[] = [
  { name: 'simple GET', path: '/api/items', init: {}, allowed: true, read: ['x-request-id', 'x-internal'] },
  { name: 'GET with credentials', path: '/api/items', init: { credentials: 'include' }, allowed: true },
  {
    name: 'JSON PUT (preflighted)',
    path: '/api/items/1',
    init: { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
    allowed: true,
  },
  {
    name: 'PUT with an allowed custom header and credentials',
    path: '/api/items/2',
    init: { method: 'PUT', headers: { 'x-allowed': '1' }, body: 'x', credentials: 'include' },
    allowed: true,
  },
  {
    name: 'PATCH (method not listed)',
    path: '/api/items/3',
    init: { method: 'PATCH', body: 'x' },
    allowed: false,
  },
  { name: 'DELETE (method not listed)', path: '/api/items/4', init: { method: 'DELETE' }, allowed: false },
  {
    name: 'PUT with a header not listed',
    path: '/api/items/5',
    init: { method: 'PUT', headers: { 'x-not-allowed': '1' }, body: 'x' },
    allowed: false,
  },
  {
    name: 'Authorization not listed',
    path: '/api/items/6',
    init: { headers: { authorization: 'Bearer t' } },
    allowed: false,
  },
  { name: 'origin not allowed on this route (simple GET)', path: '/partner/items', init: {}, allowed: false },
  {
    name: 'origin not allowed on this route (preflighted)',
    path: '/partner/items',
    init: { method: 'PUT', body: 'x', headers: { 'content-type': 'application/json' } },
    allowed: false,
  },
  {
    name: 'any origin, no credentials',
    path: '/public/items',
    init: {},
    allowed: true,
    read: ['x-request-id'],
  },
  {
    name: 'any origin refuses credentials',
    path: '/public/items',
    init: { credentials: 'include' },
    allowed: false,
  },
  {
    name: 'JSON PUT again (answered from the preflight cache)',
    path: '/api/items/1',
    init: { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":2}' },
    allowed: true,
  },
];

interface Outcome {
  name: string;
  ok: boolean;
  status?: number;
  headers?: Record<string, string | null>;
  error?: string;
}

function policies(pageOrigin: string) {
  return routePolicies({
    '/api': definePolicy({
      origins: [pageOrigin],
      methods: ['PUT'],
      requestHeaders: ['content-type', 'x-allowed'],
      exposeHeaders: ['X-Request-Id'],
      credentials: true,
      maxAge: 600,
    }),
    '/partner': definePolicy({
      origins: ['https://partner.example'],
      methods: ['PUT'],
      requestHeaders: ['content-type'],
    }),
    '/public': definePolicy({ origins: '*', exposeHeaders: ['X-Request-Id'] }),
  });
}

/** The page: runs every call in order and posts the outcomes back to its own origin. */
function pageHtml(apiOrigin: string): string {
  const script = `
    const api = ${JSON.stringify(apiOrigin)};
    const calls = ${JSON.stringify(CALLS)};
    (async () => {
      const outcomes = [];
      for (const call of calls) {
        try {
          const response = await fetch(api + call.path, call.init);
          await response.text();
          const headers = {};
          for (const name of call.read ?? []) headers[name] = response.headers.get(name);
          outcomes.push({ name: call.name, ok: true, status: response.status, headers });
        } catch (error) {
          outcomes.push({ name: call.name, ok: false, error: String(error) });
        }
      }
      await fetch('/results', { method: 'POST', body: JSON.stringify({ userAgent: navigator.userAgent, outcomes }) });
    })().catch((error) => fetch('/results', { method: 'POST', body: JSON.stringify({ error: String(error) }) }));`;
  return `<!doctype html><meta charset="utf-8"><title>corskit server</title><script>${script}</script>`;
}

/** The API and page servers for one browser run, with a log of what reached the API. */
async function startServers() {
  const arrivals: string[] = [];
  const api = await listenOnLocalhost((request, response) => apiListener(request, response));
  let apiListener: RequestListener = () => {};
  let resolveReport: (report: { userAgent?: string; outcomes?: Outcome[]; error?: string }) => void =
    () => {};
  const report = new Promise<{ userAgent?: string; outcomes?: Outcome[]; error?: string }>((resolve) => {
    resolveReport = resolve;
  });
  // Page and API are two origins on `localhost` (ports differ). A host name, not an IP literal:
  // Firefox drops cached preflight answers for IP-literal hosts unpredictably.
  const page = await listenOnLocalhost(async (request, response) => {
    if (request.method === 'POST' && request.url === '/results') {
      resolveReport(JSON.parse(await readBody(request)));
      response.end('thanks');
    } else if (request.url === '/') {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(pageHtml(api.origin));
    } else {
      response.statusCode = 404;
      response.end();
    }
  });

  const corsListener = withCorsListener(policies(page.origin), async (request, response) => {
    await readBody(request);
    response.setHeader('x-request-id', 'r-42');
    response.setHeader('x-internal', 'hidden');
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true}');
  });
  apiListener = (request, response) => {
    arrivals.push(`${request.method} ${request.url}`);
    corsListener(request, response);
  };

  const close = async () => {
    await api.close();
    await page.close();
  };
  return { apiOrigin: api.origin, pageOrigin: page.origin, arrivals, report, close };
}

describe.each<BrowserEngine>(BROWSER_ENGINES)('%s', (engine) => {
  let run: { outcomes: Outcome[]; arrivals: string[] } | undefined;
  let model: { outcomes: Outcome[]; arrivals: string[] };
  let failure = 'the browser run did not happen';

  beforeAll(async () => {
    const servers = await startServers();
    try {
      const visited = await visit(engine, `${servers.pageOrigin}/`, servers.report, REPORT_BUDGET_MS);
      if (!visited.ok) failure = visited.reason;
      else if (visited.value.outcomes === undefined) failure = `the page failed: ${visited.value.error}`;
      else run = { outcomes: visited.value.outcomes, arrivals: [...servers.arrivals] };
    } finally {
      await servers.close();
    }
    model = await runModel(engine);
  }, REPORT_BUDGET_MS + 30_000);

  /** The browser's run; an engine that could not run fails here, visibly, with the reason. */
  const browser = () => {
    if (run === undefined) throw new Error(`${engine} could not run: ${failure}`);
    return run;
  };

  test('the browser allows exactly what the policy allows', () => {
    const observed = browser().outcomes.map((outcome) => [outcome.name, outcome.ok]);
    expect(observed).toEqual(CALLS.map((call) => [call.name, call.allowed]));
  });

  test('createCorsFetch, modelling this engine, agrees with the browser on every outcome', () => {
    const outcomes = (list: Outcome[]) => list.map(({ name, ok, status }) => [name, ok, status]);
    expect(outcomes(model.outcomes)).toEqual(outcomes(browser().outcomes));
  });

  test('the server sees the same requests, preflights included, from the browser and the model', () => {
    expect(model.arrivals).toEqual(browser().arrivals);
  });

  test('scripts read exposed headers only', () => {
    const simple = browser().outcomes.find((outcome) => outcome.name === 'simple GET');
    expect(simple?.headers).toEqual({ 'x-request-id': 'r-42', 'x-internal': null });
    const open = browser().outcomes.find((outcome) => outcome.name === 'any origin, no credentials');
    expect(open?.headers).toEqual({ 'x-request-id': 'r-42' });
  });

  test('refused preflights keep the actual request from being sent; answers are cached', () => {
    const { arrivals } = browser();
    for (const path of ['/api/items/3', '/api/items/4', '/api/items/5', '/partner/items']) {
      expect(arrivals, path).not.toContain(`PATCH ${path}`);
      expect(arrivals, path).not.toContain(`DELETE ${path}`);
      expect(arrivals, path).not.toContain(`PUT ${path}`);
    }
    // Two PUTs to /api/items/1; the second is answered from the preflight cache (max-age 600).
    expect(arrivals.filter((line) => line === 'PUT /api/items/1')).toHaveLength(2);
    expect(arrivals.filter((line) => line === 'OPTIONS /api/items/1')).toHaveLength(1);
  });
});

/** The same calls through createCorsFetch modelling `engine`, from the same page origin. */
async function runModel(engine: Engine): Promise<{ outcomes: Outcome[]; arrivals: string[] }> {
  const servers = await startServers();
  try {
    const corsFetch = createCorsFetch({
      origin: servers.pageOrigin,
      engine,
      fetch: (request) => fetch(request),
    });
    const outcomes: Outcome[] = [];
    for (const call of CALLS) {
      try {
        const response = await corsFetch(servers.apiOrigin + call.path, call.init);
        await response.text();
        outcomes.push({ name: call.name, ok: true, status: response.status });
      } catch (error) {
        outcomes.push({ name: call.name, ok: false, error: String(error) });
      }
    }
    return { outcomes, arrivals: [...servers.arrivals] };
  } finally {
    await servers.close();
  }
}
