// Prints the BENCHMARKS.md table: each client's main entry bundled the same way (esbuild, browser,
// ESM, minified, NODE_ENV=production), gzipped. Run: node packages/fetch/scripts/measure-sizes.ts
import { bundle, createClientOnly, REPOSITORY_ROOT } from '../test/bundle-size.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB (${bytes} B)`;
const rows: Array<[string, number, number]> = [];

const ours = await createClientOnly();
rows.push([
  '@corskit/fetch createClient, contract client included (ky left out)',
  ours.entry.minified,
  ours.entry.gzipped,
]);
for (const chunk of ours.lazy) {
  const what = chunk.text.includes('CORS-safelisted')
    ? 'the CORS model, predict() only'
    : chunk.text.includes('checkResult')
      ? 'response validation, validate only'
      : 'download progress, onDownloadProgress only';
  rows.push([`  + on demand: ${what}`, 0, chunk.gzipped]);
}
const withKy = await bundle(`export { createClient } from '@corskit/fetch';`, {
  resolveDir: `${REPOSITORY_ROOT}/packages/fetch`,
});
rows.push(['@corskit/fetch createClient + ky', withKy.entry.minified, withKy.entry.gzipped]);

for (const [name, code] of [
  ['ky', `export { default } from 'ky';`],
  ['ofetch', `export * from 'ofetch';`],
  ['wretch', `export { default } from 'wretch';`],
  ['up-fetch', `export * from 'up-fetch';`],
  ['axios', `export { default } from 'axios';`],
  ['openapi-fetch', `export { default } from 'openapi-fetch';`],
  ['Hono hc (hono/client)', `export { hc } from 'hono/client';`],
] as const) {
  const measured = await bundle(code);
  rows.push([name, measured.entry.minified, measured.entry.gzipped]);
}

console.log('| bundle | minified | min+gzip |\n| --- | ---: | ---: |');
for (const [name, minified, gzipped] of rows) {
  console.log(`| ${name} | ${minified ? kb(minified) : '—'} | ${kb(gzipped)} |`);
}
