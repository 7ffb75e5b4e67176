import { defineConfig } from 'tsup';

export default defineConfig({
  // One bundle per export: the main entry and one per adapter subpath (@corskit/server/node, ...).
  entry: {
    index: 'src/index.ts',
    node: 'src/adapters/node.ts',
    hono: 'src/adapters/hono.ts',
    msw: 'src/adapters/msw.ts',
    fastify: 'src/adapters/fastify.ts',
    koa: 'src/adapters/koa.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
});
