// Runs inside Chromium, bundled by test/fetch-browser.test.ts: the client on the page origin calls
// the API on another loopback origin, and each scenario returns plain data for Node to check.
import { defineApi, type } from '@corskit/contract';
import {
  type ClientPolicy,
  CorsError,
  type CorsWarning,
  createClient,
  type DownloadProgress,
} from '@corskit/fetch';

const API = new URL(location.href).searchParams.get('api') ?? '';

/** The same object @corskit/server's definePolicy would return, for the routes under /api. */
function policyOf<const C extends ClientPolicy['config']>(config: C): ClientPolicy<C> {
  return { config, allowsOrigin: (origin) => config.origins === '*' || config.origins.includes(origin) };
}
const apiPolicy = policyOf({
  origins: [location.origin],
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['x-a', 'content-type'],
  exposeHeaders: ['x-decoded-content-length'],
  maxAge: 0,
});
const closedPolicy = policyOf({ origins: ['https://elsewhere.example'] });

function collect() {
  const warnings: CorsWarning[] = [];
  return { warnings, onWarning: (warning: CorsWarning) => void warnings.push(warning) };
}

/** Each call's options; the names become paths under /api/pred/. */
const CALLS: Record<string, object> = {
  get: {},
  'get-x-a': { headers: { 'x-a': '1' } },
  json: { method: 'post', json: { a: 1 } },
  text: { method: 'post', body: 'hello' },
  form: { method: 'post', body: new URLSearchParams({ a: '1' }) },
  put: { method: 'put', body: 'x' },
  delete: { method: 'delete' },
  dpr: { headers: { dpr: '2' } },
  'language-value': { headers: { 'content-language': 'en@x' } },
  'multi-range': { headers: { range: 'bytes=0-1,3-4' } },
  search: { searchParams: { q: 'x' } },
};

/** A contract for routes of the test API: its CORS per path is what the API's policies answer. */
const contract = defineApi({
  cors: { origins: [location.origin] },
  routes: {
    getOk: {
      method: 'GET',
      path: '/api/ct/:id',
      params: { id: type<string>() },
      responses: { 200: type<{ ok: boolean }>() },
    },
    putOk: {
      method: 'PUT',
      path: '/api/ct/:id',
      params: { id: type<string>() },
      headers: { 'x-a': type<string>() },
      body: type<{ a: number }>(),
      responses: { 200: type<{ ok: boolean }>() },
    },
    closed: { method: 'GET', path: '/closed/ct', responses: { 200: type<{ ok: boolean }>() } },
    signedIn: {
      method: 'GET',
      path: '/cred/ct',
      credentials: true,
      responses: { 200: type<{ ok: boolean }>() },
    },
  },
});

export const scenarios = {
  /** Contract calls: each predicted, then made; a refused one gives its CorsError. */
  async contract() {
    const { warnings, onWarning } = collect();
    const client = createClient({ api: contract, baseUrl: API, onWarning, retry: 0 });
    const settle = (call: Promise<{ status: number; body: unknown }>) =>
      call.then(
        (result) => ({ status: result.status, body: result.body, error: undefined, causes: [] as string[] }),
        (error: Error) => ({
          status: 0,
          body: undefined,
          error: error.name,
          causes: error instanceof CorsError ? error.causes.map((cause) => cause.code) : [],
        }),
      );
    const put = { params: { id: 'a b' }, headers: { 'x-a': '1' }, body: { a: 1 } };
    return {
      predicted: {
        getOk: (await client.getOk.predict({ params: { id: '1' } })).preflight,
        putOk: (await client.putOk.predict(put)).requestHeaders,
      },
      getOk: await settle(client.getOk({ params: { id: '1' } })),
      putOk: await settle(client.putOk(put)),
      closed: await settle(client.closed()),
      signedIn: await settle(client.signedIn()),
      warnings: warnings.map((warning) => warning.kind),
    };
  },

  /** Predicts each call, then makes it; Node compares with the preflights the API saw. */
  async predictions() {
    const { warnings, onWarning } = collect();
    const client = createClient({ baseUrl: API, policy: apiPolicy, onWarning, retry: 0 });
    const hooked = client.extend({
      hooks: { beforeRequest: [({ request }) => request.headers.set('x-a', '2')] },
    });
    const results: Array<{
      name: string;
      path: string;
      preflight: boolean;
      requestHeaders: string[];
      outcome: string;
    }> = [];
    const run = async (name: string, api: typeof client, options: object) => {
      const prediction = await api.predict(`api/pred/${name}`, options);
      const outcome = await api(`api/pred/${name}`, options).then(
        () => 'ok',
        (error: Error) => error.name,
      );
      const url = new URL(prediction.url);
      results.push({
        name,
        path: url.pathname + url.search,
        preflight: prediction.preflight,
        requestHeaders: prediction.requestHeaders,
        outcome,
      });
    };
    for (const [name, options] of Object.entries(CALLS)) await run(name, client, options);
    await run('hook', hooked, {});
    return { results, warnings, report: client.preflightReport() };
  },

  /** Download progress events for one route of /api/progress/. */
  async progress(kind: string) {
    const { warnings, onWarning } = collect();
    const client = createClient({ baseUrl: API, onWarning });
    const events: DownloadProgress[] = [];
    const text = await client
      .get(`api/progress/${kind}`, { onDownloadProgress: (progress) => void events.push({ ...progress }) })
      .text();
    return { events, warnings, length: new TextEncoder().encode(text).length };
  },

  /** Calls the browser refuses; each returns what the CorsError said. */
  async failures() {
    const quiet = { baseUrl: API, onWarning: () => {} };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['refused-origin-policy', () => createClient({ ...quiet, policy: closedPolicy }).get('closed/r1')],
      ['refused-origin', () => createClient(quiet).get('closed/r2')],
      [
        'missing-allow-headers',
        () =>
          createClient({ ...quiet, policy: apiPolicy }).get('api/h1', { headers: { 'x-b': '1' } as never }),
      ],
      ['credentials-wildcard', () => createClient(quiet).get('wild/c1', { credentials: 'include' })],
      [
        'credentials-policy',
        () =>
          createClient({ ...quiet, policy: apiPolicy }).get('api/c2', { credentials: 'include' as never }),
      ],
      ['credentials-ok', () => createClient(quiet).get('cred/ok', { credentials: 'include' }).json()],
      ['network', () => createClient({ ...quiet, baseUrl: 'http://127.0.0.1:9/', retry: 0 }).get('x')],
    ];
    const outcomes = [];
    for (const [name, call] of cases) {
      const error = await call().then(
        () => undefined,
        (caught: Error) => caught,
      );
      outcomes.push({
        name,
        error: error?.name,
        isCorsError: error instanceof CorsError,
        code: error instanceof CorsError ? error.code : undefined,
        causes: error instanceof CorsError ? error.causes.map((cause) => cause.code) : [],
        message: error?.message ?? '',
      });
    }
    return outcomes;
  },
};

declare global {
  interface Window {
    scenarios: typeof scenarios;
  }
}
window.scenarios = scenarios;
