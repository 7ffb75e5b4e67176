import { defineConfig } from 'tsup';

export default defineConfig([
  // The published build: development diagnostics stay behind process.env.NODE_ENV for the app's bundler.
  // ESM only, like ky: CommonJS callers load it with require(esm) (Node 20.19+, 22.12+), as they
  // would have to load ky anyway; a CJS copy would only add a second CorsError class.
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    clean: true,
    target: 'es2022',
    sourcemap: true,
  },
  // The production build, for bundlers that resolve the "production" condition: NODE_ENV folded,
  // every diagnostic gone, and the CORS model split into a chunk only predict() loads.
  {
    entry: { 'index.production': 'src/index.ts' },
    outDir: 'dist/production',
    format: ['esm'],
    target: 'es2022',
    minify: true,
    splitting: true,
    env: { NODE_ENV: 'production' },
  },
]);
