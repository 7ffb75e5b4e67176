// A page calling an API the way a script in a browser tab would: through createCorsFetch (preflights,
// the engine's preflight cache, the CORS check, hidden headers) over Node's real fetch. It records
// what each call came to, in the script and on the wire, so that servers can be compared call by call.
import { CorsError, createCorsFetch, type Engine } from '@corskit/core';

export interface WireAnswer {
  status: number;
  /** The answer's Access-Control-* headers and Vary, by lowercase name. */
  cors: Record<string, string>;
}

export interface Outcome {
  /** What the script got: the status, or the CorsError's code. */
  result: number | string;
  /** The response headers the script can read, lowercase and sorted (absent when the call rejected). */
  readable?: string[];
  /** What the script read: the JSON, the byte count of any other body, null for none. */
  body?: unknown;
  /** The preflight's answer, or null when none went out. */
  preflight: WireAnswer | null;
  /** The actual request's answer, or null when the browser would not send it. */
  response: WireAnswer | null;
}

export interface Call {
  path: string;
  init?: RequestInit;
  /** The page's origin, when not the app's. */
  from?: string;
}

/**
 * One tab in `engine` with the app at `appOrigin`: its preflight cache lasts across calls, and so do
 * the cookies, which Node's fetch would not keep (a browser sends them with `credentials: 'include'`).
 */
export function pageSession(api: string, appOrigin: string, engine: Engine) {
  let cookie: string | undefined;
  let wire: Array<{ preflight: boolean; answer: WireAnswer }> = [];

  async function transport(request: Request): Promise<Response> {
    const credentialed = request.credentials === 'include';
    const headers = new Headers(request.headers);
    if (credentialed && cookie !== undefined) headers.set('cookie', cookie);
    const response = await fetch(request, { headers });
    const setCookie = response.headers.getSetCookie()[0];
    if (credentialed && setCookie !== undefined) cookie = setCookie.split(';')[0];
    const preflight = request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
    wire.push({ preflight, answer: { status: response.status, cors: corsHeaders(response.headers) } });
    return response;
  }

  const pages = new Map<string, typeof fetch>();
  const pageAt = (origin: string) => {
    if (!pages.has(origin)) pages.set(origin, createCorsFetch({ origin, engine, fetch: transport }));
    return pages.get(origin)!;
  };

  return async function call({ path, init, from = appOrigin }: Call): Promise<Outcome> {
    wire = [];
    const seen = await pageAt(from)(new URL(path, api), init).then(read, rejection);
    return {
      ...seen,
      preflight: wire.find((exchange) => exchange.preflight)?.answer ?? null,
      response: wire.find((exchange) => !exchange.preflight)?.answer ?? null,
    };
  };
}

async function read(response: Response): Promise<Pick<Outcome, 'result' | 'readable' | 'body'>> {
  const readable = [...response.headers.keys()];
  const bytes = new Uint8Array(await response.arrayBuffer());
  const json = response.headers.get('content-type')?.startsWith('application/json') ?? false;
  const body = bytes.length === 0 ? null : json ? JSON.parse(new TextDecoder().decode(bytes)) : bytes.length;
  return { result: response.status, readable, body };
}

function rejection(error: unknown): Pick<Outcome, 'result'> {
  if (error instanceof CorsError) return { result: error.code };
  throw error;
}

function corsHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries(
    [...headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );
}
