import { describe, expect, it } from 'vitest';
import { bundle, createClientOnly, REPOSITORY_ROOT } from './bundle-size.js';

const BUDGET_BYTES = 3072;

/** Text that only development diagnostics contain. */
const DIAGNOSTIC_TEXT = [
  '[corskit]',
  'will be preflighted',
  'round trip',
  'same-origin proxy',
  'Likely causes',
  'X-Decoded-Content-Length',
  'Access-Control-',
  'the policy',
];

describe('production bundle of createClient (ky left out)', async () => {
  const production = await createClientOnly('production');
  const development = await createClientOnly('development');

  it(`is at most ${BUDGET_BYTES} bytes minified and gzipped`, () => {
    expect(production.entry.gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('holds no diagnostic text, while the development bundle does', () => {
    for (const text of DIAGNOSTIC_TEXT) {
      expect(production.entry.text, text).not.toContain(text);
      expect(development.entry.text, text).toContain(text);
    }
  });

  it('loads the CORS model only when predict() asks for it', () => {
    expect(production.entry.text).not.toContain('CORS-safelisted');
    expect(production.lazy.some((chunk) => chunk.text.includes('CORS-safelisted'))).toBe(true);
    for (const chunk of production.lazy) expect(chunk.text).not.toContain('[corskit]');
  });
});

describe('an app typed by a contract', async () => {
  // What examples/browser-app ships: the example API's contract (valibot schemas) and the client.
  const app = await bundle(
    `import { apiContract } from './examples/api/src/contract.ts';
     import { createClient } from '@corskit/fetch';
     export const client = createClient({ api: apiContract(), baseUrl: 'https://api.example.com/' });`,
    { external: ['ky'], resolveDir: REPOSITORY_ROOT },
  );

  it('holds no server code', () => {
    expect(app.inputs.some((input) => input.includes('packages/contract/src/define.ts'))).toBe(true);
    expect(app.inputs.filter((input) => /packages\/server\/|node:/.test(input))).toEqual([]);
  });
});
