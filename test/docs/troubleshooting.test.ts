// docs/troubleshooting.md has one `### <code>` section per error code, so that messages and the
// READMEs can link to docs/troubleshooting.md#<code>. The codes are read from the sources (no
// package exports them as a runtime list): @corskit/core's CorsErrorCode union, and every code
// @corskit/fetch can put in CorsError.code or in a LikelyCause.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.Latest, true);
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  node.forEachChild((child) => visit(child, each));
}

/** The string literals directly in a type (a union of literals, or one literal). */
function literals(type: ts.TypeNode): string[] {
  if (ts.isUnionTypeNode(type)) return type.types.flatMap(literals);
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
  return [];
}

/** The members of `type <name> = 'a' | 'b' | ...` in a file. */
function unionOf(path: string, name: string): string[] {
  let members: string[] | undefined;
  visit(parse(path), (node) => {
    if (ts.isTypeAliasDeclaration(node) && node.name.text === name) members = literals(node.type);
  });
  if (members === undefined || members.length === 0) throw new Error(`${path}: no union type ${name}`);
  return members;
}

/** String literals in the type of `<className>.<property>` (type references such as CorsErrorCode skipped). */
function propertyLiterals(path: string, className: string, property: string): string[] {
  let found: string[] | undefined;
  visit(parse(path), (node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== className) return;
    for (const member of node.members) {
      if (ts.isPropertyDeclaration(member) && member.name.getText() === property && member.type) {
        found = literals(member.type);
      }
    }
  });
  if (found === undefined) throw new Error(`${path}: no property ${className}.${property}`);
  return found;
}

/** Every `code: '<literal>'` in object literals under a source directory. */
function codeProperties(dir: string): string[] {
  const codes: string[] = [];
  for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    visit(parse(join(dir, file)), (node) => {
      if (
        ts.isPropertyAssignment(node) &&
        node.name.getText() === 'code' &&
        ts.isStringLiteralLike(node.initializer)
      ) {
        codes.push(node.initializer.text);
      }
    });
  }
  return codes;
}

const coreCodes = unionOf('packages/core/src/errors.ts', 'CorsErrorCode');
const fetchCodes = [
  // CorsError.code: a core code, or `refused` when a real browser does not say which check failed.
  ...propertyLiterals('packages/fetch/src/errors.ts', 'CorsError', 'code'),
  // LikelyCause codes: what the policy refuses, and what the prediction says the answer must hold.
  ...unionOf('packages/fetch/src/development/policy-check.ts', 'PolicyProblemCode'),
  ...codeProperties('packages/fetch/src'),
];
const expected = new Set([...coreCodes, ...fetchCodes]);

const doc = readFileSync(join(root, 'docs/troubleshooting.md'), 'utf8');
/** `### <code>` headings: a lowercase kebab-case name alone on the heading line. */
const sections = [...doc.matchAll(/^### ([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s*$/gm)].map((match) => match[1]!);

describe('docs/troubleshooting.md', () => {
  test('the sources yield the codes this test expects to find', () => {
    expect(coreCodes).toContain('preflight-status');
    expect(fetchCodes).toContain('refused');
    expect(fetchCodes).toContain('policy-origin-not-allowed');
    expect(fetchCodes).toContain('preflight-refused');
  });

  test('has a section for every error code', () => {
    const missing = [...expected].filter((code) => !sections.includes(code)).sort();
    expect(missing, 'codes without a "### <code>" section').toEqual([]);
  });

  test('has no section for a code that no longer exists', () => {
    const stale = sections.filter((code) => !expected.has(code)).sort();
    expect(stale, '"### <code>" sections for unknown codes').toEqual([]);
  });

  test('has each section once', () => {
    const repeated = sections.filter((code, index) => sections.indexOf(code) !== index);
    expect(repeated).toEqual([]);
  });

  test('keeps the CLI exit codes', () => {
    expect(doc).toMatch(/^## corskit check$/m);
    for (const code of ['0', '1', '2']) expect(doc).toMatch(new RegExp(`^\\| \`${code}\` `, 'm'));
  });
});
