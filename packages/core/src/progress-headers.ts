/**
 * The response headers a script needs for honest download progress: Content-Encoding (is the body
 * compressed?), Content-Length (the bytes on the wire, safelisted already) and
 * X-Decoded-Content-Length (the bytes the script will read), which a compressing server can send.
 */
export const PROGRESS_RESPONSE_HEADERS = [
  'Content-Encoding',
  'Content-Length',
  'X-Decoded-Content-Length',
] as const;
