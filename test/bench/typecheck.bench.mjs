// What a typed client costs the type checker: the same generated API of 50, 500 and 2,000 routes
// written for corskit (defineApi + createClient), ts-rest (initContract + initClient) and Hono
// (a chained app + hc), each with one call per route whose result is narrowed on status. Each
// project is checked by `tsc --noEmit --extendedDiagnostics` (the libraries' own .d.ts, skipLibCheck);
// we report check time and instantiations. The generated code goes to node_modules/.cache/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Under node_modules: the projects resolve hono and @ts-rest/core from there, and neither git,
// biome nor the repository's tsconfig look inside.
const out = join(root, 'node_modules', '.cache', 'corskit-typecheck-bench');
const tsc = join(root, 'node_modules/typescript/lib/tsc.js');
const SIZES = (process.env.TYPECHECK_SIZES ?? '50,500,2000').split(',').map(Number);

// The routes come in three shapes, in turn: a GET by id, a POST with a JSON body, a PATCH by id
// with a JSON body, a request header and a declared response header.
const shape = (i) => ['get', 'create', 'update'][i % 3];

const PRELUDE = `export interface Item { id: number; title: string; done: boolean }
export interface NotFound { error: 'not-found' }
`;

function corskit(n) {
  const routes = [];
  const calls = [];
  for (let i = 0; i < n; i++) {
    if (shape(i) === 'get') {
      routes.push(
        `r${i}: { method: 'GET', path: '/r${i}/:id', params: { id: type<string>() }, responses: { 200: type<Item>(), 404: type<NotFound>() } },`,
      );
      calls.push(
        `{ const a = await client.r${i}({ params: { id: '1' } }); if (a.status === 200) a.body.title; }`,
      );
    } else if (shape(i) === 'create') {
      routes.push(
        `r${i}: { method: 'POST', path: '/r${i}', body: type<{ title: string }>(), responses: { 201: type<Item>() } },`,
      );
      calls.push(
        `{ const a = await client.r${i}({ body: { title: 't' } }); if (a.status === 201) a.body.id; }`,
      );
    } else {
      routes.push(
        `r${i}: { method: 'PATCH', path: '/r${i}/:id', params: { id: type<string>() }, headers: { 'x-api-key': type<string>() }, body: type<{ done: boolean }>(), responses: { 200: { body: type<Item>(), headers: { etag: type<string>() } }, 404: type<NotFound>() } },`,
      );
      calls.push(
        `{ const a = await client.r${i}({ params: { id: '1' }, headers: { 'x-api-key': 'k' }, body: { done: true } }); if (a.status === 200) a.headers.etag; }`,
      );
    }
  }
  return {
    'api.ts': `import { defineApi, type } from '@corskit/contract';
${PRELUDE}
export const api = defineApi({
  cors: { origins: ['https://app.example.com'] },
  routes: {
${routes.join('\n')}
  },
});
`,
    'client.ts': `import { createClient } from '@corskit/fetch';
import { api } from './api.js';
const client = createClient({ api, baseUrl: 'https://api.example.com' });
${functions(calls)}
`,
  };
}

function tsRest(n) {
  const routes = [];
  const calls = [];
  for (let i = 0; i < n; i++) {
    if (shape(i) === 'get') {
      routes.push(
        `r${i}: { method: 'GET', path: '/r${i}/:id', responses: { 200: c.type<Item>(), 404: c.type<NotFound>() } },`,
      );
      calls.push(
        `{ const a = await client.r${i}({ params: { id: '1' } }); if (a.status === 200) a.body.title; }`,
      );
    } else if (shape(i) === 'create') {
      routes.push(
        `r${i}: { method: 'POST', path: '/r${i}', body: c.type<{ title: string }>(), responses: { 201: c.type<Item>() } },`,
      );
      calls.push(
        `{ const a = await client.r${i}({ body: { title: 't' } }); if (a.status === 201) a.body.id; }`,
      );
    } else {
      routes.push(
        `r${i}: { method: 'PATCH', path: '/r${i}/:id', headers: c.type<{ 'x-api-key': string }>(), body: c.type<{ done: boolean }>(), responses: { 200: c.type<Item>(), 404: c.type<NotFound>() } },`,
      );
      calls.push(
        `{ const a = await client.r${i}({ params: { id: '1' }, headers: { 'x-api-key': 'k' }, body: { done: true } }); if (a.status === 200) a.headers.get('etag'); }`,
      );
    }
  }
  return {
    'api.ts': `import { initContract } from '@ts-rest/core';
${PRELUDE}
const c = initContract();
export const api = c.router({
${routes.join('\n')}
});
`,
    'client.ts': `import { initClient } from '@ts-rest/core';
import { api } from './api.js';
const client = initClient(api, { baseUrl: 'https://api.example.com', baseHeaders: {} });
${functions(calls)}
`,
  };
}

