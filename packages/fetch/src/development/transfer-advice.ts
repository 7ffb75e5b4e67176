import type { Engine } from '@corskit/core';
import type { DownloadSummary } from '../progress.js';

/**
 * Development advice when a download's total could have been known but was not exposed; null when
 * there is nothing to say (a known total, or a body whose size no header announced).
 */
export function downloadAdvice(route: string, summary: DownloadSummary): string | null {
  const { total, contentLength, transferredBytes } = summary;
  if (contentLength === null) return null;
  if (total.source === 'declared-content-length') {
    if (contentLength === transferredBytes) return null;
    return `[corskit] Download progress for ${route}: contentLengthIsDecoded is set, but Content-Length (${contentLength} bytes) was not the decoded size (${transferredBytes} bytes): this server content-encodes its responses. Remove contentLengthIsDecoded and expose X-Decoded-Content-Length with the decoded size (the @corskit/server progress preset does).`;
  }
  if (total.source !== 'unknown') return null;
  const fix =
    'Expose X-Decoded-Content-Length with the decoded size (the @corskit/server progress preset does)';
  if (contentLength === transferredBytes) {
    // An identity body has no Content-Encoding to expose, so exposing it cannot help.
    return `[corskit] Download progress for ${route} had no total although Content-Length (${contentLength} bytes) was right: the body was not content-encoded, but a cross-origin script cannot know that (Content-Length may count compressed bytes). ${fix}, or, if this server never content-encodes responses, pass createClient({ contentLengthIsDecoded: true }).`;
  }
  return `[corskit] Download progress for ${route} had no total: Content-Length (${contentLength} bytes) counted the encoded body, which decoded to ${transferredBytes} bytes. ${fix}.`;
}

/** Development advice when onUploadProgress is asked for: it streams the body, where it can. */
export function uploadAdvice(route: string, engine: Engine, streams: boolean, crossOrigin: boolean): string {
  if (!streams) {
    return `[corskit] onUploadProgress for ${route}: this engine cannot stream request bodies, so ky sends the body whole and reports no upload progress. Firefox and Safari do not support streaming uploads; only Chromium does.`;
  }
  return [
    `[corskit] onUploadProgress for ${route} streams the request body (a ReadableStream with duplex: 'half').`,
    crossOrigin
      ? '  - A stream body always forces a preflight, whatever the method and headers.'
      : '  - Same-origin, so no preflight; cross-origin it would force one.',
    `  - Chromium sends streaming bodies only over HTTP/2 or HTTP/3: over HTTP/1.1 the call fails${engine === 'chromium' ? '' : ` (engine here: ${engine})`}.`,
    '  - Firefox and Safari cannot stream uploads: there ky sends the body whole and reports no progress.',
  ].join('\n');
}
