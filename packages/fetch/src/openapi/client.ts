// A client over openapi-typescript's `paths`: `client.GET('/items/{id}', { params })` builds the
// URL, query, headers and body, and sends them through a CORS client (prediction, warnings,
// credentials, progress, CorsError all apply), resolving to `{ status, body, headers }`.
import type { Classification } from '@corskit/core';
import type { Options } from 'ky';
import { type ClientOptions, createClient } from '../client.js';
import type { CorsClient } from '../typed.js';
import type { PathCall, PathMethod } from './types.js';

/** Options of {@link createPathsClient}: createClient's, with the API's base URL required. */
export type PathsClientOptions = Omit<ClientOptions, 'baseUrl' | 'prefix'> & {
  /** The API's base URL (a server of the OpenAPI document), e.g. `https://api.github.com`. */
  baseUrl: string;
};

/** A call's init as the runtime sees it (the types say what each operation takes). */
interface AnyInit extends Record<string, unknown> {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  body?: unknown;
  contentType?: string;
}

/** A client typed by openapi-typescript's `paths`: one method per HTTP method, typed by path. */
export type PathsClient<Paths> = {
  readonly [M in PathMethod as Uppercase<M>]: PathCall<Paths, M>;
} & {
  /** @corskit/core's classification of exactly the request this call sends (nothing is sent). */
  predict(method: Uppercase<PathMethod>, path: string, init?: object): Promise<Classification>;
  /** The CORS client underneath (ky with the CORS features): `preflightReport()`, `extend()`, ... */
  readonly cors: CorsClient;
};

const METHODS: readonly PathMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const NO_BODY = new Set([101, 103, 204, 205, 304]);

function fill(path: string, values: Record<string, unknown> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null)
      throw new TypeError(`The path param ${name} of ${path} is missing.`);
    return encodeURIComponent(String(value));
  });
}

function searchParams(query: Record<string, unknown> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) params.append(name, String(item));
    }
  }
  return params;
}

/** The ky call for one operation: URL and options, as the CORS client sends (or predicts) it. */
function kyCall(baseUrl: string, method: string, path: string, init: AnyInit = {}): [string, Options] {
  const { params, body, contentType, headers: extraHeaders, ...options } = init;
  const url = new URL(baseUrl.replace(/\/$/, '') + fill(path, params?.path));
  for (const [name, value] of searchParams(params?.query)) url.searchParams.append(name, value);
  const headers = new Headers(extraHeaders as HeadersInit | undefined);
  for (const [name, value] of Object.entries(params?.header ?? {})) {
    if (value !== undefined && value !== null) headers.set(name, String(value));
  }
  const call: Options = {
    ...(options as Options),
    method: method.toUpperCase(),
    headers,
    throwHttpErrors: false,
  };
  if (body !== undefined) {
    if (contentType === undefined || /^application\/(.+\+)?json\b/i.test(contentType)) {
      call.json = body;
      if (contentType !== undefined) headers.set('content-type', contentType);
    } else {
      call.body = body as BodyInit;
      // FormData writes its own multipart Content-Type, with the boundary.
      if (!(body instanceof FormData)) headers.set('content-type', contentType);
    }
  }
  return [url.href, call];
}

async function readBody(response: Response, method: string): Promise<unknown> {
  if (method === 'head' || NO_BODY.has(response.status)) return undefined;
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (text === '') return undefined;
  return /\bjson\b/i.test(type) ? JSON.parse(text) : text;
}

/**
 * A client typed by the `paths` openapi-typescript generates from an OpenAPI document:
 * `client.GET('/repos/{owner}/{repo}', { params: { path: { owner, repo } } })` resolves to
 * `{ status, body, headers }`, one member per declared status. It is a CORS client underneath:
 * preflights predicted and warned about in development, CorsError on CORS failures, honest progress.
 */
export function createPathsClient<Paths extends object>(options: PathsClientOptions): PathsClient<Paths> {
  const { baseUrl, ...clientOptions } = options;
  const cors = createClient(clientOptions as ClientOptions) as CorsClient;
  const client: Record<string, unknown> = { cors };
  for (const method of METHODS) {
    client[method.toUpperCase()] = async (path: string, init?: AnyInit) => {
      const [url, call] = kyCall(baseUrl, method, path, init);
      const response = await cors(url, call as never);
      return { status: response.status, body: await readBody(response, method), headers: response.headers };
    };
  }
  client.predict = (method: string, path: string, init?: AnyInit) => {
    const [url, call] = kyCall(baseUrl, method, path, init);
    return cors.predict(url, call as never);
  };
  return client as PathsClient<Paths>;
}
