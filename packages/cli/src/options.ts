import { ENGINES, type Engine, isToken } from '@corskit/core';

/** One call to check, as a page script on `origin` would make it. */
export interface CheckOptions {
  /** The endpoint, http: or https:. */
  url: string;
  /** The page origin the call comes from, e.g. `https://app.example.com`. */
  origin: string;
  /** Default GET. Sent as written (browsers uppercase only DELETE, GET, HEAD, OPTIONS, POST, PUT). */
  method?: string;
  /** Request headers the script sets, in order. */
  headers?: ReadonlyArray<readonly [name: string, value: string]>;
  /** A text body (a string body: the browser adds `Content-Type: text/plain;charset=UTF-8` unless set). */
  body?: string;
  /** `credentials: 'include'`: judge the answers as a credentialed request. */
  credentials?: boolean;
  /** The engines to judge for; default all four. */
  engines?: readonly Engine[];
  /**
   * The whole check, in ms: every request it sends, connecting and the TLS handshake included;
   * default 10 000. When it runs out, `check()` rejects with a `timeout` NetworkFailure.
   */
  timeoutMs?: number;
  /** The transport; default the global fetch. Gets every request the check sends. */
  fetch?: (request: Request, init?: { signal?: AbortSignal }) => Promise<Response>;
}

/** How long the whole check may take, unless `timeoutMs` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Bad input: the CLI prints the message with a pointer to --help and exits 2. */
export class UsageError extends Error {
  /** Always `UsageError`. */
  override name = 'UsageError';
}

export interface ResolvedOptions {
  url: URL;
  origin: string;
  method: string;
  headers: Array<[string, string]>;
  body: string | undefined;
  credentials: boolean;
  engines: Engine[];
  timeoutMs: number;
}

/** Validates what `check()` was given, with one message per problem the user can act on. */
export function resolveOptions(options: CheckOptions): ResolvedOptions {
  const url = parseHttpUrl(options.url);
  const origin = parseOrigin(options.origin);
  const method = options.method ?? 'GET';
  if (!isToken(method)) {
    throw new UsageError(`--method ${JSON.stringify(method)} is not an HTTP method token.`);
  }
  const engines = [...(options.engines ?? ENGINES)];
  for (const engine of engines) {
    if (!ENGINES.includes(engine)) {
      throw new UsageError(`Unknown engine ${JSON.stringify(engine)}: use all, ${ENGINES.join(', ')}.`);
    }
  }
  if (engines.length === 0)
    throw new UsageError('No engine to check: use all, or one of ' + ENGINES.join(', ') + '.');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`The timeout must be a positive number of milliseconds, not ${timeoutMs}.`);
  }
  return {
    url,
    origin,
    method,
    headers: (options.headers ?? []).map(([name, value]) => [name, value]),
    body: options.body,
    credentials: options.credentials ?? false,
    engines: [...new Set(engines)],
    timeoutMs,
  };
}

function parseHttpUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${JSON.stringify(value)} is not a URL: give an absolute http:// or https:// URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${value} is not an http:// or https:// URL: CORS applies to HTTP(S) fetches only.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(
      `${value} has credentials in it: fetch() throws on such URLs; remove user:password@.`,
    );
  }
  return url;
}

/** `value` if it is an origin (scheme://host[:port]), else a UsageError with what was probably meant. */
export function parseOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // An origin serializes as scheme://host[:port] exactly: no path, not even a trailing slash.
  if (url === undefined || url.origin === 'null' || url.origin !== value) {
    const hint = url !== undefined && url.origin !== 'null' ? ` (did you mean ${url.origin}?)` : '';
    throw new UsageError(
      `--origin ${JSON.stringify(value)} is not an origin${hint}: give scheme://host[:port], e.g. https://app.example.com.`,
    );
  }
  return value;
}
