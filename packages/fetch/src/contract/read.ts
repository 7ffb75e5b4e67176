// A response as the route's result: `{ status, body, headers }`, read as the contract declares it
// and, when asked, checked against the route's schemas.
import { type Issue, type ResponseFacts, type RouteFacts, validate } from '@corskit/contract';
import { ResponseValidationError } from './errors.js';

/** A route's result at run time (the typed form is ResponseOf). */
export interface CallResult {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

function isJson(contentType: string): boolean {
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json');
}

/** The body as declared. `data` is what ky already read of an HTTPError's body. */
async function readBody(spec: ResponseFacts, response: Response, data: unknown, fromError: boolean) {
  const type = spec.contentType ?? '';
  if (isJson(type)) {
    const text = fromError ? data : await response.text();
    // ky parses an error body as JSON only when the response says it is JSON.
    return typeof text === 'string' ? (text === '' ? undefined : JSON.parse(text)) : text;
  }
  if (fromError) return data;
  if (type.startsWith('text/')) return response.text();
  if (type.startsWith('multipart/form-data')) return response.formData();
  return response.blob();
}

/** Runs `schema` on `value`, collecting its issues under `at`. */
async function checked(
  schema: Parameters<typeof validate>[0],
  value: unknown,
  at: PropertyKey[],
  issues: Issue[],
) {
  const outcome = await validate(schema, value);
  if (outcome.ok) return outcome.value;
  for (const issue of outcome.issues) issues.push({ path: [...at, ...issue.path], message: issue.message });
  return value;
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
  if (spec === undefined) {
    const declared = Object.keys(route.responses).join(', ');
    throw new ResponseValidationError(route.name, response, [
      { path: ['status'], message: `${status} is not a declared status (${declared})` },
    ]);
  }
  const issues: Issue[] = [];
  let body: unknown;
  if (spec.body !== null && route.method !== 'HEAD') {
    try {
      body = await readBody(spec, response, data, fromError);
    } catch (error) {
      throw new ResponseValidationError(route.name, response, [
        { path: ['body'], message: `not ${spec.contentType}: ${(error as Error).message}` },
      ]);
    }
    if (check) body = await checked(spec.body, body, ['body'], issues);
  }
  const headers: Record<string, string> = {};
  for (const [name, schema] of Object.entries(spec.headers)) {
    const value = response.headers.get(name);
    if (check) {
      const output = await checked(schema, value ?? undefined, ['headers', name], issues);
      if (output !== undefined) headers[name] = output as string;
    } else if (value !== null) headers[name] = value;
  }
  if (issues.length > 0) throw new ResponseValidationError(route.name, response, issues);
  return { status, body, headers };
}
