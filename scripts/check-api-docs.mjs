// Fails when docs/api (the checked-in API reference) differs from what TypeDoc generates from the
// current sources, or when TypeDoc's validation fails. Regenerates into a temporary directory and
// compares file by file; docs/api itself is never touched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'docs/api');
const fix = 'run: bash scripts/run.sh docs';

const typedoc = join(dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin/typedoc');
const scratch = mkdtempSync(join(tmpdir(), 'corskit-api-'));
try {
  const run = spawnSync(process.execPath, [typedoc, '--out', scratch, '--logLevel', 'Warn'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    console.error(
      'API reference: TypeDoc failed (see above; fix the doc comments, then run: bash scripts/run.sh docs).',
    );
    process.exit(1);
  }
  const expected = files(scratch);
  const actual = files(committed);
  const differing = [...new Set([...expected.keys(), ...actual.keys()])].sort().flatMap((file) => {
    const want = expected.get(file);
    const have = actual.get(file);
    if (have === undefined) return [`  missing: docs/api/${file}`];
    if (want === undefined) return [`  stale:   docs/api/${file}`];
    return want.equals(have) ? [] : [`  changed: docs/api/${file}`];
  });
  if (differing.length > 0) {
    console.error(`API reference (docs/api) is out of date with the sources; ${fix}`);
    console.error(differing.join('\n'));
    process.exit(1);
  }
  console.log(`API reference up to date (${expected.size} files).`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Every file under `dir`, by path relative to it ('/'-separated), with its bytes. */
function files(dir) {
  const found = new Map();
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(relative(dir, path).split('\\').join('/'), readFileSync(path));
  }
  return found;
}