function hono(n) {
  const routes = [];
  const calls = [];
  for (let i = 0; i < n; i++) {
    if (shape(i) === 'get') {
      routes.push(
        `.get('/r${i}/:id', (c) => c.req.param('id') === '0' ? c.json(notFound, 404) : c.json(item, 200))`,
      );
      calls.push(
        `{ const a = await client.r${i}[':id'].$get({ param: { id: '1' } }); if (a.status === 200) (await a.json()).title; }`,
      );
    } else if (shape(i) === 'create') {
      routes.push(
        `.post('/r${i}', validator('json', (v) => v as { title: string }), (c) => c.json(item, 201))`,
      );
      calls.push(
        `{ const a = await client.r${i}.$post({ json: { title: 't' } }); if (a.status === 201) (await a.json()).id; }`,
      );
    } else {
      routes.push(
        `.patch('/r${i}/:id', validator('header', (v) => v as unknown as { 'x-api-key': string }), validator('json', (v) => v as { done: boolean }), (c) => c.req.param('id') === '0' ? c.json(notFound, 404) : c.json(item, 200, { etag: '"1"' }))`,
      );
      calls.push(
        `{ const a = await client.r${i}[':id'].$patch({ param: { id: '1' }, header: { 'x-api-key': 'k' }, json: { done: true } }); if (a.status === 200) a.headers.get('etag'); }`,
      );
    }
  }
  return {
    'api.ts': `import { Hono } from 'hono';
import { validator } from 'hono/validator';
${PRELUDE}
const item: Item = { id: 1, title: 't', done: false };
const notFound: NotFound = { error: 'not-found' };
export const app = new Hono()
${routes.join('\n')};
export type AppType = typeof app;
`,
    'client.ts': `import { hc } from 'hono/client';
import type { AppType } from './api.js';
const client = hc<AppType>('https://api.example.com');
${functions(calls)}
`,
  };
}

/** The calls, 50 to a function (one function of 2,000 is too large for TypeScript's control flow analysis). */
function functions(calls) {
  const groups = [];
  for (let i = 0; i < calls.length; i += 50) {
    groups.push(`export async function run${i / 50}() {\n${calls.slice(i, i + 50).join('\n')}\n}`);
  }
  return groups.join('\n');
}

const LIBRARIES = { corskit, 'ts-rest': tsRest, 'hono hc': hono };

function project(name, files) {
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const dist = (pkg) => [relative(dir, join(root, `packages/${pkg}/dist/index.d.ts`))];
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['es2022', 'dom'],
        types: [],
        // The published declarations, as an app that installed the packages sees them.
        paths: {
          '@corskit/core': dist('core'),
          '@corskit/contract': dist('contract'),
          '@corskit/fetch': dist('fetch'),
        },
      },
      files: ['client.ts'],
    }),
  );
  return dir;
}

function check(dir) {
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', tsc, '-p', dir, '--extendedDiagnostics'],
    {
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  const text = `${run.stdout}\n${run.stderr}`;
  const figure = (label) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(text);
    return match === null ? null : Number(match[1]);
  };
  const errors = text.split('\n').filter((line) => /error TS\d+/.test(line));
  return {
    checkSeconds: figure('Check time'),
    instantiations: figure('Instantiations'),
    memoryKb: figure('Memory used'),
    errors,
    deep: errors.some((line) => line.includes('TS2589')),
    crashed: run.status !== 0 && errors.length === 0,
    // What a crash said (an out-of-memory abort, a stack overflow, a timeout).
    failure:
      run.status !== 0 && errors.length === 0
        ? (run.error?.message ?? (run.signal || text.trim().split('\n').slice(-3).join(' ')))
        : undefined,
  };
}

// The declarations the projects read: build the packages the way they are published.
for (const pkg of ['core', 'contract', 'fetch']) {
  const built = spawnSync(process.execPath, [join(root, 'node_modules/tsup/dist/cli-default.js')], {
    cwd: join(root, 'packages', pkg),
    encoding: 'utf8',
  });
  if (built.status !== 0)
    throw new Error(`building @corskit/${pkg} failed:\n${built.stdout}\n${built.stderr}`);
}

const rows = [];
for (const n of SIZES) {
  const measured = {};
  for (const [library, generate] of Object.entries(LIBRARIES)) {
    measured[library] = check(project(`${library.replace(/\W+/g, '-')}-${n}`, generate(n)));
    const m = measured[library];
    console.error(
      `${n} routes, ${library}: check ${m.checkSeconds} s, ${m.instantiations} instantiations${m.errors.length ? `, ${m.errors.length} errors: ${m.errors[0]}` : ''}${m.failure ? `, tsc failed: ${m.failure}` : ''}`,
    );
  }
  rows.push({ n, measured });
}

const fmt = (value, digits = 0) =>
  value === null
    ? '—'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  '\n| routes | library | check time | instantiations | errors | corskit / it (time) | corskit / it (instantiations) |',
);
console.log('| ---: | --- | ---: | ---: | --- | ---: | ---: |');
for (const { n, measured } of rows) {
  const ours = measured.corskit;
  for (const [library, m] of Object.entries(measured)) {
    const ratio = (a, b) =>
      a === null || b === null || library === 'corskit' ? '' : `**${(a / b).toFixed(2)}**`;
    const errors = m.deep
      ? 'excessively deep (TS2589)'
      : m.crashed
        ? 'tsc failed'
        : m.errors.length
          ? `${m.errors.length} errors`
          : 'none';
    console.log(
      `| ${fmt(n)} | ${library} | ${fmt(m.checkSeconds, 2)} s | ${fmt(m.instantiations)} | ${errors} | ${ratio(ours.checkSeconds, m.checkSeconds)} | ${ratio(ours.instantiations, m.instantiations)} |`,
    );
  }
}
