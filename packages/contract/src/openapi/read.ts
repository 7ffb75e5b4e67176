// Reads an OpenAPI 3.0/3.1 document (already parsed, every $ref local) into the operations a
// browser client calls. Walks only paths, parameters, bodies, responses and security, never the
// schemas themselves, so a document of tens of MB reads in well under a second.
import type { JsonSchema } from '../schema.js';
import type {
  OpenApiCredential,
  OpenApiDescription,
  OpenApiMediaType,
  OpenApiNote,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
  OpenApiSecurityAlternative,
} from './description.js';
import { OpenApiError } from './errors.js';
import { below, deref, pointerOf } from './pointer.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
// OpenAPI: header parameters with these names SHALL be ignored (the body and security set them).
const IGNORED_HEADER_PARAMS = new Set(['accept', 'content-type', 'authorization']);

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A reader over one document: resolves $refs and records where it read past something. */
class Reader {
  readonly notes: OpenApiNote[] = [];
  private readonly schemes: Obj;

  constructor(readonly root: Obj) {
    const components = this.object(root.components ?? {}, '#/components');
    this.schemes = this.object(components.value.securitySchemes ?? {}, '#/components/securitySchemes').value;
  }

  note(pointer: string, message: string): void {
    this.notes.push({ pointer, message });
  }

  /** The object at `at` (following $refs), or an OpenApiError saying what is there instead. */
  object(value: unknown, at: string, what = 'an object'): { value: Obj; at: string } {
    const found = deref(this.root, value, at);
    if (!isObject(found.value)) {
      throw new OpenApiError(found.at, `expected ${what}, found ${describe(found.value)}.`);
    }
    return { value: found.value, at: found.at };
  }

