// The quick-start demo (npm run demo): the example API started in the background, checked with
// `corskit check` for typical calls. These rows are what the README shows a newcomer.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../../examples/demo/check-demo.ts', import.meta.url));

describe('the quick-start demo', () => {
  let output = '';
  let exitCode: number | null = null;
  beforeAll(async () => {
    // PORT=0: any free port, so that the test never collides with a running demo.
    await new Promise<void>((resolve) => {
      const child = execFile(
        process.execPath,
        [demo],
        { env: { ...process.env, PORT: '0' }, timeout: 30_000 },
        (_, stdout) => {
          output = stdout;
          resolve();
        },
      );
      child.on('exit', (code) => {
        exitCode = code;
      });
    });
  }, 40_000);

  const row = (label: string) => {
    const line = output.split('\n').find((text) => text.startsWith(`${label}  `));
    if (line === undefined) throw new Error(`no row "${label}" in:\n${output}`);
    return line.slice(label.length).trim().split(/ {2,}/);
  };

  it('exits by itself, successfully', () => {
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^The example API runs on http:\/\/localhost:\d+;/);
  });

  it('shows the calls the example app makes as allowed, preflighted where they must be', () => {
    expect(row('GET /items')).toEqual(['200', '200', '200', '200']);
    expect(row('PATCH /items/1, JSON + X-API-Key')).toEqual(['200*', '200*', '200*', '200*']);
    expect(row('GET /me, with credentials')).toEqual(['401', '401', '401', '401']);
    expect(row('GET /report.csv')).toEqual(['200, total', '200, total', '200, total', '200, total']);
  });

  it('prints the table the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const shown = /```\n(call {2}[\s\S]*?)\n\n\* preflighted/.exec(readme)?.[1];
    const printed = /\n(call {2}[\s\S]*?)\n\n\* preflighted/.exec(output)?.[1];
    expect(shown).toBeDefined();
    expect(shown).toBe(printed);
  });

  it('shows the refusals, and where Chromium differs', () => {
    expect(row('GET /items + Save-Data: on')).toEqual(['refused*', '200', 'refused*', 'refused*']);
    expect(row('GET /items + X-Debug: 1')).toEqual(['refused*', 'refused*', 'refused*', 'refused*']);
    expect(row('GET /items from https://evil.example')).toEqual(['refused', 'refused', 'refused', 'refused']);
    expect(output).toContain(
      'the server would need Access-Control-Allow-Origin: http://localhost:5173 / Access-Control-Allow-Headers: x-debug',
    );
  });
});
