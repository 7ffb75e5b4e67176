import type { Classification, Engine, PreflightReason } from '@corskit/core';
import type { ClientPolicy } from '../policy.js';
import { cacheWindow } from './max-age.js';

/** What would avoid one reason, in a few words. */
function avoidance(reason: PreflightReason, method: string): string {
  switch (reason.code) {
    case 'method-not-safelisted':
      return `use GET or POST instead of ${method} if the API offers it`;
    case 'content-type-not-safelisted':
      return `send a safelisted Content-Type (text/plain, application/x-www-form-urlencoded or multipart/form-data) if the server accepts it; ky's json option sets application/json`;
    case 'header-not-safelisted':
    case 'header-value-not-safelisted':
    case 'header-value-too-long':
    case 'safelisted-headers-too-large':
      return `drop the ${reason.header} header, or move its value into the query string or the body`;
    case 'range-not-simple':
      return 'ask for one range at a time (bytes=start-end)';
    case 'stream-body':
      return 'send the body whole (string, Blob, ArrayBuffer): drop onUploadProgress or the ReadableStream body';
  }
}

/** The development warning for a call that will preflight: why, what it costs, what avoids it. */
export function preflightAdvice(
  classification: Classification,
  route: string,
  engine: Engine,
  policy: ClientPolicy | undefined,
): string {
  const window = cacheWindow(engine, policy);
  const avoid = [
    ...new Set(classification.reasons.map((reason) => avoidance(reason, classification.method))),
  ];
  if (window.seconds === null || window.seconds < window.capSeconds) {
    avoid.push(
      `answer preflights with a longer Access-Control-Max-Age${Number.isFinite(window.capSeconds) ? ` (up to ${window.capSeconds} s in ${engine})` : ''}, so one preflight covers more calls`,
    );
  }
  avoid.push(
    'call the API through a same-origin proxy (e.g. /api on the page origin): same-origin calls never preflight',
  );
  return [
    `[corskit] ${route} will be preflighted: the browser sends OPTIONS ${classification.url} first.`,
    'Why:',
    ...classification.reasons.map((reason) => `  - ${reason.message}`),
    `Cost: one extra round trip before the call, repeated for every distinct URL (query string included) and again whenever the cached answer expires: ${window.text}.`,
    'To avoid it:',
    ...avoid.map((line) => `  - ${line}`),
  ].join('\n');
}
