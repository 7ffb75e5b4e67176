/** One download progress event. Unlike ky's, an unknown total is `null`, never a guess. */
export interface DownloadProgress {
  /** Decoded bytes received so far. */
  transferredBytes: number;
  /** The decoded size of the whole body, or null while it cannot be known. Exact once `done`. */
  totalBytes: number | null;
  /** `transferredBytes / totalBytes` from 0 to 1, or null while the total is unknown; 1 once `done`. */
  percent: number | null;
  /** Set on the last event, after the body has ended. */
  done: boolean;
}

/** Called at the start, once per chunk (with the chunk), and at the end of a download. */
export type DownloadProgressHandler = (progress: DownloadProgress, chunk: Uint8Array) => void;

/**
 * Where a download's total came from: the decoded-length header, a Content-Length known to count
 * an identity body, one taken on the client's word (`contentLengthIsDecoded`), or nowhere.
 */
export type TotalSource = 'decoded-length' | 'content-length' | 'declared-content-length' | 'unknown';

export interface DownloadTotal {
  bytes: number | null;
  source: TotalSource;
}

/** What the body turned out to be, for the development check that runs when it ends. */
export interface DownloadSummary {
  total: DownloadTotal;
  /** The Content-Length the script could read, if any. */
  contentLength: number | null;
  transferredBytes: number;
}

const EMPTY = new Uint8Array(0);

function byteCount(value: string | null): number | null {
  return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}

/**
 * The decoded size of a response body, when the script can know it: the decoded-length header
 * that @corskit/server's progress preset exposes, or Content-Length when the body is provably not
 * content-encoded. Content-Length counts encoded bytes while the stream yields decoded ones, and a
 * cross-origin response hides Content-Encoding unless exposed, so its absence proves nothing there,
 * unless the client says the server never encodes (`contentLengthIsDecoded`).
 */
export function downloadTotal(response: Response, contentLengthIsDecoded = false): DownloadTotal {
  const decoded = byteCount(response.headers.get('x-decoded-content-length'));
  if (decoded !== null) return { bytes: decoded, source: 'decoded-length' };
  const length = byteCount(response.headers.get('content-length'));
  if (length === null) return { bytes: null, source: 'unknown' };
  const encoding = response.headers.get('content-encoding');
  if (encoding !== null) {
    return encoding.trim().toLowerCase() === 'identity'
      ? { bytes: length, source: 'content-length' }
      : { bytes: null, source: 'unknown' };
  }
  if (response.type !== 'cors') return { bytes: length, source: 'content-length' };
  // Hidden or absent, the script cannot tell: only the client's word makes the length a total.
  return contentLengthIsDecoded
    ? { bytes: length, source: 'declared-content-length' }
    : { bytes: null, source: 'unknown' };
}

/** The response with its body counted: one event at the start, one per chunk, one at the end. */
export function withDownloadProgress(
  response: Response,
  onProgress: DownloadProgressHandler,
  onEnd?: (summary: DownloadSummary) => void,
  contentLengthIsDecoded = false,
): Response {
  if (response.body === null) return response;
  const total = downloadTotal(response, contentLengthIsDecoded);
  let expected = total.bytes;
  let transferredBytes = 0;
  const emit = (chunk: Uint8Array, done: boolean) => {
    // More bytes than announced: the header was wrong, so stop showing a percent rather than lie.
    if (expected !== null && transferredBytes > expected) expected = null;
    const totalBytes = done ? transferredBytes : expected;
    const percent = done ? 1 : expected === null ? null : expected === 0 ? 0 : transferredBytes / expected;
    onProgress({ transferredBytes, totalBytes, percent, done }, chunk);
  };
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start() {
        emit(EMPTY, false);
      },
      transform(chunk, controller) {
        controller.enqueue(chunk);
        transferredBytes += chunk.byteLength;
        emit(chunk, false);
      },
      flush() {
        emit(EMPTY, true);
        onEnd?.({
          total,
          contentLength: byteCount(response.headers.get('content-length')),
          transferredBytes,
        });
      },
    }),
  );
  const wrapped = new Response(counted, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A constructed Response has type 'default' and no URL; keep what the script saw.
  for (const key of ['type', 'url', 'redirected'] as const) {
    Object.defineProperty(wrapped, key, { value: response[key] });
  }
  return wrapped;
}
