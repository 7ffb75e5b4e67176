// The built @corskit/core (ESM and CJS) loads and works without the test aliases, in this Node and
// in the machine's own Node when that is an older supported major (the package promises Node >= 20).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../packages/core/dist/', import.meta.url));
const script = `
  const core = %LOAD%;
  const c = core.classify('https://api.example.com/x', { method: 'PUT' }, { origin: 'https://app.example.com' });
  const f = core.createCorsFetch({ origin: 'https://app.example.com', fetch: async () => new Response('') });
  process.stdout.write(JSON.stringify({ preflight: c.preflight, fetch: typeof f, error: new core.CorsError('x', { code: 'allow-origin-missing', stage: 'response', url: 'u', origin: 'o' }) instanceof TypeError }));
`;
const expected = { preflight: true, fetch: 'function', error: true };

function run(node: string, format: 'esm' | 'cjs'): unknown {
  const load =
    format === 'esm'
      ? `await import(${JSON.stringify(`${dist}index.js`)})`
      : `require(${JSON.stringify(`${dist}index.cjs`)})`;
  const body = script.replace('%LOAD%', load);
  const args = format === 'esm' ? ['--input-type=module', '-e', body] : ['-e', body];
  return JSON.parse(execFileSync(node, args, { encoding: 'utf8' }));
}

describe('@corskit/core build', () => {
  it('has been built (npm test builds before testing)', () => {
    expect(existsSync(`${dist}index.js`), `no ${dist}index.js: run the build first`).toBe(true);
  });

  for (const format of ['esm', 'cjs'] as const) {
    it(`loads as ${format} in Node ${process.versions.node}`, () => {
      expect(run(process.execPath, format)).toEqual(expected);
    });
  }

  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
    (path) => existsSync(path) && path !== process.execPath,
  );
  const systemMajor = systemNode
    ? Number(execFileSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }))
    : 0;
  it.runIf(systemMajor >= 20 && systemMajor < 22)(
    `loads as esm and cjs in the machine's Node ${systemMajor}`,
    () => {
      expect(run(systemNode!, 'esm')).toEqual(expected);
      expect(run(systemNode!, 'cjs')).toEqual(expected);
    },
  );
});
