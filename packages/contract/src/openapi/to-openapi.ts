// toOpenApi: the contract as an OpenAPI 3.1 document. Schemas go through a JSON Schema converter
// where one exists (Standard JSON Schema, which zod implements; or the `jsonSchema` option, for
// valibot's @valibot/to-json-schema and the like); the derived CORS goes in `x-cors`.
import type { Api } from '../api.js';
import type { PathCors, ResponseFacts, RouteFacts } from '../facts.js';
import { isStandardSchema, isTypeMarker, type JsonSchema, type Schema } from '../schema.js';

/** Options of {@link toOpenApi}. */
export interface OpenApiOptions {
  /**
   * A JSON Schema for a schema that has none of its own (neither Standard JSON Schema nor a
   * marker's `jsonSchema`): `(schema) => toJsonSchema(schema)` with @valibot/to-json-schema.
   * Return undefined to leave it open (`{}`).
   */
  jsonSchema?: (schema: Schema, io: 'input' | 'output') => JsonSchema | undefined;
  /** Server URLs for the document's `servers`. */
  servers?: readonly string[];
}

/** An OpenAPI 3.1 document, as plain JSON. */
export interface OpenApiDocument {
  /** The OpenAPI version. */
  readonly openapi: '3.1.0';
  /** `info`, `servers`, `paths` and the top-level `x-cors`. */
  readonly [key: string]: unknown;
}

interface StandardJsonSchema {
  readonly input: (options: { target: string }) => JsonSchema;
  readonly output: (options: { target: string }) => JsonSchema;
}

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/** A schema's JSON Schema, by the first converter that has one. */
function jsonSchemaOf(schema: Schema, io: 'input' | 'output', options: OpenApiOptions): JsonSchema {
  if (isTypeMarker(schema)) return schema.jsonSchema ?? {};
  if (isStandardSchema(schema)) {
    const standard = (schema['~standard'] as { jsonSchema?: StandardJsonSchema }).jsonSchema;
    if (standard !== undefined) {
      try {
        return withoutDialect(standard[io]({ target: 'draft-2020-12' }));
      } catch {
        // Some schemas (transforms, say) have no JSON Schema in one direction: try the option.
      }
    }
  }
  const converted = options.jsonSchema?.(schema, io);
  return converted === undefined ? {} : withoutDialect(converted);
}

/** Whether a field may be left out: its schema accepts undefined (checked only where that is synchronous). */
function isOptional(schema: Schema): boolean {
  if (!isStandardSchema(schema)) return false;
  const result = schema['~standard'].validate(undefined);
  return !(result instanceof Promise) && result.issues === undefined;
}

const NOT_PARAMETERS = new Set(['content-type', 'accept', 'authorization']);

function paramNames(segments: PathCors['segments']): string[] {
  return segments.flatMap((segment) => (segment.kind === 'param' ? [segment.name] : []));
}

function parametersOf(route: RouteFacts, path: PathCors, options: OpenApiOptions): unknown[] {
  const parameters: unknown[] = [];
  // Routes at one path may name its params differently (`:id`, `:itemId`): the path's names win.
  const pathNames = paramNames(path.segments);
  paramNames(route.segments).forEach((own, index) => {
    const schema = route.params[own]!;
    parameters.push({
      name: pathNames[index],
      in: 'path',
      required: true,
      schema: jsonSchemaOf(schema, 'input', options),
    });
  });
  for (const [name, schema] of Object.entries(route.query)) {
    parameters.push({
      name,
      in: 'query',
      required: !isOptional(schema),
      schema: jsonSchemaOf(schema, 'input', options),
    });
  }
  for (const [name, schema] of Object.entries(route.headers)) {
    // OpenAPI describes these three elsewhere (the media type, security schemes).
    if (NOT_PARAMETERS.has(name)) continue;
    parameters.push({
      name,
      in: 'header',
      required: !isOptional(schema),
      schema: jsonSchemaOf(schema, 'input', options),
    });
  }
  return parameters;
}

function responseOf(
  status: number,
  response: ResponseFacts,
  options: OpenApiOptions,
): Record<string, unknown> {
  const described: Record<string, unknown> = { description: response.description ?? `${status}` };
  const headers = Object.entries(response.headers);
  if (headers.length > 0) {
    described['headers'] = Object.fromEntries(
      headers.map(([name, schema]) => [name, { schema: jsonSchemaOf(schema, 'output', options) }]),
    );
  }
  if (response.body !== null && response.contentType !== null) {
    described['content'] = {
      [response.contentType]: { schema: jsonSchemaOf(response.body, 'output', options) },
    };
  }
  return described;
}

function operationOf(route: RouteFacts, path: PathCors, options: OpenApiOptions): Record<string, unknown> {
  const operation: Record<string, unknown> = { operationId: route.name };
  if (route.summary !== undefined) operation['summary'] = route.summary;
  const parameters = parametersOf(route, path, options);
  if (parameters.length > 0) operation['parameters'] = parameters;
  if (route.body !== null && route.contentType !== null) {
    operation['requestBody'] = {
      required: !isOptional(route.body),
      content: { [route.contentType]: { schema: jsonSchemaOf(route.body, 'input', options) } },
    };
  }
  operation['responses'] = Object.fromEntries(
    Object.entries(route.responses).map(([status, response]) => [
      status,
      responseOf(Number(status), response, options),
    ]),
  );
  const { preflight, reasons, cachedPerUrl, requestHeaders } = route.preflight;
  operation['x-cors'] = {
    credentials: route.credentials,
    preflight,
    reasons,
    cachedPerUrl,
    requestHeaders,
    ...(route.progress === null ? {} : { progress: route.progress }),
    ...(route.unreadableHeaders.length > 0 ? { unreadableHeaders: route.unreadableHeaders } : {}),
  };
  return operation;
}

/** `/items/:id` as OpenAPI writes it: `/items/{id}`. */
function openApiPath(path: PathCors): string {
  if (path.segments.length === 0) return '/';
  return `/${path.segments.map((segment) => (segment.kind === 'param' ? `{${segment.name}}` : segment.text)).join('/')}`;
}

/**
 * The contract as an OpenAPI 3.1 document: one operation per route (`operationId` = the route's
 * name), schemas as JSON Schema, and the derived CORS in `x-cors` (per path: methods, request and
 * exposed headers, credentials; per operation: whether the call preflights and why; at the top:
 * origins and max-age).
 */
export function toOpenApi(api: Api, options: OpenApiOptions = {}): OpenApiDocument {
  const facts = api.facts as Readonly<Record<string, RouteFacts>>;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const path of api.cors.paths) {
    const item: Record<string, unknown> = {
      'x-cors': {
        methods: path.methods,
        requestHeaders: path.requestHeaders,
        exposeHeaders: path.exposeHeaders,
        credentials: path.credentials,
      },
    };
    for (const name of path.routes) {
      const route = facts[name]!;
      item[route.method.toLowerCase()] = operationOf(route, path, options);
    }
    paths[openApiPath(path)] = item;
  }
  const info = api.info ?? {};
  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? 'API',
      version: info.version ?? '0.0.0',
      ...(info.description === undefined ? {} : { description: info.description }),
    },
    ...(options.servers === undefined ? {} : { servers: options.servers.map((url) => ({ url })) }),
    paths,
    'x-cors': {
      origins: api.cors.origins,
      ...(api.cors.maxAge === undefined ? {} : { maxAge: api.cors.maxAge }),
      privateNetworkAccess: api.cors.privateNetworkAccess,
    },
  };
}
