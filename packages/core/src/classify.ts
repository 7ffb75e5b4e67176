import { engineProfile } from './engines.js';
import { combineHeaders } from './header-list.js';
import { preflightNeeds } from './preflight-needs.js';
import { type ParsedRequest, parseRequest } from './request-init.js';
import type { Classification, ClassifyOptions } from './types.js';
import { checkOrigin } from './url.js';

/**
 * Predicts what the browser does with `fetch(input, init)` from a page at `options.origin`:
 * whether it preflights and why, what Access-Control-Request-Headers says, which headers it drops.
 * Throws a TypeError wherever the browser's fetch() rejects before sending anything.
 *
 * `requestHeaders` follows the engine: Firefox names a header once per entry the script set
 * (`x-a,x-a`), exactly as createCorsFetch sends it. A `Request` input carries only its merged
 * headers, so a name appended twice to a Request is named once here, although Firefox repeats it.
 */
export function classify(
  input: string | URL | Request,
  init: RequestInit | undefined,
  options: ClassifyOptions,
): Classification {
  return analyze(input, init, options).classification;
}

/** classify, plus the parsed request that createCorsFetch goes on to send. */
export function analyze(
  input: string | URL | Request,
  init: RequestInit | undefined,
  options: ClassifyOptions,
): { classification: Classification; request: ParsedRequest } {
  const profile = engineProfile(options?.engine);
  const origin = pageOrigin(options?.origin);
  const request = parseRequest(input, init, origin, profile);
  const { url, mode, credentials, method, body, entries } = request;

  const crossOrigin = url.protocol !== 'data:' && (origin === 'null' || url.origin !== origin);
  if (mode === 'same-origin' && crossOrigin) {
    throw new TypeError(
      `mode: 'same-origin' forbids this request to ${url.origin} from ${origin}: use mode 'cors' (the default).`,
    );
  }
  const { reasons, requestHeaders } =
    crossOrigin && mode === 'cors'
      ? preflightNeeds(method, entries, body.kind === 'stream', profile)
      : { reasons: [], requestHeaders: [] };

  const classification: Classification = {
    url: url.href,
    crossOrigin,
    mode,
    credentials,
    sendsCredentials: credentials === 'include' || (credentials === 'same-origin' && !crossOrigin),
    method,
    preflight: reasons.length > 0,
    requestHeaders,
    reasons,
    dropped: request.dropped,
    headers: combineHeaders(entries),
    body: body.kind,
  };
  return { classification, request };
}

export function pageOrigin(value: unknown): string {
  const origin = checkOrigin(String(value));
  if (origin === null) {
    throw new TypeError(
      `Invalid page origin ${JSON.stringify(value)}: expected a serialized origin such as https://app.example.com (scheme, host and optional port; no path or trailing slash), or "null".`,
    );
  }
  return origin;
}
