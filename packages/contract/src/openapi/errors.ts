/**
 * An OpenAPI document that cannot be read: `pointer` names the place (a JSON pointer such as
 * `#/paths/~1items/get/parameters/0`), the message says what is wrong there.
 */
export class OpenApiError extends Error {
  /** Always `OpenApiError`. */
  override name = 'OpenApiError';
  /** Where in the document: a JSON pointer (`#` is the document itself). */
  readonly pointer: string;

  constructor(pointer: string, problem: string) {
    super(`${pointer}: ${problem}`);
    this.pointer = pointer;
  }
}
