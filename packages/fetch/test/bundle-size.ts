import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
export const FETCH_ENTRY = here('../src/index.ts');
export const CORE_ENTRY = here('../../core/src/index.ts');
export const CONTRACT_ENTRY = here('../../contract/src/index.ts');
export const REPOSITORY_ROOT = here('../../..');

export interface Bundle {
  /** The entry chunk: what an app loads up front. */
  entry: { text: string; minified: number; gzipped: number };
  /** Chunks loaded on demand (dynamic imports), by file name. */
  lazy: Array<{ name: string; text: string; gzipped: number }>;
  /** Every source file that reached the bundle (repository-relative where inside it). */
  inputs: string[];
}

const gzipped = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

/**
 * Bundles `contents` the way an app's production build would (esbuild, browser, ESM, minified,
 * NODE_ENV=production) and measures the entry chunk gzipped. Packages in `external` are left out.
 */
export async function bundle(
  contents: string,
  options: { external?: string[]; resolveDir?: string; nodeEnv?: string } = {},
): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: options.resolveDir ?? REPOSITORY_ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: '/virtual-out',
    write: false,
    logLevel: 'silent',
    external: options.external ?? [],
    alias: {
      '@corskit/core': CORE_ENTRY,
      '@corskit/contract': CONTRACT_ENTRY,
      '@corskit/fetch': FETCH_ENTRY,
    },
    define: { 'process.env.NODE_ENV': JSON.stringify(options.nodeEnv ?? 'production') },
    metafile: true,
  });
  const [entryFile] = result.outputFiles;
  if (entryFile === undefined) throw new Error('esbuild produced no output');
  // What loads up front: the entry and every chunk it imports statically (code shared with a lazy
  // chunk is split out by esbuild, but the entry still needs it).
  const outputs = result.metafile.outputs;
  const key = (path: string) =>
    Object.keys(outputs).find((name) => path.endsWith(name.replace(/^(\.\.\/)+/, '/')));
  const upfront = new Set<string>();
  const visit = (name: string | undefined) => {
    if (name === undefined || upfront.has(name)) return;
    upfront.add(name);
    for (const imported of outputs[name]!.imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(key(imported.path));
    }
  };
  visit(key(entryFile.path));
  const files = result.outputFiles.filter((file) => upfront.has(key(file.path)!));
  const bytes = Buffer.concat(files.map((file) => file.contents));
  return {
    entry: {
      text: files.map((file) => file.text).join('\n'),
      minified: bytes.length,
      gzipped: gzipped(bytes),
    },
    lazy: result.outputFiles
      .filter((file) => !upfront.has(key(file.path)!))
      .map((chunk) => ({ name: chunk.path, text: chunk.text, gzipped: gzipped(chunk.contents) })),
    inputs: Object.values(outputs).flatMap((output) => Object.keys(output.inputs)),
  };
}

/** `createClient` alone, as an app imports it, ky left out. */
export const createClientOnly = (nodeEnv = 'production') =>
  bundle(`export { createClient } from ${JSON.stringify(FETCH_ENTRY)};`, { external: ['ky'], nodeEnv });
