// OpenAPI at scale. (1) Type-checking the same calls on openapi-typescript's `paths` of GitHub's
// REST API (1223 operations) and Stripe's (452), through @corskit/fetch's createPathsClient and
// through openapi-fetch: tsc's check time (median of 3) and instantiations. (2) `corskit audit`
// wall time on those documents, GitHub's dereferenced one (73 MB) and a generated YAML document.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const setup = await import(join(root, 'packages/fetch/test/openapi/paths-setup.ts'));
await setup.generate();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log('Type-checking the same calls (tsc --extendedDiagnostics, median check time of 3 runs)\n');
console.log('| paths  | client            | instantiations | check time |');
console.log('| ------ | ----------------- | -------------: | ---------: |');
for (const name of ['github', 'stripe']) {
  const results = {};
  for (const variant of ['bare', 'ours', 'theirs']) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await setup.typeCheck(name, variant));
    if (!runs[0].ok) throw new Error(`${name}-${variant} does not type-check:\n${runs[0].errors}`);
    results[variant] = {
      instantiations: runs[0].instantiations,
      seconds: median(runs.map((r) => r.checkSeconds)),
    };
  }
  const row = (label, r) =>
    console.log(
      `| ${name.padEnd(6)} | ${label.padEnd(17)} | ${String(r.instantiations).padStart(14)} | ${`${r.seconds.toFixed(2)} s`.padStart(10)} |`,
    );
  row('paths alone', results.bare);
  row('createPathsClient', results.ours);
  row('openapi-fetch', results.theirs);
  console.log(
    `| ${name.padEnd(6)} | ratio (ours/theirs) | ${(results.ours.instantiations / results.theirs.instantiations).toFixed(3)} | ${(results.ours.seconds / results.theirs.seconds).toFixed(2)} |`,
  );
}

/** A document of `count` operations, each with a path param, a header, a JSON body and bearer auth. */
function bigDocument(count) {
  const paths = {};
  for (let i = 0; i < count; i++) {
    paths[`/things${i}/{id}`] = {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: { operationId: `get${i}`, responses: { 200: { $ref: '#/components/responses/Thing' } } },
      put: {
        operationId: `put${i}`,
        parameters: [{ name: 'X-Request-Id', in: 'header', schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        responses: { 200: { $ref: '#/components/responses/Thing' } },
      },
    };
  }
  const props = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`field${i}`, { type: 'string', description: 'x'.repeat(40) }]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Generated', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
      schemas: { Thing: { type: 'object', properties: props } },
      responses: {
        Thing: {
          description: 'a thing',
          content: { 'application/json': { schema: { type: 'object', properties: props } } },
        },
      },
    },
    paths,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'corskit-bench-'));
try {
  const { dump } = await import('js-yaml').catch(
    () => import(join(root, 'packages/cli/node_modules/js-yaml/dist/js-yaml.mjs')),
  );
  const generated = bigDocument(20_000);
  // Inline the schemas per operation so the file is big, as real generated documents are.
  const inflated = JSON.parse(
    JSON.stringify(generated).replaceAll(
      '{"$ref":"#/components/schemas/Thing"}',
      JSON.stringify(generated.components.schemas.Thing),
    ),
  );
  writeFileSync(join(dir, 'generated.json'), JSON.stringify(inflated));
  writeFileSync(join(dir, 'generated.yaml'), dump(bigDocument(5_000), { noRefs: true }));
  const files = [
    setup.DOCUMENTS.github,
    setup.DOCUMENTS.github.replace('api.github.com.json', 'api.github.com.deref.json'),
    setup.DOCUMENTS.stripe,
    join(dir, 'generated.json'),
    join(dir, 'generated.yaml'),
  ];
  console.log(
    '\n`corskit audit FILE --origin https://app.example.com --json` (all four engines), wall time, median of 3\n',
  );
  console.log('| document | size | operations | wall time |');
  console.log('| -------- | ---: | ---------: | --------: |');
  for (const file of files) {
    const times = [];
    let operations = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const run = spawnSync(
        process.execPath,
        [
          join(root, 'packages/cli/bin/corskit.js'),
          'audit',
          file,
          '--origin',
          'https://app.example.com',
          '--json',
        ],
        {
          maxBuffer: 1024 * 1024 * 1024,
          encoding: 'utf8',
        },
      );
      times.push(performance.now() - started);
      if (run.status !== 0) throw new Error(`audit of ${file} failed: ${run.stderr}`);
      operations = JSON.parse(run.stdout).summary.operations;
    }
    const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
    console.log(
      `| ${file.split('/').at(-1)} | ${mb} MB | ${operations} | ${(median(times) / 1000).toFixed(2)} s |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
