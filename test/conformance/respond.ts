import { gzipSync } from 'node:zlib';
import type { Journal } from './journal.ts';
import { upperCaseScheme } from './observation.ts';
import type { Answer, Origins, ServerName, TestCase } from './types.ts';

/** Where `respond` runs: which server, the run's origins and id, and the journal to record into. */
export interface RespondContext {
  server: ServerName;
  origins: Origins;
  run: string;
  journal: Journal;
}

/** The path of every API request: `/<run>/<case id>/<route>`. A fresh run id keeps caches apart. */
export function casePath(run: string, caseId: string, route: string): string {
  return `/${run}/${caseId}/${route}`;
}

export function parseCasePath(pathname: string): { run: string; caseId: string; route: string } | null {
  const match = /^\/([\w-]+)\/([\w-]+)\/([\w-]+)$/.exec(pathname);
  if (!match) return null;
  return { run: match[1]!, caseId: match[2]!, route: match[3]! };
}

/**
 * The handler of one API (or third-origin) server: finds the case a request belongs to by its path
 * and lets `respond` answer. Requests of another run or an unknown case get a bare 404.
 */
export function caseHandler(cases: TestCase[], ctx: RespondContext): (request: Request) => Response {
  const byId = new Map(cases.map((testCase) => [testCase.id, testCase]));
  return (request) => {
    const path = parseCasePath(new URL(request.url).pathname);
    const testCase = path && path.run === ctx.run ? byId.get(path.caseId) : undefined;
    return testCase ? respond(testCase, request, ctx) : new Response(null, { status: 404 });
  };
}

/**
 * The API server's behaviour for one case: records what arrived, then answers from the case's routes.
 * Used by the real loopback servers (through the HTTP/1.1 bridge) and by the model alike, so the
 * browser and the model talk to exactly the same server logic.
 */
export function respond(testCase: TestCase, request: Request, ctx: RespondContext): Response {
  const route = parseCasePath(new URL(request.url).pathname)?.route ?? '';
  const acrm = request.headers.get('access-control-request-method');
  const preflight = request.method === 'OPTIONS' && acrm !== null;

  ctx.journal.arrive(testCase.id, {
    server: ctx.server,
    route,
    method: request.method,
    preflight,
    origin: request.headers.get('origin'),
    acrm,
    acrh: request.headers.get('access-control-request-headers'),
    headers: Object.fromEntries(testCase.record.map((name) => [name, recordedValue(request, name)])),
  });

  const answers = testCase.routes[route];
  if (!answers) return new Response(null, { status: 404 });
  return toResponse(preflight ? answers.preflight : answers.actual, request, {
    page: ctx.origins.page,
    PAGE: upperCaseScheme(ctx.origins.page),
    api: ctx.origins.api,
    apiHost: new URL(ctx.origins.api).host,
    third: ctx.origins.third,
    run: ctx.run,
    case: testCase.id,
    acrm: acrm ?? '',
    acrh: request.headers.get('access-control-request-headers') ?? '',
  });
}

function recordedValue(request: Request, name: string): string | null {
  const value = request.headers.get(name);
  // Multipart boundaries are random per engine; only their presence matters.
  if (name === 'content-type' && value) return value.replace(/boundary=\S+/i, 'boundary=*');
  return value;
}

function toResponse(answer: Answer, request: Request, vars: Record<string, string>): Response {
  const headers = new Headers();
  for (const [name, value] of answer.headers) headers.append(name, expand(value, vars));

  let body: Uint8Array<ArrayBuffer> = new TextEncoder().encode(answer.body ?? 'ok');
  if (answer.gzip) {
    body = new Uint8Array(gzipSync(body));
    headers.set('content-encoding', 'gzip');
  }
  const bodiless = answer.status === 204 || answer.status === 304;
  // Set explicitly: a Fetch Response does not compute it, but a real server sends it (HEAD included).
  if (!bodiless && !headers.has('content-length')) headers.set('content-length', String(body.byteLength));
  const sendBody = !bodiless && request.method !== 'HEAD';
  return new Response(sendBody ? body : null, { status: answer.status, headers });
}

function expand(value: string, vars: Record<string, string>): string {
  return value.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
