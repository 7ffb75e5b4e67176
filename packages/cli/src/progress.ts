/** Whether a script can show a download's total, judged from the answer on the wire. */
export interface ProgressVerdict {
  /** The decoded size a script can know, or null. */
  total: number | null;
  /** Where the total comes from: an exposed decoded length, Content-Length, or nowhere. */
  source: 'decoded-length' | 'content-length' | 'none';
  /** One sentence: why, and what would make the total known when it is not. */
  note: string;
}

const DECODED_LENGTH = 'x-decoded-content-length';
const EXPOSE_HINT =
  'expose X-Decoded-Content-Length with the decoded size (the @corskit/server progress preset)';

const byteCount = (value: string | null) =>
  value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;

/**
 * `wire` is what the server sent; `readable` the header names the script may read. Content-Length
 * counts the bytes on the wire, so it is the decoded total only for a body that is not
 * content-encoded, and a cross-origin script cannot read Content-Encoding unless it is exposed.
 */
export function progressVerdict(
  wire: Headers,
  readable: ReadonlySet<string>,
  crossOrigin: boolean,
): ProgressVerdict {
  const decoded = readable.has(DECODED_LENGTH) ? byteCount(wire.get(DECODED_LENGTH)) : null;
  if (decoded !== null) {
    return {
      total: decoded,
      source: 'decoded-length',
      note: `known: ${decoded} bytes (X-Decoded-Content-Length)`,
    };
  }
  const length = readable.has('content-length') ? byteCount(wire.get('content-length')) : null;
  if (length === null) {
    return {
      total: null,
      source: 'none',
      note: `unknown: no Content-Length (a streamed body); ${EXPOSE_HINT}`,
    };
  }
  const encoding = wire.get('content-encoding')?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== 'identity') {
    return {
      total: null,
      source: 'none',
      note: `unknown: Content-Length (${length}) counts ${encoding}-encoded bytes, not the bytes a script reads; ${EXPOSE_HINT}`,
    };
  }
  // Only an exposed `Content-Encoding: identity` tells a cross-origin script the body is not compressed.
  const provenIdentity = readable.has('content-encoding') && encoding === 'identity';
  const caveat =
    crossOrigin && !provenIdentity
      ? `, but a script cannot tell the body is not compressed, so careful clients (@corskit/fetch) show no total: ${EXPOSE_HINT}`
      : '';
  return { total: length, source: 'content-length', note: `Content-Length ${length}, not encoded${caveat}` };
}
