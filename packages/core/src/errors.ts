/** Stable codes for every way the CORS protocol makes a fetch fail. */
export type CorsErrorCode =
  | 'preflight-status'
  | 'allow-origin-missing'
  | 'allow-origin-mismatch'
  | 'allow-origin-multiple'
  | 'allow-origin-wildcard-with-credentials'
  | 'allow-credentials-missing'
  | 'allow-methods-invalid'
  | 'allow-headers-invalid'
  | 'method-not-allowed'
  | 'header-not-allowed'
  | 'authorization-not-covered-by-wildcard'
  | 'redirect-not-allowed'
  | 'redirect-invalid'
  | 'redirect-with-credentials'
  | 'too-many-redirects';

/**
 * Where the fetch failed: the preflight answer, the actual response's CORS check, or a redirect.
 * (A network failure is the engine's plain TypeError, not a CorsError.)
 */
export type CorsStage = 'preflight' | 'response' | 'redirect';

/** What a {@link CorsError} carries besides its message. */
export interface CorsErrorDetails {
  /** Which check failed. */
  code: CorsErrorCode;
  /** Where it failed. */
  stage: CorsStage;
  /** The URL whose answer failed. */
  url: string;
  /** The page origin as the browser sent it (`null` after a tainting redirect). */
  origin: string;
  /** The header lines to add or change on the server, where that is the fix. */
  fix?: string[];
}

/**
 * A fetch that the CORS protocol refused. A TypeError, like the browser's own "Failed to fetch",
 * with a stable `code` and a message that says what to change.
 */
export class CorsError extends TypeError implements CorsErrorDetails {
  /** Always `CorsError`. */
  override name = 'CorsError';
  /** Which check failed; stable across versions. */
  readonly code: CorsErrorCode;
  /** Where it failed. */
  readonly stage: CorsStage;
  readonly url: string;
  readonly origin: string;
  readonly fix: string[];

  constructor(message: string, details: CorsErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.code = details.code;
    this.stage = details.stage;
    this.url = details.url;
    this.origin = details.origin;
    this.fix = details.fix ?? [];
  }
}
