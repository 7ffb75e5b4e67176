// Reads an OpenAPI document from a file: JSON (parsed natively, the fast path for documents of
// tens of MB) or YAML (js-yaml), and, only when it has $refs into other files, bundled into one
// document by @apidevtools/json-schema-ref-parser, so that every $ref left is local.
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { load as loadYaml, YAMLException } from 'js-yaml';

/** A document the audit cannot read: the file, and where in it (a JSON pointer or a line) when known. */
export class DocumentError extends Error {
  /** Always `DocumentError`. */
  override name = 'DocumentError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether some `$ref` points outside the document (a file): a walk without recursion, for deep documents. */
export function hasExternalRefs(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isObject(node)) continue;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object') stack.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return true;
      if (typeof value === 'object') stack.push(value);
    }
  }
  return false;
}

// `$ref` (quoted or not, as JSON or YAML writes it) followed by a value that does not start with `#`.
const MAYBE_EXTERNAL_REF = /\$ref['"]?\s*:\s*['"]?[^#'"\s]/;

function parseText(text: string, file: string): unknown {
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new DocumentError(`${file} is not valid JSON: ${(error as Error).message}.`);
    }
  }
  try {
    return loadYaml(text, { filename: file });
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark;
      const where = mark === undefined ? '' : ` at line ${mark.line + 1}, column ${mark.column + 1}`;
      throw new DocumentError(`${file} is not valid YAML${where}: ${error.reason}.`);
    }
    throw error;
  }
}

/**
 * Reads and parses the document at `file`; bundles its external $refs (files beside it; never
 * URLs: the audit does not fetch) into local ones. Rejects with a DocumentError saying what is wrong.
 */
export async function loadDocument(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (error as Error).message;
    throw new DocumentError(`Cannot read ${file}: ${why}.`);
  }
  const document = parseText(text, file);
  // Most documents have no $ref into another file: a scan of the text spares walking the objects.
  if (!MAYBE_EXTERNAL_REF.test(text) || !hasExternalRefs(document)) return document;
  try {
    return await $RefParser.bundle(resolvePath(file), document, {
      resolve: { http: false },
    });
  } catch (error) {
    throw new DocumentError(`${file}: an external $ref cannot be resolved: ${(error as Error).message}`);
  }
}
