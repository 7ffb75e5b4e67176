// The built `corskit audit` as a user runs it, on the project's Node and the machine's own (20):
// its formats, its exit status, and a clear message (never a stack trace) for every document it
// cannot read and every usage error.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/corskit.js', import.meta.url));
const SHOP = fileURLToPath(new URL('./fixtures/shop.yaml', import.meta.url));
const APP = 'https://app.example.com';
const dir = mkdtempSync(join(tmpdir(), 'corskit-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function corskit(args: string[], node = process.execPath) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      node,
      [BIN, ...args],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path));
const nodes: Array<[string, string]> = [
  ['the project’s Node', process.execPath],
  ...(systemNode === undefined ? [] : ([['the machine’s Node', systemNode]] as Array<[string, string]>)),
];

describe.each(nodes)('corskit audit on %s', (_, node) => {
  it('prints the summary first, then each operation and the CORS the server needs; exit 0', async () => {
    const run = await corskit(['audit', SHOP, '--origin', APP], node);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Shop 1 (OpenAPI 3.1.0): 8 operations, 8 cross-origin from ${APP}`);
    expect(lines.slice(2, 5)).toEqual([
      '                               spec  chromium  firefox  webkit',
      'preflight                         7         7        7       7',
      'no preflight                      1         1        1       1',
    ]);
    expect(run.stdout).toContain(
      '  GET /items  listItems: preflight: header-not-safelisted (x-api-key)\n    avoid: use queryKey (query api_key)\n',
    );
    expect(run.stdout).toContain(
      "  export const policy = definePolicy({\n    origins: ['https://app.example.com'],\n",
    );
    expect(run.stdout).toContain('  Access-Control-Allow-Methods: DELETE, PATCH, PUT\n');
  });

  it('--json gives the whole report', async () => {
    const run = await corskit(['audit', SHOP, '--origin', APP, '--engine', 'webkit', '--json'], node);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary.engines).toEqual([expect.objectContaining({ engine: 'webkit', preflight: 7 })]);
    expect(report.operations).toHaveLength(8);
  });

  it('--markdown gives tables', async () => {
    const run = await corskit(['audit', SHOP, '--origin', APP, '--markdown'], node);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| preflight | 7 | 7 | 7 | 7 |');
    expect(run.stdout).toContain(
      '| listItems | GET | `/items` | preflight: header-not-safelisted (x-api-key) |',
    );
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.json'), /^corskit: Cannot read .*nope\.json: no such file\.\n$/],
    [
      'invalid JSON',
      () => file('bad.json', '{"openapi": "3.0.0",, }'),
      /^corskit: .*bad\.json is not valid JSON: .*\.\n$/,
    ],
    [
      'invalid YAML',
      () => file('bad.yaml', 'openapi: 3.0.0\n paths: [\n'),
      /^corskit: .*bad\.yaml is not valid YAML at line 2, column \d+: .*\.\n$/,
    ],
    [
      'a $ref to nothing',
      () =>
        file(
          'ref.yaml',
          "openapi: 3.0.0\npaths:\n  /x:\n    get:\n      parameters: [{ $ref: '#/components/parameters/Id' }]\n",
        ),
      /^corskit: .*ref\.yaml at #\/paths\/~1x\/get\/parameters\/0: the \$ref "#\/components\/parameters\/Id" points at nothing: "components" does not exist\.\n$/,
    ],
    [
      'a Swagger 2 document',
      () => file('swagger.json', '{"swagger":"2.0"}'),
      /^corskit: .*swagger\.json at #\/openapi: this is a Swagger 2\.0 document/,
    ],
    [
      'a $ref to a missing file',
      () => file('external.yaml', 'openapi: 3.0.0\npaths:\n  /x:\n    $ref: ./missing.yaml#/x\n'),
      /^corskit: .*external\.yaml: an external \$ref cannot be resolved: .*missing\.yaml/,
    ],
  ])('exits 2 on %s, saying where, without a stack trace', async (_, make, message) => {
    const run = await corskit(['audit', make(), '--origin', APP], node);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['audit', '--origin', APP], 'audit needs the OpenAPI document'],
    [['audit', SHOP], '--origin is required'],
    [
      ['audit', SHOP, '--origin', 'https://app.example.com/'],
      'is not an origin (did you mean https://app.example.com?)',
    ],
    [['audit', SHOP, '--origin', APP, '--json', '--markdown'], '--json and --markdown: choose one.'],
    [['audit', SHOP, '--origin', APP, '--engine', 'edge'], '--engine "edge": use all'],
    [['audit', SHOP, '--origin', APP, '-X', 'PUT'], '--method is not an option of audit.'],
    [['audit', SHOP, '--origin', APP, '--send'], '--send goes with --live'],
    [['audit', SHOP, '--origin', APP, '--server', 'api.example.com'], '--server "api.example.com"'],
    [
      ['check', 'https://api.example.com', '--origin', APP, '--markdown'],
      '--markdown is not an option of check.',
    ],
  ])('usage error %j: exit 2 and a pointer to --help', async (args, message) => {
    const run = await corskit(args, node);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Run corskit --help for the options.');
  });
});