  list(value: unknown, at: string, what: string): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value))
      throw new OpenApiError(at, `expected ${what} (a list), found ${describe(value)}.`);
    return value;
  }

  schema(value: unknown): JsonSchema {
    // Schemas are passed on as written ($refs inside them included): nothing here reads them.
    return isObject(value) ? (value as JsonSchema) : {};
  }

  servers(value: unknown, at: string, fallback: readonly string[]): readonly string[] {
    if (value === undefined) return fallback;
    const servers = this.list(value, at, 'servers').map((entry, index) => {
      const server = this.object(entry, below(at, index), 'a Server Object ({ url })');
      const url = server.value.url;
      if (typeof url !== 'string')
        throw new OpenApiError(below(server.at, 'url'), `expected a URL, found ${describe(url)}.`);
      return url.replace(/\{([^}]*)\}/g, (whole, name: string) => {
        const variables = isObject(server.value.variables) ? server.value.variables : {};
        const variable = variables[name];
        if (isObject(variable) && typeof variable.default === 'string') return variable.default;
        this.note(below(server.at, 'url'), `the server variable {${name}} has no default: left as written.`);
        return whole;
      });
    });
    return servers.length > 0 ? servers : fallback;
  }

  parameters(value: unknown, at: string): Map<string, { in: string; parameter: OpenApiParameter }> {
    const found = new Map<string, { in: string; parameter: OpenApiParameter }>();
    this.list(value, at, 'parameters').forEach((entry, index) => {
      const { value: parameter, at: where } = this.object(entry, below(at, index), 'a Parameter Object');
      const { name, in: location } = parameter;
      if (typeof name !== 'string' || name === '') {
        throw new OpenApiError(where, `a parameter needs a "name", found ${describe(name)}.`);
      }
      if (location !== 'path' && location !== 'query' && location !== 'header' && location !== 'cookie') {
        throw new OpenApiError(
          where,
          `the parameter ${JSON.stringify(name)} has "in": ${describe(location)}; expected path, query, header or cookie.`,
        );
      }
      const key = location === 'header' ? name.toLowerCase() : name;
      // Content-based parameters (`content` instead of `schema`) carry their schema in the media type.
      let schema = parameter.schema;
      if (schema === undefined && isObject(parameter.content)) {
        const first = Object.values(parameter.content)[0];
        if (isObject(first)) schema = first.schema;
      }
      found.set(`${location} ${key}`, {
        in: location,
        parameter: {
          name: key,
          required: location === 'path' || parameter.required === true,
          schema: this.schema(schema),
          pointer: where,
        },
      });
    });
    return found;
  }

  security(value: unknown, at: string): OpenApiSecurityAlternative[] {
    return this.list(value, at, 'security requirements').map((entry, index) => {
      const requirement = this.object(entry, below(at, index), 'a Security Requirement Object');
      return Object.keys(requirement.value).flatMap((name): OpenApiCredential[] => {
        const credential = this.credential(name, below(requirement.at, name));
        return credential === null ? [] : [credential];
      });
    });
  }

  credential(name: string, at: string): OpenApiCredential | null {
    if (!Object.hasOwn(this.schemes, name)) {
      throw new OpenApiError(
        at,
        `the security scheme ${JSON.stringify(name)} is not in #/components/securitySchemes.`,
      );
    }
    const { value: scheme, at: where } = this.object(
      this.schemes[name],
      below('#/components/securitySchemes', name),
      'a Security Scheme Object',
    );
    const type = scheme.type;
    switch (type) {
      case 'apiKey': {
        const location = scheme.in;
        if (typeof scheme.name !== 'string' || scheme.name === '') {
          throw new OpenApiError(
            where,
            'an apiKey scheme needs the "name" of its header, query field or cookie.',
          );
        }
        if (location !== 'header' && location !== 'query' && location !== 'cookie') {
          throw new OpenApiError(
            where,
            `an apiKey scheme is "in" header, query or cookie, not ${describe(location)}.`,
          );
        }
        const field = location === 'header' ? scheme.name.toLowerCase() : scheme.name;
        return { scheme: name, type, in: location, field };
      }
      case 'http':
      case 'oauth2':
      case 'openIdConnect':
        // Bearer, Basic, Digest and the OAuth and OpenID Connect tokens all travel in Authorization.
        return { scheme: name, type, in: 'header', field: 'authorization' };
      case 'mutualTLS':
        return { scheme: name, type, in: 'tls', field: '' };
      default:
        this.note(where, `the security scheme type ${describe(type)} is unknown: ignored.`);
        return null;
    }
  }

  content(value: unknown, at: string): OpenApiMediaType[] {
    if (value === undefined) return [];
    const content = this.object(value, at, 'a map of media types');
    return Object.entries(content.value).map(([type, media]) => {
      const entry = this.object(media, below(content.at, type), 'a Media Type Object');
      return { type, schema: this.schema(entry.value.schema) };
    });
  }

  responses(value: unknown, at: string): OpenApiResponse[] {
    if (value === undefined) return [];
    const responses = this.object(value, at, 'a Responses Object');
    return Object.entries(responses.value).flatMap(([status, entry]) => {
      if (status.startsWith('x-')) return [];
      const { value: response, at: where } = this.object(
        entry,
        below(responses.at, status),
        'a Response Object',
      );
      const headers: OpenApiParameter[] = [];
      if (response.headers !== undefined) {
        const map = this.object(response.headers, below(where, 'headers'), 'a map of headers');
        for (const [name, header] of Object.entries(map.value)) {
          const found = this.object(header, below(map.at, name), 'a Header Object');
          headers.push({
            name: name.toLowerCase(),
            required: found.value.required === true,
            schema: this.schema(found.value.schema),
            pointer: found.at,
          });
        }
      }
      return [
        {
          status,
          description: optionalString(response.description),
          headers,
          content: this.content(response.content, below(where, 'content')),
        },
      ];
    });
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
}

/**
 * Reads an OpenAPI 3.0 or 3.1 document (a parsed object whose `$ref`s are local) into its
 * operations: for each, what the browser request of a generated client carries (path, query,
 * header and cookie params, path-level ones merged; every security alternative, each credential
 * placed in a header, the query or a cookie; the body's media types) and its responses per status.
 * Throws an {@link OpenApiError} naming the place (a JSON pointer) when the document cannot be read.
 */
