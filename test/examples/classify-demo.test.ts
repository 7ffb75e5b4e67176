// The offline demo (node examples/demo/classify-demo.mjs) runs on the built packages and prints the verdicts the model
// gives; these rows are the ones the README and the engine table talk about.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../../examples/demo/classify-demo.mjs', import.meta.url));

describe('the classify demo', () => {
  const output = execFileSync(process.execPath, [demo], { encoding: 'utf8' });
  const row = (label: string) => {
    const line = output.split('\n').find((text) => text.startsWith(`${label}  `));
    if (line === undefined) throw new Error(`no row "${label}" in:\n${output}`);
    return line.slice(label.length).trim().split(/\s+/).slice(0, 4);
  };

  it('classifies the typical calls the same way in every engine', () => {
    expect(row('GET JSON')).toEqual(['simple', 'simple', 'simple', 'simple']);
    expect(row('POST JSON')).toEqual(['preflight', 'preflight', 'preflight', 'preflight']);
    expect(row('POST form')).toEqual(['simple', 'simple', 'simple', 'simple']);
    expect(row('PATCH')).toEqual(['preflight', 'preflight', 'preflight', 'preflight']);
    expect(row('GET Range bytes=0-1023')).toEqual(['simple', 'simple', 'simple', 'simple']);
    expect(row('GET long Accept')).toEqual(['preflight', 'preflight', 'preflight', 'preflight']);
  });

  it('shows where Chromium differs (client hints, User-Agent)', () => {
    expect(row('GET + Save-Data: on')).toEqual(['preflight', 'simple', 'preflight', 'preflight']);
    expect(row('GET + User-Agent')).toEqual(['preflight', 'simple', 'preflight', 'preflight']);
    expect(output).toContain('chromium drops user-agent');
  });

  it('explains each reason with what would avoid it', () => {
    expect(output).toMatch(/- method-not-safelisted: PATCH is not a CORS-safelisted method/);
    expect(output).toMatch(/- content-type-not-safelisted: .*text\/plain/);
  });
});
