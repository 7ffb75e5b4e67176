/**
 * An invalid contract. Lists every problem at once (like @corskit/server's PolicyError), so one
 * run shows everything to fix.
 */
export class ContractError extends Error {
  /** Always `ContractError`. */
  override name = 'ContractError';
  /** One sentence per problem, each naming the route and the offending value. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Invalid API contract (${count}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = Object.freeze([...problems]);
  }
}

const MAX_SHOWN = 80;

/** A short, printable rendering of a value for a problem message. */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'function') text = 'a function';
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
