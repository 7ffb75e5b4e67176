import { defineConfig } from 'tsup';

export default defineConfig({
  // `bin` is what bin/corskit.js loads; `index` is the library (check, formatReport, main).
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'es2022',
  sourcemap: true,
});
