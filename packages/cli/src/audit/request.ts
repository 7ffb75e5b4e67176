// The browser request a generated client sends for one operation (openapi-fetch's defaults: path
// params filled, required query fields, the declared headers, the credentials of one security
// alternative, the body with its media type as Content-Type), for @corskit/core's classify.

import type { JsonSchema, OpenApiOperation, OpenApiParameter } from '@corskit/contract';
import { mimeEssence, SAFELISTED_SAMPLE_VALUES } from '@corskit/core';

/** A placeholder API origin for documents whose servers are relative or absent. */
export const UNKNOWN_SERVER = 'https://api.invalid';

/** Which of an operation's choices a call makes. */
export interface CallChoice {
  /** The index of the security alternative used (ignored when the operation declares none). */
  readonly security: number;
  /** The body's media type, or null for no body. */
  readonly mediaType: string | null;
  /** Whether optional header params are sent too. */
  readonly optionalHeaders: boolean;
}

/** A request, as classify takes it. */
export interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

// Values a safelisted header name accepts: the value decides, and the document rarely gives one.
/** A value for a parameter: the document's example, default or first enum value, else a plain one. */
function sampleValue(parameter: OpenApiParameter): string {
  const schema: JsonSchema = parameter.schema;
  for (const candidate of [
    schema.example,
    schema.default,
    Array.isArray(schema.enum) ? schema.enum[0] : undefined,
  ]) {
    if (typeof candidate === 'string' || typeof candidate === 'number' || typeof candidate === 'boolean') {
      return String(candidate);
    }
  }
  return SAFELISTED_SAMPLE_VALUES[parameter.name] ?? 'x';
}

/** The media type a generated client sends by default: JSON when offered, else the first. */
export function defaultMediaType(operation: OpenApiOperation): string | null {
  if (operation.body === null || operation.method === 'GET' || operation.method === 'HEAD') return null;
  const types = operation.body.content.map((media) => media.type);
  return types.find((type) => mimeEssence(type) === 'application/json') ?? types[0] ?? null;
}

/** The server URL the audit sends to: the given one, else the operation's first, absolute. */
export function serverOf(operation: OpenApiOperation, server: string | undefined): string {
  const base = server ?? operation.servers[0] ?? '';
  try {
    return new URL(base).href;
  } catch {
    return new URL(base, UNKNOWN_SERVER).href;
  }
}

/** The request for `operation` with the choices made. */
export function callOf(operation: OpenApiOperation, base: string, choice: CallChoice): Call {
  const path = operation.path.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const param = operation.params.find((p) => p.name === name);
    return encodeURIComponent(param === undefined ? 'x' : sampleValue(param));
  });
  const url = new URL(base.replace(/\/$/, '') + path);
  for (const field of operation.query)
    if (field.required) url.searchParams.set(field.name, sampleValue(field));
  const headers = new Headers();
  for (const header of operation.headers) {
    if (header.required || choice.optionalHeaders) headers.set(header.name, sampleValue(header));
  }
  let credentials: RequestCredentials = operation.cookies.length > 0 ? 'include' : 'same-origin';
  for (const credential of operation.security[choice.security] ?? []) {
    if (credential.in === 'header')
      headers.set(credential.field, credential.field === 'authorization' ? 'Bearer x' : 'x');
    else if (credential.in === 'query') url.searchParams.set(credential.field, 'x');
    else if (credential.in === 'cookie') credentials = 'include';
  }
  const init: RequestInit = { method: operation.method, headers, credentials };
  if (choice.mediaType !== null) {
    headers.set('content-type', choice.mediaType);
    init.body = 'x';
  }
  return { url: url.href, init };
}
