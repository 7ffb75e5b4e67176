import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests import the packages' sources; the built packages are checked by publint and attw.
// Exact matches, so that a subpath such as @corskit/server/msw is not read as the main entry.
export const alias = [
  { find: /^@corskit\/core$/, replacement: source('core/src/index.ts') },
  { find: /^@corskit\/server$/, replacement: source('server/src/index.ts') },
  {
    find: /^@corskit\/server\/(node|hono|msw|fastify|koa)$/,
    replacement: source('server/src/adapters/$1.ts'),
  },
  { find: /^@corskit\/contract$/, replacement: source('contract/src/index.ts') },
  { find: /^@corskit\/fetch$/, replacement: source('fetch/src/index.ts') },
  { find: /^@corskit\/cli$/, replacement: source('cli/src/index.ts') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
  },
});