export function readOpenApi(document: unknown): OpenApiDescription {
  if (!isObject(document))
    throw new OpenApiError('#', `an OpenAPI document is an object, found ${describe(document)}.`);
  const version = document.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    const swagger = typeof document.swagger === 'string';
    throw new OpenApiError(
      '#/openapi',
      swagger
        ? `this is a Swagger ${document.swagger} document: convert it to OpenAPI 3 first (swagger2openapi, or @scalar/openapi-upgrader).`
        : `expected an OpenAPI version "3.0.x" or "3.1.x", found ${describe(version)}.`,
    );
  }
  const reader = new Reader(document);
  const info = isObject(document.info) ? document.info : {};
  const servers = reader.servers(document.servers, '#/servers', []);
  const globalSecurity = reader.security(document.security, '#/security');
  const operations: OpenApiOperation[] = [];
  const names = new Set<string>();
  const paths =
    document.paths === undefined ? { value: {}, at: '#/paths' } : reader.object(document.paths, '#/paths');

  for (const [path, entry] of Object.entries(paths.value)) {
    if (path.startsWith('x-')) continue;
    const { value: item, at: itemAt } = reader.object(
      entry,
      pointerOf(['paths', path]),
      'a Path Item Object',
    );
    if (!path.startsWith('/')) throw new OpenApiError(itemAt, 'a path starts with "/".');
    const shared = reader.parameters(item.parameters, below(itemAt, 'parameters'));
    const pathServers = reader.servers(item.servers, below(itemAt, 'servers'), servers);
    // In the document's order (keys of a Path Item that are methods).
    for (const method of Object.keys(item).filter((key): key is (typeof METHODS)[number] =>
      (METHODS as readonly string[]).includes(key),
    )) {
      const { value: op, at } = reader.object(item[method], below(itemAt, method), 'an Operation Object');
      const parameters = new Map([...shared, ...reader.parameters(op.parameters, below(at, 'parameters'))]);
      const params: OpenApiParameter[] = [];
      const query: OpenApiParameter[] = [];
      const headers: OpenApiParameter[] = [];
      const cookies: OpenApiParameter[] = [];
      for (const { in: location, parameter } of parameters.values()) {
        if (location === 'path') params.push(parameter);
        else if (location === 'query') query.push(parameter);
        else if (location === 'cookie') cookies.push(parameter);
        else if (IGNORED_HEADER_PARAMS.has(parameter.name)) {
          reader.note(
            parameter.pointer,
            `the header parameter ${parameter.name} is ignored, as OpenAPI says (the body or the security sets it).`,
          );
        } else headers.push(parameter);
      }
      for (const name of path.match(/\{[^}]*\}/g) ?? []) {
        const param = name.slice(1, -1);
        if (!params.some((p) => p.name === param)) {
          throw new OpenApiError(
            at,
            `the path ${path} has {${param}} but no path parameter named ${JSON.stringify(param)}.`,
          );
        }
      }
      let body: OpenApiOperation['body'] = null;
      if (op.requestBody !== undefined) {
        const requestBody = reader.object(op.requestBody, below(at, 'requestBody'), 'a Request Body Object');
        body = {
          required: requestBody.value.required === true,
          content: reader.content(requestBody.value.content, below(requestBody.at, 'content')),
        };
      }
      const operationId = optionalString(op.operationId);
      let name = operationId ?? `${method.toUpperCase()} ${path}`;
      if (names.has(name)) {
        reader.note(
          at,
          `the operationId ${JSON.stringify(name)} is used twice: this one is named ${JSON.stringify(`${method.toUpperCase()} ${path}`)}.`,
        );
        name = `${method.toUpperCase()} ${path}`;
      }
      names.add(name);
      operations.push({
        name,
        operationId,
        method: method.toUpperCase(),
        path,
        pointer: at,
        servers: reader.servers(op.servers, below(at, 'servers'), pathServers),
        params,
        query,
        headers,
        cookies,
        security:
          op.security === undefined ? globalSecurity : reader.security(op.security, below(at, 'security')),
        body,
        responses: reader.responses(op.responses, below(at, 'responses')),
        summary: optionalString(op.summary),
        deprecated: op.deprecated === true,
      });
    }
  }
  return {
    version,
    info: {
      ...(typeof info.title === 'string' ? { title: info.title } : {}),
      ...(typeof info.version === 'string' ? { version: info.version } : {}),
      ...(typeof info.description === 'string' ? { description: info.description } : {}),
    },
    servers,
    operations,
    notes: reader.notes,
  };
}
