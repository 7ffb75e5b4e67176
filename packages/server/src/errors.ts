/**
 * A policy configuration that is unsafe or would not do what it says. Lists every problem at once,
 * so one run shows everything to fix.
 */
export class PolicyError extends Error {
  /** Always `PolicyError`. */
  override name = 'PolicyError';
  /** One sentence per problem, each naming the offending value and what to write instead. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], subject = 'CORS policy') {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Invalid ${subject} (${count}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = Object.freeze([...problems]);
  }
}
