// Bundles a page module for the browser with the packages' sources, as the real-browser tests load it.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** `entry` is relative to the repository root; dev builds keep @corskit/fetch's warnings. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const bundled = await build({
    entryPoints: [root(entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    nodePaths: [root('packages/fetch/node_modules')],
    alias: {
      '@corskit/fetch': root('packages/fetch/src/index.ts'),
      '@corskit/core': root('packages/core/src/index.ts'),
      '@corskit/contract': root('packages/contract/src/index.ts'),
    },
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  return bundled.outputFiles[0]!.text;
}
