// fromOpenApi and readOpenApi on small documents written for each feature: params (path-level and
// operation-level), every security scheme kind, bodies, responses, servers, OpenAPI 3.0 and 3.1,
// and the errors a bad document gets (each naming its place as a JSON pointer).
import { fromOpenApi, OpenApiError, readOpenApi } from '@corskit/contract';
import { describe, expect, it } from 'vitest';

function document(overrides: Record<string, unknown> = {}) {
  return {
    openapi: '3.1.0',
    info: { title: 'Shop', version: '2' },
    servers: [
      {
        url: 'https://{region}.shop.example/{base}',
        variables: { region: { default: 'eu' }, base: { default: 'v2' } },
      },
    ],
    components: {
      securitySchemes: {
        headerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
        cookieKey: { type: 'apiKey', in: 'cookie', name: 'session' },
        bearer: { type: 'http', scheme: 'bearer' },
        basic: { type: 'http', scheme: 'basic' },
        oauth: { type: 'oauth2', flows: {} },
        oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example/.well-known' },
        tls: { type: 'mutualTLS' },
      },
      parameters: {
        Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        Trace: { $ref: '#/components/parameters/TraceTarget' },
        TraceTarget: { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
      },
      requestBodies: {
        Item: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      },
      responses: {
        Item: {
          description: 'the item',
          headers: {
            ETag: { schema: { type: 'string' } },
            'X-Rate-Limit': { $ref: '#/components/headers/Rate' },
          },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
        },
      },
      headers: { Rate: { schema: { type: 'integer' }, required: true } },
      schemas: { Item: { type: 'object', properties: { id: { type: 'string' } } } },
    },
    security: [{ headerKey: [] }, { queryKey: [] }],
    paths: {
      '/items': {
        get: {
          operationId: 'listItems',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer' } },
            { name: 'Accept', in: 'header', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'ok', headers: { 'X-Total-Count': { schema: { type: 'integer' } } } },
          },
        },
        post: {
          operationId: 'createItem',
          security: [{ bearer: [] }],
          requestBody: {
            content: {
              'text/plain': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object' } },
            },
          },
          responses: { '201': { $ref: '#/components/responses/Item' }, default: { description: 'error' } },
        },
      },
      '/items/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }, { $ref: '#/components/parameters/Trace' }],
        get: {
          operationId: 'getItem',
          security: [{ basic: [] }],
          responses: { '200': { $ref: '#/components/responses/Item' } },
        },
        put: {
          operationId: 'replaceItem',
          security: [{ oauth: [] }],
          parameters: [{ name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: { $ref: '#/components/requestBodies/Item' },
          responses: { '200': { description: 'ok' } },
        },
        patch: {
          operationId: 'patchItem',
          security: [{ oidc: [] }],
          responses: { '204': { description: 'ok' } },
        },
        delete: {
          operationId: 'deleteItem',
          security: [{ cookieKey: [] }, {}],
          servers: [{ url: 'https://admin.shop.example' }],
          responses: { '204': { description: 'gone' } },
        },
      },
      '/tls': { get: { security: [{ tls: [] }], responses: { '200': { description: 'ok' } } } },
      '/trace': { trace: { operationId: 'traceIt', responses: { '200': { description: 'ok' } } } },
    },
    ...overrides,
  };
}

describe('readOpenApi', () => {
  const description = readOpenApi(document());
  const op = (name: string) => description.operations.find((operation) => operation.name === name)!;

  it('reads every operation, named by operationId or by method and path', () => {
    expect(description.operations.map((operation) => operation.name)).toEqual([
      'listItems',
      'createItem',
      'getItem',
      'replaceItem',
      'patchItem',
      'deleteItem',
      'GET /tls',
      'traceIt',
    ]);
    expect(description.version).toBe('3.1.0');
    expect(description.info).toEqual({ title: 'Shop', version: '2' });
  });

  it('fills server variables with their defaults; an operation’s own servers win', () => {
    expect(description.servers).toEqual(['https://eu.shop.example/v2']);
    expect(op('getItem').servers).toEqual(['https://eu.shop.example/v2']);
    expect(op('deleteItem').servers).toEqual(['https://admin.shop.example']);
  });

  it('merges path-level params, the operation’s own overriding them, following $refs (also to $refs)', () => {
    expect(op('getItem').params.map((p) => p.name)).toEqual(['id']);
    expect(op('getItem').headers).toEqual([
      expect.objectContaining({
        name: 'x-trace',
        required: false,
        pointer: '#/components/parameters/TraceTarget',
      }),
    ]);
    expect(op('replaceItem').headers).toEqual([
      expect.objectContaining({
        name: 'x-trace',
        required: true,
        pointer: '#/paths/~1items~1{id}/put/parameters/0',
      }),
    ]);
  });

  it('ignores Accept, Content-Type and Authorization header params, as OpenAPI says, with a note', () => {
    expect(op('listItems').headers).toEqual([]);
    expect(op('listItems').query.map((p) => p.name)).toEqual(['limit']);
    expect(description.notes).toContainEqual({
      pointer: '#/paths/~1items/get/parameters/1',
      message: expect.stringContaining('accept is ignored'),
    });
  });

  it('places every security scheme kind where the browser sends it', () => {
    const where = (name: string) =>
      op(name).security.map((alternative) => alternative.map((c) => `${c.in}:${c.field}`));
    expect(where('listItems')).toEqual([['header:x-api-key'], ['query:api_key']]); // the document's default
    expect(where('createItem')).toEqual([['header:authorization']]); // http bearer
    expect(where('getItem')).toEqual([['header:authorization']]); // http basic
    expect(where('replaceItem')).toEqual([['header:authorization']]); // oauth2
    expect(where('patchItem')).toEqual([['header:authorization']]); // openIdConnect
    expect(where('deleteItem')).toEqual([['cookie:session'], []]); // a cookie, or nothing at all
    expect(where('GET /tls')).toEqual([['tls:']]);
  });

  it('reads bodies (through a $ref) and responses with their headers', () => {
    expect(op('createItem').body?.content.map((m) => m.type)).toEqual(['text/plain', 'application/json']);
    expect(op('replaceItem').body).toEqual({
      required: true,
      content: [{ type: 'application/json', schema: { type: 'object' } }],
    });
    const [ok] = op('getItem').responses;
    expect(ok?.headers.map((h) => [h.name, h.required])).toEqual([
      ['etag', false],
      ['x-rate-limit', true],
    ]);
    expect(ok?.content).toEqual([
      { type: 'application/json', schema: { $ref: '#/components/schemas/Item' } },
    ]);
    expect(op('createItem').responses.map((r) => r.status)).toEqual(['201', 'default']);
  });

  it('reads OpenAPI 3.0 documents the same way', () => {
    const old = readOpenApi(document({ openapi: '3.0.3' }));
    expect(old.operations).toEqual(description.operations);
  });
});

describe('fromOpenApi', () => {
  const notes: string[] = [];
  const api = fromOpenApi(document(), { onNote: (note) => notes.push(`${note.pointer}: ${note.message}`) });

  it('makes one route per operation a contract can say, with its params, headers and body', () => {
    expect(Object.keys(api.routes)).toEqual([
      'listItems',
      'createItem',
      'getItem',
      'replaceItem',
      'patchItem',
      'deleteItem',
      'GET /tls',
    ]);
    expect(api.facts.getItem).toMatchObject({ method: 'GET', path: '/items/:id' });
    expect(Object.keys(api.facts.getItem!.headers)).toEqual(['x-trace', 'authorization']);
    expect(Object.keys(api.facts.listItems!.headers)).toEqual(['x-api-key']);
    expect(api.facts.createItem!.contentType).toBe('application/json'); // JSON when offered
    expect(api.facts.deleteItem!.credentials).toBe(true); // the cookie
    expect(Object.keys(api.facts.getItem!.responses[200]!.headers)).toEqual(['etag', 'x-rate-limit']);
    expect(notes).toContainEqual(expect.stringContaining('#/paths/~1trace/trace: TRACE is not a method'));
    expect(notes).toContainEqual(expect.stringContaining('the status default is not one number'));
  });

  it('knows each operation’s preflight from its declared headers and security', () => {
    expect(api.facts.listItems!.preflight.reasons).toEqual(['header-not-safelisted']);
    expect(api.facts.createItem!.preflight.reasons).toEqual([
      'content-type-not-safelisted',
      'header-not-safelisted',
    ]);
    // The path-level X-Trace header is declared (optional): a contract route sends what it declares.
    expect(api.facts.deleteItem!.preflight.reasons).toEqual([
      'header-not-safelisted',
      'method-not-safelisted',
    ]);
    expect(api.facts['GET /tls']!.preflight.preflight).toBe(false);
    // listItems' X-Total-Count and createItem's 201 (the shared Item response: ETag, X-Rate-Limit).
    expect(api.cors.paths.find((path) => path.path === '/items')?.exposeHeaders).toEqual([
      'etag',
      'x-rate-limit',
      'x-total-count',
    ]);
  });

  it('takes the CORS settings the document cannot say', () => {
    const own = fromOpenApi(document(), { cors: { origins: ['https://app.example'], maxAge: 60 } });
    expect(own.cors.origins).toEqual(['https://app.example']);
    expect(own.cors.maxAge).toBe(60);
  });

  it('skips a parameter inside a segment, and header params scripts cannot set', () => {
    const skipped: string[] = [];
    const only = fromOpenApi(
      {
        openapi: '3.0.0',
        info: {},
        paths: {
          '/files/{name}.json': {
            get: {
              parameters: [{ name: 'name', in: 'path', required: true }],
              responses: { '200': { description: '' } },
            },
          },
          '/me': {
            get: {
              parameters: [{ name: 'User-Agent', in: 'header' }],
              responses: { '200': { description: '' } },
            },
          },
        },
      },
      { onNote: (note) => skipped.push(note.message) },
    );
    expect(Object.keys(only.routes)).toEqual(['GET /me']);
    expect(only.facts['GET /me']!.headers).toEqual({});
    expect(skipped).toEqual([
      expect.stringContaining('the path /files/{name}.json has a parameter that is not a whole segment'),
      expect.stringContaining('user-agent is one scripts cannot set'),
    ]);
  });
});

describe('unreadable documents', () => {
  function failure(value: unknown): OpenApiError {
    try {
      readOpenApi(value);
    } catch (error) {
      if (error instanceof OpenApiError) return error;
      throw error;
    }
    throw new Error('no error');
  }
  const withPath = (item: unknown) => ({ openapi: '3.0.0', info: {}, paths: { '/x': item } });

  it.each([
    ['not an object', 'openapi: 3.0.0', '#', 'an OpenAPI document is an object'],
    ['Swagger 2', { swagger: '2.0' }, '#/openapi', 'Swagger 2.0 document: convert it to OpenAPI 3'],
    ['no version', { info: {} }, '#/openapi', 'expected an OpenAPI version'],
    ['paths a list', { openapi: '3.0.0', paths: [] }, '#/paths', 'expected an object, found a list'],
    [
      'a $ref to nothing',
      withPath({ get: { parameters: [{ $ref: '#/components/parameters/Nope' }], responses: {} } }),
      '#/paths/~1x/get/parameters/0',
      'points at nothing: "components" does not exist',
    ],
    [
      'a $ref loop',
      { ...withPath({ $ref: '#/components/x' }), components: { x: { $ref: '#/paths/~1x' } } },
      '#/paths/~1x',
      'refers to itself in a loop',
    ],
    [
      'a $ref to another file',
      withPath({ $ref: 'other.yaml#/x' }),
      '#/paths/~1x',
      'points into another file',
    ],
    [
      'a parameter "in" body',
      withPath({ get: { parameters: [{ name: 'b', in: 'body' }], responses: {} } }),
      '#/paths/~1x/get/parameters/0',
      '"in": string "body"',
    ],
    [
      'a path param not declared',
      { openapi: '3.0.0', paths: { '/x/{id}': { get: { responses: {} } } } },
      '#/paths/~1x~1{id}/get',
      'no path parameter named "id"',
    ],
    [
      'an unknown security scheme',
      withPath({ get: { security: [{ nope: [] }], responses: {} } }),
      '#/paths/~1x/get/security/0/nope',
      'is not in #/components/securitySchemes',
    ],
    [
      'an apiKey without a name',
      {
        ...withPath({ get: { security: [{ key: [] }], responses: {} } }),
        components: { securitySchemes: { key: { type: 'apiKey', in: 'header' } } },
      },
      '#/components/securitySchemes/key',
      'needs the "name"',
    ],
    [
      'a server without a url',
      { openapi: '3.1.0', servers: [{}], paths: {} },
      '#/servers/0/url',
      'expected a URL, found nothing',
    ],
  ])('%s: an OpenApiError at its JSON pointer', (_, value, pointer, message) => {
    const error = failure(value);
    expect(error.pointer).toBe(pointer);
    expect(error.message).toBe(`${pointer}: ${error.message.slice(pointer.length + 2)}`);
    expect(error.message).toContain(message);
  });

  it('fromOpenApi throws the same error', () => {
    expect(() => fromOpenApi({ swagger: '2.0' })).toThrow(OpenApiError);
  });
});
