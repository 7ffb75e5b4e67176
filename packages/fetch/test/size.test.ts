import { describe, expect, it } from 'vitest';
import { createClientOnly } from './bundle-size.js';

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
