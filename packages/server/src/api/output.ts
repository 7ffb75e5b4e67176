// A handler's `{ status, body, headers }` as a Response, in the media type the contract declares.
import type { ResponseFacts } from '@corskit/contract';
import { mimeEssence } from '@corskit/core';
import type { InputIssue } from './input.js';

/**
 * The body of an answer serveApi gives itself, outside the contract's statuses: 400 (invalid
 * input, with every issue), 404 (no route at the path), 405 (the path serves other methods), 500
 * (the handler threw or returned an undeclared status).
 */
export interface ServeApiErrorBody {
  /** What went wrong. */
  error: 'invalid-request' | 'not-found' | 'method-not-allowed' | 'internal';
  /** A sentence (absent on 400). */
  message?: string;
  /** Every failing field (400 only). */
  issues?: InputIssue[];
}

/** What a handler returns, at run time. */
export interface HandlerResultValue {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function isJson(contentType: string): boolean {
  const essence = mimeEssence(contentType) ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

/** The Response for a declared status. */
export function toResponse(result: HandlerResultValue, declared: ResponseFacts, head: boolean): Response {
  const headers = new Headers(result.headers);
  let body: BodyInit | null = null;
  if (result.body !== undefined && declared.contentType !== null) {
    if (isJson(declared.contentType)) {
      body = JSON.stringify(result.body);
      if (!headers.has('content-type')) headers.set('content-type', declared.contentType);
      headers.set('content-length', String(byteLength(body)));
    } else {
      body = result.body as BodyInit;
      if (!headers.has('content-type') && !(body instanceof Blob && body.type !== '')) {
        headers.set('content-type', declared.contentType);
      }
    }
  }
  return new Response(head ? null : body, { status: result.status, headers });
}

const encoder = new TextEncoder();

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** A JSON error answer of the server itself (404, 405, 400, 500), with its length. */
export function errorResponse(
  status: number,
  body: ServeApiErrorBody,
  headers?: Record<string, string>,
): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status,
    headers: { ...headers, 'content-type': 'application/json', 'content-length': String(byteLength(text)) },
  });
}
