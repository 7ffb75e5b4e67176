// The contract's README examples compile: every ```ts block of packages/contract/README.md, the
// contract's part of the root README and of packages/server/README.md, type-checked as a module
// of its own (placed in the package it documents, so its imports resolve as a user's would).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function blocks(file: string, from?: string, to?: string): string[] {
  let text = readFileSync(join(root, file), 'utf8');
  if (from !== undefined) text = text.slice(text.indexOf(from));
  if (to !== undefined) text = text.slice(0, text.indexOf(to));
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

const SOURCES = [
  { file: 'packages/contract/README.md', dir: 'packages/contract/test' },
  { file: 'README.md', dir: 'packages/server/test', from: '### @corskit/contract', to: '### @corskit/core' },
  {
    file: 'packages/server/README.md',
    dir: 'packages/server/test',
    from: '## Serving a contract',
    to: '## Options',
  },
];

test('the contract README examples type-check', () => {
  const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const virtual = new Map<string, string>();
  for (const { file, dir, from, to } of SOURCES) {
    const found = blocks(file, from, to);
    expect(found.length, file).toBeGreaterThan(0);
    found.forEach((code, index) => {
      virtual.set(join(root, dir, `readme-${virtual.size}-${index}.ts`), code);
    });
  }
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.getSourceFile = (name, language, onError) =>
    virtual.has(name)
      ? ts.createSourceFile(name, virtual.get(name)!, language, true)
      : getSourceFile(name, language, onError);
  const program = ts.createProgram([...virtual.keys()], { ...options, noEmit: true }, host);
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file !== undefined && virtual.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return `${diagnostic.file!.fileName.slice(root.length)}:${line + 1} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
  expect(problems).toEqual([]);
}, 120_000);
