// Response validation against the route's Standard Schemas: opt-in, so loaded on demand.
import { type Issue, type ResponseFacts, validate } from '@corskit/contract';
import { ResponseValidationError } from './errors.js';
import type { CallResult } from './read.js';

/** The result with the schemas' outputs, or a ResponseValidationError naming every failing part. */
export async function checkResult(
  route: string,
  spec: ResponseFacts,
  result: CallResult,
  response: Response,
): Promise<CallResult> {
  const issues: Issue[] = [];
  const run = async (schema: ResponseFacts['body'], value: unknown, at: PropertyKey[]) => {
    if (schema === null) return value;
    const outcome = await validate(schema, value);
    if (outcome.ok) return outcome.value;
    for (const issue of outcome.issues) issues.push({ path: [...at, ...issue.path], message: issue.message });
    return value;
  };
  const body = await run(spec.body, result.body, ['body']);
  const headers: Record<string, string> = {};
  for (const [name, schema] of Object.entries(spec.headers)) {
    const value = await run(schema, result.headers[name], ['headers', name]);
    if (value !== undefined) headers[name] = value as string;
  }
  if (issues.length > 0) throw new ResponseValidationError(route, response, issues);
  return { status: result.status, body, headers };
}
