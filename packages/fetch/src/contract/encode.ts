// A route call's input as the request ky sends: path params encoded into the path, the query
// serialised, the body encoded for the route's declared media type. Messages are development-only.
import type { RouteFacts } from '@corskit/contract';

/** What a route call takes (the typed form is RequestOf). */
export interface CallInput {
  params?: Readonly<Record<string, unknown>>;
  query?: Readonly<Record<string, unknown>>;
  headers?: Readonly<Record<string, string | undefined>>;
  body?: unknown;
}

/** What ky needs to send a route's call, beside its URL. */
export interface EncodedCall {
  method: string;
  headers: Record<string, string>;
  searchParams: URLSearchParams | undefined;
  body: BodyInit | undefined;
  credentials: RequestCredentials;
}

const dev = process.env.NODE_ENV !== 'production';

/** Fields as name/value pairs: arrays repeat the name, undefined and null are left out. */
function pairs(fields: unknown, blobs: boolean): [string, string | Blob][] {
  if (typeof fields !== 'object' || fields === null) {
    throw new TypeError(dev ? `corskit: a query or form is an object of fields, not ${fields}.` : 'corskit');
  }
  const out: [string, string | Blob][] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of [value].flat()) {
      if (item === undefined || item === null) continue;
      const blob = blobs && item instanceof Blob;
      if (typeof item === 'object' && !blob) {
        throw new TypeError(
          dev
            ? `corskit: ${name} is an object; a query or form field is a string, number or boolean.`
            : 'corskit',
        );
      }
      out.push([name, blob ? item : String(item)]);
    }
  }
  return out;
}

/** The body for `type`; sets Content-Type (the browser writes multipart's, with its boundary). */
function encodeBody(type: string, body: unknown, headers: Record<string, string>): BodyInit {
  const essence = type.split(';')[0]!.trim().toLowerCase();
  if (essence === 'multipart/form-data') {
    if (body instanceof FormData) return body;
    const form = new FormData();
    for (const [name, value] of pairs(body, true)) form.append(name, value);
    return form;
  }
  headers['content-type'] = type;
  if (/[/+]json$/.test(essence)) return JSON.stringify(body);
  if (essence === 'application/x-www-form-urlencoded') {
    return String(
      body instanceof URLSearchParams ? body : new URLSearchParams(pairs(body, false) as string[][]),
    );
  }
  if (essence.startsWith('text/')) {
    if (typeof body === 'object' || typeof body === 'function') {
      throw new TypeError(dev ? `corskit: a ${essence} body is a string, not ${typeof body}.` : 'corskit');
    }
    return String(body);
  }
  return body as BodyInit;
}

/** `[url, request]` of a call of `route`; `relative` (a baseUrl is set) drops the leading slash. */
export function encodeCall(
  route: RouteFacts,
  input: CallInput = {},
  relative: boolean,
): [string, EncodedCall] {
  // From the segments defineApi parsed; each value is one segment, percent-encoded.
  let path = '';
  for (const segment of route.segments) {
    const value = segment.kind === 'param' ? input.params?.[segment.name] : segment.text;
    if (value === undefined || value === null) {
      throw new TypeError(
        dev
          ? `corskit: the path param ${(segment as { name: string }).name} of ${route.path} is missing.`
          : 'corskit',
      );
    }
    path += `/${segment.kind === 'param' ? encodeURIComponent(String(value)) : value}`;
  }
  path ||= '/';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const body =
    route.contentType === null || input.body === undefined
      ? undefined
      : encodeBody(route.contentType, input.body, headers);
  const query = input.query && pairs(input.query, false);
  return [
    relative ? path.slice(1) : path,
    {
      method: route.method,
      headers,
      searchParams: query?.length ? new URLSearchParams(query as string[][]) : undefined,
      body,
      // Exactly the routes that declare credentials send them (the derived CORS allows them only there).
      credentials: route.credentials ? 'include' : 'same-origin',
    },
  ];
}
