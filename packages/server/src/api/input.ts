// Reads and validates a request against its route: params, query, headers and body, every field
// checked before the handler runs, every failure reported.
import { type Fields, type RouteFacts, validate } from '@corskit/contract';
import { mimeEssence } from '@corskit/core';

/** Where a failing field is. */
export type InputLocation = 'params' | 'query' | 'headers' | 'body';

/** One failing field of a request. */
export interface InputIssue {
  /** The part of the request. */
  location: InputLocation;
  /** Keys down to the field: `['id']`, `['items', 0, 'title']` (empty for the whole body). */
  path: PropertyKey[];
  /** Why it failed. */
  message: string;
}

/** A request's validated parts, as handlers receive them. */
export interface ValidInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

type Read = { ok: true; input: ValidInput } | { ok: false; issues: InputIssue[] };

async function checkFields(
  fields: Fields,
  raw: (name: string) => unknown,
  location: InputLocation,
  issues: InputIssue[],
): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(fields)) {
    const result = await validate(schema, raw(name));
    if (result.ok) values[name] = result.value;
    else
      for (const issue of result.issues)
        issues.push({ location, path: [name, ...issue.path], message: issue.message });
  }
  return values;
}

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function isJson(essence: string): boolean {
  return essence === 'application/json' || essence.endsWith('+json');
}

/** The body as the route's media type says, or an issue: wrong media type, malformed JSON. */
async function readBody(route: RouteFacts, request: Request, issues: InputIssue[]): Promise<unknown> {
  const expected = mimeEssence(route.contentType ?? '') ?? '';
  const sent = request.headers.get('content-type');
  const essence = sent === null ? null : mimeEssence(sent);
  const fail = (message: string) => {
    issues.push({ location: 'body', path: [], message });
    return undefined;
  };
  if (essence === null) {
    // No body at all: let the schema say whether it may be missing.
    if (request.body === null) return undefined;
    return fail(`expected a ${route.contentType} body, with that Content-Type.`);
  }
  const matches = essence === expected || (isJson(expected) && isJson(essence));
  if (!matches) return fail(`expected Content-Type ${route.contentType}, got ${sent}.`);
  try {
    if (isJson(essence)) {
      const text = await request.text();
      return text === '' ? undefined : JSON.parse(text);
    }
    if (essence.startsWith('text/')) return await request.text();
    if (essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data') {
      return entriesOf(await request.formData());
    }
    return await request.blob();
  } catch {
    return fail(`the body is not valid ${route.contentType}.`);
  }
}

/** Form fields as an object: one value as itself, repeated names as arrays. */
function entriesOf(form: FormData | URLSearchParams): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    values[key] = all.length === 1 ? all[0] : all;
  }
  return values;
}

/**
 * Validates `request` against `route` (`rawParams`: the matched segments, still encoded). Never
 * throws for bad input: every failing field is an issue.
 */
export async function readInput(
  route: RouteFacts,
  request: Request,
  rawParams: readonly string[],
): Promise<Read> {
  const issues: InputIssue[] = [];
  const decoded: Record<string, string | undefined> = {};
  route.segments
    .filter((segment) => segment.kind === 'param')
    .forEach((segment, index) => {
      const value = decode(rawParams[index]!);
      if (value === null)
        issues.push({ location: 'params', path: [segment.name], message: 'is not valid percent-encoding.' });
      else decoded[segment.name] = value;
    });
  // A param that did not decode has its issue already; the schema checks the others.
  const decodable = Object.fromEntries(Object.entries(route.params).filter(([name]) => name in decoded));
  const params = await checkFields(decodable, (name) => decoded[name], 'params', issues);

  // The URL is parsed only for routes with query fields.
  const search = Object.keys(route.query).length === 0 ? null : new URL(request.url).searchParams;
  const query =
    search === null
      ? {}
      : await checkFields(
          route.query,
          (name) => {
            const all = search.getAll(name);
            return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
          },
          'query',
          issues,
        );
  const headers = await checkFields(
    route.headers,
    (name) => request.headers.get(name) ?? undefined,
    'headers',
    issues,
  );

  let body: unknown;
  if (route.body !== null) {
    const bodyIssues: InputIssue[] = [];
    const raw = await readBody(route, request, bodyIssues);
    if (bodyIssues.length > 0) issues.push(...bodyIssues);
    else {
      const result = await validate(route.body, raw);
      if (result.ok) body = result.value;
      else
        for (const issue of result.issues)
          issues.push({ location: 'body', path: [...issue.path], message: issue.message });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, input: { params, query, headers, body } };
}
