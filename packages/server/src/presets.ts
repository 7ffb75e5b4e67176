import { PROGRESS_RESPONSE_HEADERS } from '@corskit/core';

/**
 * The response headers @corskit/fetch reads for honest download progress: Content-Encoding (is the
 * body compressed?), Content-Length (the bytes on the wire) and X-Decoded-Content-Length (the
 * bytes the script will read). Content-Length is safelisted already; it is listed for clarity.
 */
export const PROGRESS_EXPOSE_HEADERS = PROGRESS_RESPONSE_HEADERS;

/**
 * Spread into a policy config: `definePolicy({ ...progressPreset, origins: [...] })`. To expose
 * more headers as well, spread PROGRESS_EXPOSE_HEADERS into your own exposeHeaders list.
 */
export const progressPreset = {
  /** {@link PROGRESS_EXPOSE_HEADERS}. */
  exposeHeaders: PROGRESS_EXPOSE_HEADERS,
} as const;
