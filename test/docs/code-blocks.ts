// The ```ts blocks of the repository's Markdown, and a type-checker that compiles each one as its
// own module the way a user's project would: strict, with @corskit/* resolved through the
// tsconfig paths and other packages from the node_modules beside the README.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** One fenced TypeScript block. */
export interface CodeBlock {
  /** Repository-relative Markdown file. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Words after the language in the info string (```ts fragment → ['fragment']). */
  flags: string[];
  code: string;
}

/** Markdown files whose examples users copy: every README.md (root, packages, examples) and docs/*.md. */
export function markdownFiles(root: string): string[] {
  const files = ['README.md'];
  for (const group of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, group))) {
      if (existsSync(join(root, group, name, 'README.md'))) files.push(`${group}/${name}/README.md`);
    }
  }
  for (const name of readdirSync(join(root, 'docs'))) if (name.endsWith('.md')) files.push(`docs/${name}`);
  return files.filter((file) => existsSync(join(root, file)));
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/;

/** The ```ts and ```typescript blocks of one Markdown file. */
export function typescriptBlocks(root: string, file: string): CodeBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (open === null) continue;
    const [, fence, language, rest] = open;
    const body: string[] = [];
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence!)) body.push(lines[end++]!);
    if (language === 'ts' || language === 'typescript') {
      blocks.push({ file, line: i + 1, flags: rest!.split(/\s+/).filter(Boolean), code: body.join('\n') });
    }
    i = end;
  }
  return blocks;
}

/** A block's files: `// @filename: name.ts` lines start a new one (as in the TypeScript playground). */
interface BlockFile {
  name: string;
  /** Line of the block (0-based) where this file's text starts. */
  firstLine: number;
  text: string;
}

const FILENAME = /^\s*\/\/\s*@filename:\s*(\S+)(?:\s.*)?$/;

function splitFiles(code: string): BlockFile[] {
  const files: BlockFile[] = [];
  let current: BlockFile = { name: 'example.ts', firstLine: 0, text: '' };
  const lines = code.split('\n');
  lines.forEach((line, index) => {
    const named = FILENAME.exec(line);
    if (named !== null) {
      if (current.text.trim() !== '') files.push(current);
      current = { name: named[1]!, firstLine: index + 1, text: '' };
    } else current.text += `${line}\n`;
  });
  files.push(current);
  return files;
}

/** What is wrong with a block: one line per TypeScript diagnostic, with the Markdown line. */
export type BlockProblems = Map<CodeBlock, string[]>;

/**
 * Type-checks every block as its own module in one program. Each block's files live in a virtual
 * folder beside its Markdown file, so bare imports resolve from that package's node_modules.
 */
export function typeCheckBlocks(root: string, blocks: CodeBlock[]): BlockProblems {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    moduleDetection: ts.ModuleDetectionKind.Force,
  };

  const virtual = new Map<string, { block: CodeBlock; file: BlockFile }>();
  blocks.forEach((block) => {
    const folder = join(root, dirname(block.file), `.example-${basename(block.file, '.md')}-${block.line}`);
    for (const file of splitFiles(block.code)) virtual.set(join(folder, file.name), { block, file });
  });

  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  // Every folder above a virtual file, up to the real one beside the Markdown file.
  const folders = new Set<string>();
  for (const path of virtual.keys()) {
    for (let dir = dirname(path); !existsSync(dir); dir = dirname(dir)) folders.add(dir);
  }
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.directoryExists = (path) => folders.has(path) || (directoryExists?.call(host, path) ?? true);
  host.readFile = (path) => virtual.get(path)?.file.text ?? readFile.call(host, path);
  host.getSourceFile = (path, language, onError, create) => {
    const entry = virtual.get(path);
    return entry === undefined
      ? getSourceFile.call(host, path, language, onError, create)
      : ts.createSourceFile(path, entry.file.text, language, true, ts.ScriptKind.TS);
  };

  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems: BlockProblems = new Map(blocks.map((block) => [block, []]));
  for (const [path, { block, file }] of virtual) {
    const source = program.getSourceFile(path)!;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const diagnostic of diagnostics) {
      const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const markdownLine = block.line + 1 + file.firstLine + line;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
      const where = file.name === 'example.ts' ? '' : ` (in ${file.name})`;
      problems.get(block)!.push(`${block.file}:${markdownLine}${where}: TS${diagnostic.code}: ${message}`);
    }
  }
  return problems;
}

/** `packages/fetch/README.md:57` */
export const blockName = (root: string, block: CodeBlock) =>
  `${relative(root, join(root, block.file))}:${block.line}`;
