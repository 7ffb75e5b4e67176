// One route's definition checked and normalized. Problems are collected, never thrown, so that
// defineApi can list every one at once.
import { ENGINES, engineProfile, isForbiddenRequestHeader, isToken, mimeEssence } from '@corskit/core';
import type { Method, Progress, ResponseSpec, RouteDefinition } from './definition.js';
import { show } from './errors.js';
import type { ResponseFacts, RouteFacts } from './facts.js';
import { parsePath } from './path.js';
import { preflightOfCall } from './preflight.js';
import { type Fields, isSchema, type Schema } from './schema.js';

const METHODS: readonly Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const PROGRESS: readonly Progress[] = ['download', 'upload', 'both'];
const JSON_TYPE = 'application/json';
const UNREADABLE = new Set(['set-cookie', 'set-cookie2']);

/** Every header any engine drops when a script sets it. */
export function droppedBy(name: string): string | null {
  if (isForbiddenRequestHeader(name, '')) return 'every browser';
  for (const engine of ENGINES) if (engineProfile(engine).extraForbidden.has(name)) return engine;
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isSchema(value);
}

/** A record of schemas; header names lowercased and checked as tokens. */
function fieldsOf(
  value: unknown,
  what: string,
  problems: string[],
  kind: 'plain' | 'request-header' | 'response-header',
): Fields {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    problems.push(`${what} is a record of schemas by name (like { id: z.string() }), not ${show(value)}.`);
    return {};
  }
  const fields: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(value)) {
    if (!isSchema(schema)) {
      problems.push(`${what}.${name} is not a Standard Schema (zod, valibot, arktype, ...) or type<T>().`);
    }
    if (kind === 'plain') {
      fields[name] = schema as Schema;
      continue;
    }
    const lower = name.toLowerCase();
    if (!isToken(name)) problems.push(`${what}: ${show(name)} is not a header name (an HTTP token).`);
    else if (lower in fields)
      problems.push(`${what}: the header ${lower} is declared twice (names are case-insensitive).`);
    if (kind === 'request-header') {
      const dropper = droppedBy(lower);
      if (dropper !== null) {
        problems.push(
          `${what}: ${name} is a header scripts cannot set (${dropper} drops it silently, while Node tests pass); send it another way${lower === 'cookie' ? ' (cookies go with credentials: true)' : ''}.`,
        );
      }
    }
    fields[lower] = schema as Schema;
  }
  return Object.freeze(fields);
}

function mediaType(value: unknown, what: string, problems: string[]): string {
  if (value === undefined) return JSON_TYPE;
  if (typeof value !== 'string' || mimeEssence(value) === null) {
    problems.push(`${what} is a media type such as "application/json", not ${show(value)}.`);
    return JSON_TYPE;
  }
  return value;
}

function responseOf(spec: ResponseSpec | unknown, what: string, problems: string[]): ResponseFacts {
  if (isSchema(spec)) {
    return Object.freeze({ body: spec, headers: {}, contentType: JSON_TYPE, description: undefined });
  }
  if (!isPlainObject(spec)) {
    problems.push(`${what} is a body schema or { body?, headers?, contentType? }, not ${show(spec)}.`);
    return { body: null, headers: {}, contentType: null, description: undefined };
  }
  const body = spec.body === undefined ? null : (spec.body as Schema);
  if (body !== null && !isSchema(body)) problems.push(`${what}.body is not a Standard Schema or type<T>().`);
  const headers = fieldsOf(spec.headers, `${what}.headers`, problems, 'response-header');
  const contentType = body === null ? null : mediaType(spec.contentType, `${what}.contentType`, problems);
  const description = typeof spec.description === 'string' ? spec.description : undefined;
  return Object.freeze({ body, headers, contentType, description });
}

/** Responses by status, each status checked. */
export function responsesOf(value: unknown, what: string, problems: string[]): Record<number, ResponseFacts> {
  const responses: Record<number, ResponseFacts> = {};
  if (value === undefined) return responses;
  if (!isPlainObject(value)) {
    problems.push(`${what} is an object of responses by status (like { 200: Item }), not ${show(value)}.`);
    return responses;
  }
  for (const [key, spec] of Object.entries(value)) {
    const status = Number(key);
    if (!/^\d{3}$/.test(key) || status < 100 || status > 599) {
      problems.push(`${what}: ${show(key)} is not an HTTP status (an integer from 100 to 599).`);
      continue;
    }
    responses[status] = responseOf(spec, `${what}[${key}]`, problems);
  }
  return responses;
}

