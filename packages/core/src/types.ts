/** The browser engines whose CORS behaviour corskit models. `spec` is the WHATWG Fetch Standard. */
export type Engine = 'spec' | 'chromium' | 'firefox' | 'webkit';

export const ENGINES: readonly Engine[] = ['spec', 'chromium', 'firefox', 'webkit'];

/** Why a request needs a CORS preflight. `code` is stable; `message` says what to change. */
export interface PreflightReason {
  code: PreflightReasonCode;
  /** Lowercase header name, for header reasons. */
  header?: string;
  message: string;
}

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

export interface Classification {
  /** The URL as the browser resolves it against the page origin. */
  url: string;
  /** Whether the request goes to another origin than the page's (so the CORS protocol applies). */
  crossOrigin: boolean;
  mode: RequestMode;
  credentials: RequestCredentials;
  /** Whether cookies and HTTP auth go with the request (include, or same-origin on the same origin). */
  sendsCredentials: boolean;
  /** The method as sent, after normalization (`patch` stays `patch`; `post` becomes `POST`). */
  method: string;
  /** Whether the engine sends an OPTIONS preflight first (before considering its preflight cache). */
  preflight: boolean;
  /** What Access-Control-Request-Headers carries: lowercase, sorted, unique. */
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

export type BodyKind = 'none' | 'string' | 'urlsearchparams' | 'formdata' | 'blob' | 'buffer' | 'stream';

export interface ClassifyOptions {
  /** The page's origin, serialized (`https://app.example.com`), or `null` for an opaque origin. */
  origin: string;
  engine?: Engine;
}
