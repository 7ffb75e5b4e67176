// A response as the route's result: `{ status, body, headers }`, read as the contract declares it.
// Checking against the schemas is opt-in, so its code loads only when asked (./check.ts).
import type { RouteFacts } from '@corskit/contract';
import { ResponseValidationError } from './errors.js';

/** A route's result at run time (the typed form is ResponseOf). */
export interface CallResult {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const dev = process.env.NODE_ENV !== 'production';

/** The body as declared. `data` is what ky already read of an HTTPError's body (JSON only when labelled so). */
async function readBody(type: string, response: Response, data: unknown, fromError: boolean) {
  const json = /json/i.test(type);
  const body = fromError
    ? data
    : json || type.startsWith('text/')
      ? await response.text()
      : await response.blob();
  return json && typeof body === 'string' ? (body === '' ? undefined : JSON.parse(body)) : body;
}

/** The result of `response` for `route`; throws a ResponseValidationError where the contract disagrees. */
export async function readResult(
  route: RouteFacts,
  response: Response,
  check: boolean,
  data?: unknown,
  fromError = false,
): Promise<CallResult> {
  const { status } = response;
  const spec = route.responses[status];
  const refuse = (path: string, message: string) =>
    new ResponseValidationError(route.name, response, [{ path: [path], message: dev ? message : '' }]);
  if (spec === undefined) throw refuse('status', `${status} is not a declared status`);
  let body: unknown;
  if (spec.body !== null && route.method !== 'HEAD') {
    try {
      body = await readBody(spec.contentType ?? '', response, data, fromError);
    } catch (error) {
      throw refuse('body', `not ${spec.contentType}: ${error}`);
    }
  }
  const headers: Record<string, string> = {};
  for (const name in spec.headers) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const result = { status, body, headers };
  return check ? (await import('./check.js')).checkResult(route.name, spec, result, response) : result;
}
