import type { Issue } from '@corskit/contract';

/**
 * A response the contract does not describe: a status the route does not declare, a body that is
 * not the declared media type, or (with validation on) a body or header its schema refuses.
 */
export class ResponseValidationError extends Error {
  /** Always `ResponseValidationError`. */
  override name = 'ResponseValidationError';
  /** The route's name in the contract. */
  readonly route: string;
  /** The response's status. */
  readonly status: number;
  /** What is wrong: `path` starts with `body`, `headers` or `status`. */
  readonly issues: readonly Issue[];
  /** The response as received (its body already read). */
  readonly response: Response;

  constructor(route: string, response: Response, issues: readonly Issue[]) {
    super(
      `corskit: the ${response.status} answer of ${route} does not match the contract:\n${issues
        .map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`)
        .join('\n')}`,
    );
    this.route = route;
    this.status = response.status;
    this.issues = issues;
    this.response = response;
  }
}
