// Fuzz cases not compared, because the engine itself does not decide them the same way twice.
// Every exclusion names the measurement that shows it.
import type { EngineName, TestCase } from '../types.ts';

/** The reason a drawn case is left out for `engine`, or null to compare it. */
export function excludedFromFuzz(_testCase: TestCase, _engine: EngineName): string | null {
  return null;
}
