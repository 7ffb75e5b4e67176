import type { BodyKind } from './types.js';

export interface ExtractedBody {
  kind: BodyKind;
  /** The Content-Type the body implies, or null (buffers, streams, untyped blobs). */
  contentType: string | null;
}

const NO_BODY: ExtractedBody = { kind: 'none', contentType: null };
const STRING_BODY: ExtractedBody = { kind: 'string', contentType: 'text/plain;charset=UTF-8' };
const FORM_BODY: ExtractedBody = {
  kind: 'urlsearchparams',
  contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
};
/**
 * The boundary is chosen by the engine when it serializes the form; only the essence matters to
 * CORS, so the header list holds this stand-in and the wire request gets the real one.
 */
export const FORM_DATA_CONTENT_TYPE = 'multipart/form-data; boundary=';
const FORM_DATA_BODY: ExtractedBody = { kind: 'formdata', contentType: FORM_DATA_CONTENT_TYPE };
const BUFFER_BODY: ExtractedBody = { kind: 'buffer', contentType: null };
const STREAM_BODY: ExtractedBody = { kind: 'stream', contentType: null };

/** What the Fetch Standard's "extract a body" decides about a body init: its kind and type. */
export function extractBody(body: unknown): ExtractedBody {
  if (body === null || body === undefined) return NO_BODY;
  if (typeof body === 'string') return STRING_BODY;
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return FORM_BODY;
  if (typeof FormData !== 'undefined' && body instanceof FormData) return FORM_DATA_BODY;
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    return { kind: 'blob', contentType: body.type === '' ? null : body.type };
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return BUFFER_BODY;
  if (typeof SharedArrayBuffer !== 'undefined' && body instanceof SharedArrayBuffer) return BUFFER_BODY;
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return STREAM_BODY;
  // WebIDL converts any other object to a string (`[object Object]`), as fetch() does.
  return STRING_BODY;
}
