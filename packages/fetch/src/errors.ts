import type { Classification, CorsErrorCode } from '@corskit/core';
import { KyError } from 'ky';

/** One likely reason a cross-origin call was refused, with what to change. */
export interface LikelyCause {
  /**
   * Stable identifier: a @corskit/core `CorsErrorCode`, a policy problem (`policy-…`), or a
   * prediction (`preflight-refused`, `credentials-rejected`, `allow-origin-missing`).
   */
  code: string;
  /** What the answer or the policy lacks, and what to change. */
  message: string;
}

/**
 * A cross-origin call that the browser refused under the CORS protocol. It extends ky's `KyError`
 * beside `HTTPError` and `NetworkError` (not under `NetworkError`), so ky does not retry it: no retry
 * changes the server's CORS headers.
 */
export class CorsError extends KyError {
  /** Always `CorsError`. */
  override name = 'CorsError';
  /** The request that failed. */
  readonly request: Request;
  /**
   * The failed check when the fetch reports it (@corskit/core's `createCorsFetch` does);
   * `refused` from a real browser, which never says why.
   */
  readonly code: CorsErrorCode | 'refused';
  /** Likely causes, most likely first. Development builds only; empty in production. */
  readonly causes: LikelyCause[];
  /** What @corskit/core predicted for the request. Development builds only. */
  readonly classification: Classification | undefined;

  constructor(
    request: Request,
    code: CorsErrorCode | 'refused',
    message: string,
    details: { causes?: LikelyCause[]; classification?: Classification; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.request = request;
    this.code = code;
    this.causes = details.causes ?? [];
    this.classification = details.classification;
  }
}