/** Checks and normalizes one route; pushes its problems. */
export function routeOf(
  name: string,
  definition: RouteDefinition | unknown,
  shared: Readonly<Record<number, ResponseFacts>>,
  apiCredentials: boolean,
  problems: string[],
): RouteFacts | null {
  const at = `routes.${name}`;
  if (!isPlainObject(definition)) {
    problems.push(`${at} is a route ({ method, path, responses, ... }), not ${show(definition)}.`);
    return null;
  }
  const route = definition as Partial<RouteDefinition> & Record<string, unknown>;
  const method = route.method as Method;
  if (!METHODS.includes(method)) {
    problems.push(`${at}.method is one of ${METHODS.join(', ')} (uppercase), not ${show(route.method)}.`);
  }
  const parsed = parsePath(route.path);
  for (const problem of parsed.problems) problems.push(`${at}.path ${show(route.path)}: ${problem}`);
  const inPath = parsed.segments.flatMap((segment) => (segment.kind === 'param' ? [segment.name] : []));
  const params = fieldsOf(route.params, `${at}.params`, problems, 'plain');
  for (const param of inPath) {
    if (!(param in params)) problems.push(`${at}: the path param :${param} has no schema in params.`);
  }
  for (const param of Object.keys(params)) {
    if (!inPath.includes(param))
      problems.push(`${at}.params.${param} is not a :${param} segment of the path.`);
  }
  const query = fieldsOf(route.query, `${at}.query`, problems, 'plain');
  const headers = fieldsOf(route.headers, `${at}.headers`, problems, 'request-header');

  const body = route.body === undefined ? null : (route.body as Schema);
  if (body !== null && !isSchema(body)) problems.push(`${at}.body is not a Standard Schema or type<T>().`);
  if (body !== null && (method === 'GET' || method === 'HEAD')) {
    problems.push(
      `${at}: a ${method} request has no body (fetch() throws); use POST or move the fields to query.`,
    );
  }
  if (body === null && route.contentType !== undefined)
    problems.push(`${at}.contentType is set but the route has no body.`);
  const contentType = body === null ? null : mediaType(route.contentType, `${at}.contentType`, problems);

  const own = responsesOf(route.responses, `${at}.responses`, problems);
  if (route.responses === undefined || Object.keys(own).length === 0) {
    if (route.responses === undefined || isPlainObject(route.responses)) {
      problems.push(`${at}.responses declares no status; declare at least the success (like { 200: Item }).`);
    }
  }
  const responses = Object.freeze({ ...shared, ...own });

  if (route.credentials !== undefined && typeof route.credentials !== 'boolean') {
    problems.push(`${at}.credentials is true or false, not ${show(route.credentials)}.`);
  }
  const progress = route.progress ?? null;
  if (progress !== null && !PROGRESS.includes(progress)) {
    problems.push(`${at}.progress is "download", "upload" or "both", not ${show(progress)}.`);
  }
  if ((progress === 'upload' || progress === 'both') && body === null) {
    problems.push(`${at}.progress: upload progress needs a body to stream.`);
  }
  const preflightPolicy = route.preflight ?? 'allow';
  if (preflightPolicy !== 'allow' && preflightPolicy !== 'forbid') {
    problems.push(`${at}.preflight is "allow" or "forbid", not ${show(route.preflight)}.`);
  }

  const unreadableHeaders = [
    ...new Set(
      Object.values(responses).flatMap((response) =>
        Object.keys(response.headers).filter((h) => UNREADABLE.has(h)),
      ),
    ),
  ].sort();

  let preflight = {
    preflight: false,
    reasons: [],
    cachedPerUrl: false,
    requestHeaders: [],
  } as RouteFacts['preflight'];
  if (METHODS.includes(method) && parsed.problems.length === 0) {
    try {
      preflight = preflightOfCall({
        method,
        path: route.path as string,
        paramNames: inPath,
        headers: Object.keys(headers).filter((h) => isToken(h) && droppedBy(h) === null),
        contentType,
        progress,
      });
    } catch (error) {
      // Where fetch() itself would throw for this call (the problem is listed above already).
      if (!(error instanceof TypeError)) throw error;
    }
    if (preflightPolicy === 'forbid' && preflight.preflight) {
      problems.push(
        `${at} has preflight: 'forbid' but its call preflights (${preflight.reasons.join(', ')}).`,
      );
    }
  }

  // A route without a valid path has no place in the path table (its problems are listed).
  if (parsed.problems.length > 0) return null;
  return Object.freeze({
    name,
    method,
    path: route.path as string,
    segments: Object.freeze(parsed.segments),
    params,
    query,
    headers,
    body,
    contentType,
    responses,
    credentials: typeof route.credentials === 'boolean' ? route.credentials : apiCredentials,
    progress,
    preflightPolicy,
    preflight,
    unreadableHeaders: Object.freeze(unreadableHeaders),
    summary: typeof route.summary === 'string' ? route.summary : undefined,
  });
}
