// A contract from a third-party OpenAPI document: each operation becomes a route (named by its
// operationId), carrying what its client call sends, so that prediction and warnings know each
// operation's declared headers and security. What a contract cannot say is skipped, with a note.
import { isToken, mimeEssence } from '@corskit/core';
import type { Api } from '../api.js';
import { defineApi } from '../define.js';
import type { CorsOptions, Method, ResponseDefinition, RouteDefinition } from '../definition.js';
import { parsePath } from '../path.js';
import { droppedBy } from '../route.js';
import { type Fields, type Schema, type } from '../schema.js';
import type { OpenApiNote, OpenApiOperation, OpenApiParameter } from './description.js';
import { below } from './pointer.js';
import { readOpenApi } from './read.js';

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = 'application/json';

/** fromOpenApi's options. */
export interface FromOpenApiOptions {
  /** The contract's CORS settings (the document does not say them); default `{ origins: '*' }`. */
  readonly cors?: CorsOptions;
  /** Called for each thing of the document the contract cannot say (the route or part is skipped). */
  readonly onNote?: (note: OpenApiNote) => void;
}

function marker(schema: object): Schema {
  return type<unknown>(schema as Record<string, unknown>);
}

function fields(parameters: readonly OpenApiParameter[]): Fields {
  return Object.fromEntries(parameters.map((parameter) => [parameter.name, marker(parameter.schema)]));
}

/** `/items/{id}` as a contract template, `/items/:id`, or null when a contract cannot say it. */
function templateOf(path: string): string | null {
  const template = path.replace(/\{([^}]*)\}/g, ':$1');
  const { problems } = parsePath(template);
  // Each {param} must fill a whole segment, and its name must be a contract param name.
  return problems.length === 0 && !/[^/]:|:[^/]*:/.test(template) ? template : null;
}

/** The route an operation becomes, or the reason it cannot be one. */
function routeOf(
  operation: OpenApiOperation,
  note: (at: string, message: string) => void,
): RouteDefinition | null {
  const { method, pointer } = operation;
  if (!METHODS.has(method)) {
    note(
      pointer,
      `${method} is not a method a contract route has (browsers preflight it for every call): skipped.`,
    );
    return null;
  }
  const path = templateOf(operation.path);
  if (path === null) {
    note(
      pointer,
      `the path ${operation.path} has a parameter that is not a whole segment named with letters, digits and _: skipped.`,
    );
    return null;
  }
  const responses: Record<number, ResponseDefinition> = {};
  for (const response of operation.responses) {
    if (!/^[1-5]\d\d$/.test(response.status)) {
      note(
        below(pointer, 'responses', response.status),
        `the status ${response.status} is not one number: left out of the route.`,
      );
      continue;
    }
    const headers = response.headers.filter((header) => isToken(header.name));
    const media = response.content.find((entry) => mimeEssence(entry.type) !== null);
    responses[Number(response.status)] = {
      ...(media === undefined ? {} : { body: marker(media.schema), contentType: media.type }),
      ...(headers.length === 0 ? {} : { headers: fields(headers) }),
      ...(response.description === undefined ? {} : { description: response.description }),
    };
  }
  if (Object.keys(responses).length === 0) {
    note(pointer, 'the operation declares no numeric status (only default or ranges): skipped.');
    return null;
  }

  // The call a generated client makes: the first security alternative, settable headers only.
  const credentials = operation.security[0] ?? [];
  const headers: OpenApiParameter[] = [];
  for (const header of operation.headers) {
    if (!isToken(header.name) || droppedBy(header.name) !== null) {
      note(
        header.pointer,
        `the header ${header.name} is one scripts cannot set (browsers drop it): left out.`,
      );
    } else headers.push(header);
  }
  const query = [...operation.query];
  for (const credential of credentials) {
    const param = { name: credential.field, required: true, schema: { type: 'string' }, pointer };
    if (credential.in === 'header' && !headers.some((header) => header.name === credential.field))
      headers.push(param);
    if (credential.in === 'query' && !query.some((field) => field.name === credential.field))
      query.push(param);
  }
  const sendsCookies =
    operation.cookies.length > 0 || credentials.some((credential) => credential.in === 'cookie');

  let body: Pick<RouteDefinition, 'body' | 'contentType'> = {};
  if (operation.body !== null) {
    const { content } = operation.body;
    const media =
      content.find((entry) => mimeEssence(entry.type) === JSON_TYPE) ??
      content.find((entry) => mimeEssence(entry.type) !== null);
    if (method === 'GET' || method === 'HEAD') {
      note(
        below(pointer, 'requestBody'),
        `a ${method} request has no body (fetch() throws): the body is left out.`,
      );
    } else if (media !== undefined) {
      body = { body: marker(media.schema), contentType: media.type };
    } else {
      body = { body: marker({}) };
    }
  }
  return {
    method: method as Method,
    path,
    ...(operation.params.length === 0 ? {} : { params: fields(operation.params) }),
    ...(query.length === 0 ? {} : { query: fields(query) }),
    ...(headers.length === 0 ? {} : { headers: fields(headers) }),
    ...body,
    responses,
    ...(sendsCookies ? { credentials: true } : {}),
    ...(operation.summary === undefined ? {} : { summary: operation.summary }),
  };
}

/**
 * A contract from an OpenAPI 3.0 or 3.1 document (a parsed object; every `$ref` local): one route
 * per operation, named by its operationId (`METHOD /path` without one), with its path, query and
 * header params, the first security alternative's credentials (an apiKey header or query field,
 * `authorization` for http, OAuth 2 and OpenID Connect, cookies as `credentials: true`), the body's
 * media type (JSON when offered) and the responses per status. The schemas become type markers that
 * carry the document's JSON Schemas. Operations a contract cannot say (OPTIONS and TRACE, a
 * parameter inside a segment, only `default` responses) are skipped and reported to `onNote`.
 * Throws an {@link OpenApiError} naming the place when the document cannot be read.
 */
export function fromOpenApi(document: unknown, options: FromOpenApiOptions = {}): Api {
  const description = readOpenApi(document);
  const notes: OpenApiNote[] = [...description.notes];
  const note = (at: string, message: string) => notes.push({ pointer: at, message });
  const routes: Record<string, RouteDefinition> = {};
  for (const operation of description.operations) {
    const route = routeOf(operation, note);
    if (route !== null) routes[operation.name] = route;
  }
  for (const each of notes) options.onNote?.(each);
  return defineApi({
    cors: options.cors ?? { origins: '*' },
    routes,
    info: description.info,
    // biome-ignore lint/suspicious/noExplicitAny: a document's routes are known only at run time.
  } as any) as Api;
}
