// The built @corskit/core loads and works without the test aliases in every runtime it promises:
// Node 24 (ESM and CJS), the machine's own older Node, Deno, Bun, and a Web Worker (in Deno).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../packages/core/dist/', import.meta.url));
const esm = pathToFileURL(`${dist}index.js`).href;
const bin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

/** Exercises classify, createCorsFetch and CorsError; prints what it saw as JSON. */
const probe = (load: string, print = 'console.log') => `
  const core = ${load};
  const c = core.classify('https://api.example.com/x', { method: 'PUT' }, { origin: 'https://app.example.com', engine: 'firefox' });
  const corsFetch = core.createCorsFetch({ origin: 'https://app.example.com', fetch: async () => new Response('', { headers: { 'access-control-allow-origin': '*' } }) });
  const response = await corsFetch('https://api.example.com/y');
  const error = new core.CorsError('x', { code: 'allow-origin-missing', stage: 'response', url: 'u', origin: 'o' });
  ${print}(JSON.stringify({ preflight: c.preflight, reasons: c.reasons.map((r) => r.code), type: response.type, typeError: error instanceof TypeError }));
`;
const expected = { preflight: true, reasons: ['method-not-safelisted'], type: 'cors', typeError: true };

const run = (command: string, args: string[]) =>
  JSON.parse(execFileSync(command, args, { encoding: 'utf8' }));
const esmProbe = probe(`await import(${JSON.stringify(esm)})`);
const cjsProbe = `(async () => { ${probe(`require(${JSON.stringify(`${dist}index.cjs`)})`)} })()`;

describe('@corskit/core build', () => {
  it('has been built (npm test builds before testing)', () => {
    expect(existsSync(`${dist}index.js`), `no ${dist}index.js: run the build first`).toBe(true);
  });

  it(`loads as ESM in Node ${process.versions.node}`, () => {
    expect(run(process.execPath, ['--input-type=module', '-e', esmProbe])).toEqual(expected);
  });

  it(`loads as CJS in Node ${process.versions.node}`, () => {
    expect(run(process.execPath, ['-e', cjsProbe])).toEqual(expected);
  });

  // The machine's own Node (20 on the project's machines), when it is an older major than ours.
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path));
  const systemMajor = systemNode
    ? Number(execFileSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }))
    : 0;
  it.runIf(systemMajor >= 20 && systemMajor < 22)(
    `loads as ESM and CJS in the machine's Node ${systemMajor}`,
    () => {
      expect(run(systemNode!, ['--input-type=module', '-e', esmProbe])).toEqual(expected);
      expect(run(systemNode!, ['-e', cjsProbe])).toEqual(expected);
    },
  );

  it('loads in Deno', () => {
    expect(run(bin('deno'), ['eval', '--quiet', esmProbe])).toEqual(expected);
  });

  it('loads in Bun', () => {
    expect(run(bin('bun'), ['--eval', esmProbe])).toEqual(expected);
  });

  it('loads in a Web Worker (Deno)', () => {
    const worker = `data:text/javascript,${encodeURIComponent(probe(`await import(${JSON.stringify(esm)})`, 'self.postMessage'))}`;
    const host = `
      const worker = new Worker(${JSON.stringify(worker)}, { type: 'module' });
      worker.onmessage = (event) => { console.log(event.data); worker.terminate(); };
      worker.onerror = (event) => { console.error(event.message); Deno.exit(1); };
    `;
    expect(run(bin('deno'), ['eval', '--quiet', host])).toEqual(expected);
  });
});
