/** The browser engines whose CORS behaviour corskit models. `spec` is the WHATWG Fetch Standard. */
export type Engine = 'spec' | 'chromium' | 'firefox' | 'webkit';

/** Every {@link Engine}, `spec` first. */
export const ENGINES: readonly Engine[] = ['spec', 'chromium', 'firefox', 'webkit'];

/** Why a request needs a CORS preflight. `code` is stable; `message` says what to change. */
export interface PreflightReason {
  /** Stable identifier of the reason. */
  code: PreflightReasonCode;
  /** Lowercase header name, for header reasons. */
  header?: string;
  /** Why, and what would avoid the preflight. */
  message: string;
}

/** Every reason a request can need a preflight. */
export type PreflightReasonCode =
  /** The method is not GET, HEAD or POST. */
  | 'method-not-safelisted'
  /** The header is not one of the CORS-safelisted request headers (in this engine). */
  | 'header-not-safelisted'
  /** A Content-Type whose MIME essence is not form-urlencoded, multipart/form-data or text/plain. */
  | 'content-type-not-safelisted'
  /** A safelisted header whose value contains a CORS-unsafe byte or breaks its value rule. */
  | 'header-value-not-safelisted'
  /** A safelisted header whose value is longer than 128 bytes. */
  | 'header-value-too-long'
  /** The safelisted headers' values add up to more than 1024 bytes. */
  | 'safelisted-headers-too-large'
  /** A Range header that is not a single `bytes=start-[end]` range. */
  | 'range-not-simple'
  /** A ReadableStream body (streaming upload) always preflights. */
  | 'stream-body';

/** What {@link classify} found out about a request: how the browser will send it, and why. */
export interface Classification {
  /** The URL as the browser resolves it against the page origin. */
  url: string;
  /** Whether the request goes to another origin than the page's (so the CORS protocol applies). */
  crossOrigin: boolean;
  /** The request mode after defaults (`cors`). */
  mode: RequestMode;
  /** The credentials mode after defaults (`same-origin`). */
  credentials: RequestCredentials;
  /** Whether cookies and HTTP auth go with the request (include, or same-origin on the same origin). */
  sendsCredentials: boolean;
  /** The method as sent, after normalization (`patch` stays `patch`; `post` becomes `POST`). */
  method: string;
  /** Whether the engine sends an OPTIONS preflight first (before considering its preflight cache). */
  preflight: boolean;
  /**
   * What Access-Control-Request-Headers carries: lowercase, sorted, unique, except in Firefox,
   * which names a header once per entry the script set (`['x-a', 'x-a']` for X-A appended twice).
   * A `Request` input (or a `Headers` object) shows only its merged headers, one entry per name,
   * so a name appended twice to it is listed once, although Firefox repeats it: pass the headers
   * in `init` as an array of pairs to model that.
   */
  requestHeaders: string[];
  /** Every reason the request preflights; empty when it does not. */
  reasons: PreflightReason[];
  /** Lowercase names of headers the browser silently drops instead of sending. */
  dropped: string[];
  /** The header list as sent by the script (after dropping), lowercase names, combined values. */
  headers: Array<[name: string, value: string]>;
  /** The body's kind, and so whether the engine can send it. */
  body: BodyKind;
}

/** The kind of body a request carries; `none` without one. */
export type BodyKind = 'none' | 'string' | 'urlsearchparams' | 'formdata' | 'blob' | 'buffer' | 'stream';

/** Options of {@link classify}. */
export interface ClassifyOptions {
  /** The page's origin, serialized (`https://app.example.com`), or `null` for an opaque origin. */
  origin: string;
  /** Whose CORS behaviour to apply; `spec` (the Fetch Standard) by default. */
  engine?: Engine;
}
