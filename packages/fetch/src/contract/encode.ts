// A route call's input as the request ky sends: path params encoded into the path, the query
// serialised, the body encoded for the route's declared media type.
import { buildPath, type RouteFacts } from '@corskit/contract';

/** What a route call takes (the typed form is RequestOf). */
export interface CallInput {
  params?: Readonly<Record<string, unknown>>;
  query?: Readonly<Record<string, unknown>>;
  headers?: Readonly<Record<string, string | undefined>>;
  body?: unknown;
}

/** What ky needs to send a route's call. */
export interface EncodedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  searchParams: URLSearchParams | undefined;
  body: BodyInit | undefined;
  credentials: RequestCredentials;
}

type Entry = [name: string, value: string | Blob];

/** Fields as name/value pairs: arrays repeat the name, undefined and null are left out. */
function entries(fields: Readonly<Record<string, unknown>>, blobs: boolean): Entry[] {
  const pairs: Entry[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (blobs && item instanceof Blob) pairs.push([name, item]);
      else if (typeof item === 'object' && !(item instanceof Date)) {
        throw new TypeError(
          `corskit: ${name} is an object; a query or form field is a string, number or boolean.`,
        );
      } else pairs.push([name, item instanceof Date ? item.toISOString() : String(item)]);
    }
  }
  return pairs;
}

function record(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`corskit: the ${what} body is an object of fields, not ${typeof value}.`);
  }
  return value as Record<string, unknown>;
}

/** The body for `contentType`, and whether the Content-Type header is to be set from it. */
function encodeBody(contentType: string, body: unknown): [BodyInit, boolean] {
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  if (essence === 'multipart/form-data') {
    // The browser writes the boundary into Content-Type itself.
    if (body instanceof FormData) return [body, false];
    const form = new FormData();
    for (const [name, value] of entries(record(body, essence), true)) form.append(name, value);
    return [form, false];
  }
  if (essence === 'application/json' || essence.endsWith('+json')) return [JSON.stringify(body), true];
  if (essence === 'application/x-www-form-urlencoded') {
    const form =
      body instanceof URLSearchParams
        ? body
        : new URLSearchParams(entries(record(body, essence), false) as string[][]);
    return [form.toString(), true];
  }
  if (essence.startsWith('text/')) {
    if (typeof body !== 'string' && typeof body !== 'number' && typeof body !== 'boolean') {
      throw new TypeError(
        `corskit: a ${essence} body is a string, not ${body === null ? 'null' : typeof body}.`,
      );
    }
    return [String(body), true];
  }
  return [body as BodyInit, true];
}

/**
 * The request of a call of `route`. `relative` says the client has a baseUrl: the path is then
 * resolved against it (so `https://api.example.com/v1/` keeps its `/v1`).
 */
export function encodeCall(route: RouteFacts, input: CallInput = {}, relative: boolean): EncodedCall {
  const path = buildPath(route.path, input.params);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  let body: BodyInit | undefined;
  if (route.contentType !== null && input.body !== undefined) {
    const [encoded, typed] = encodeBody(route.contentType, input.body);
    body = encoded;
    if (typed) headers['content-type'] = route.contentType;
  }
  const query = input.query === undefined ? [] : entries(input.query, false);
  return {
    url: relative ? path.slice(1) : path,
    method: route.method,
    headers,
    searchParams: query.length > 0 ? new URLSearchParams(query as string[][]) : undefined,
    body,
    // Exactly the routes that declare credentials send them (the derived CORS allows them only there).
    credentials: route.credentials ? 'include' : 'same-origin',
  };
}
