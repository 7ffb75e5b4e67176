import type { Issue } from '@corskit/contract';

/**
 * A response the contract does not describe: a status the route does not declare, a body that is
 * not the declared media type, or (with validation on) a body or header its schema refuses.
 */
export class ResponseValidationError extends Error {
  /** Always `ResponseValidationError`. */
  override name = 'ResponseValidationError';
  /** The response's status. */
  readonly status: number;

  constructor(
    /** The route's name in the contract. */
    readonly route: string,
    /** The response as received (its body already read). */
    readonly response: Response,
    /** What is wrong: each `path` starts with `status`, `body` or `headers`. */
    readonly issues: readonly Issue[],
  ) {
    super(
      process.env.NODE_ENV !== 'production'
        ? `corskit: the ${response.status} answer of ${route} does not match the contract:\n${issues
            .map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`)
            .join('\n')}`
        : 'corskit: response',
    );
    this.status = response.status;
  }
}
