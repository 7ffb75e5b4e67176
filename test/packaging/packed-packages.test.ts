// Every package as a user gets it: packed with `pnpm pack`, installed from the tarballs into a
// fresh project, and every entry point CALLED through import and through require(), on each Node
// the entry claims (the machine's older Node and ours), plus @corskit/core in Deno, Bun and a Web
// Worker. Publint and attw check the export maps; only running the code shows a build that loads
// but breaks when called (a CommonJS default-import mix-up, a missing chunk, an ESM-only dependency).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Consumer,
  installPacked,
  type PackageJson,
  ROOT,
  runProbe,
  tarballFile,
  tarballFiles,
  workspacePackages,
} from './consumer.js';
import { PROBES, probeScript } from './probes.js';

const packages = workspacePackages();
const entries = packages.flatMap(({ entries }) => entries);
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

/** `x.y.z` → comparable numbers; missing parts are 0. */
const versionParts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
const atLeast = (version: string, minimum: string) => {
  const [a, b] = [versionParts(version), versionParts(minimum)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};
/** The lowest version an engines range such as `>=22.12.0` or `>= 18` admits. */
function minimumOf(range: string, owner: string): string {
  const match = /^\s*>=\s*(\d+(?:\.\d+){0,2})\s*$/.exec(range);
  if (match === null)
    throw new Error(`${owner}: engines.node ${JSON.stringify(range)} is not a ">=x.y.z" range`);
  return match[1]!;
}

/** The Nodes to run on: ours, and the machine's own when it is an older major (20 on these machines). */
const nodes = [{ path: process.execPath, version: process.versions.node }];
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path));
if (systemNode !== undefined) {
  const version = execFileSync(systemNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  if (versionParts(version)[0] !== versionParts(process.versions.node)[0])
    nodes.push({ path: systemNode, version });
}

/** Third-party packages the probes load, at the ranges the workspace develops against. */
const server = packages.find(({ manifest }) => manifest.name === '@corskit/server')!.manifest;
const peers = Object.fromEntries(
  Object.keys(server.peerDependencies ?? {}).map((name) => [name, server.devDependencies![name]!]),
);

let consumer: Consumer;
beforeAll(async () => {
  consumer = await installPacked(packages, peers);
}, 240_000);
afterAll(() => {
  if (consumer !== undefined) rmSync(consumer.dir, { recursive: true, force: true });
});

/** The manifest of `dependency` as `fromPackage` resolves it in the consumer. */
function installedManifest(fromPackage: string, dependency: string): PackageJson {
  const from = realpathSync(join(consumer.dir, 'node_modules', fromPackage));
  let dir = dirname(createRequire(join(from, 'package.json')).resolve(dependency));
  while (!existsSync(join(dir, 'package.json')) || readManifest(dir).name !== dependency) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json of ${dependency} above ${from}`);
    dir = parent;
  }
  return readManifest(dir);
}
const readManifest = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

describe('packed tarballs', () => {
  it.each(packages.map(({ manifest }) => manifest.name))(
    '%s ships LICENSE (MIT), README.md and its dist',
    async (name) => {
      const tarball = consumer.tarballs.get(name)!;
      const files = await tarballFiles(tarball);
      expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
      expect(files.some((file) => file.startsWith('dist/'))).toBe(true);
      const manifest = JSON.parse(await tarballFile(tarball, 'package.json')) as PackageJson;
      expect(manifest.license).toBe('MIT');
      expect(await tarballFile(tarball, 'LICENSE')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    },
  );
});

describe('the Node versions each entry claims', () => {
  it('every entry point has a probe (add one to test/packaging/probes.ts for a new entry)', () => {
    expect(entries.filter((entry) => PROBES[entry] === undefined)).toEqual([]);
  });

  it.each(packages.map(({ manifest }) => [manifest.name, manifest] as const))(
    "%s: engines.node is its entries' lowest claim",
    (name, manifest) => {
      const claims = packages
        .find((p) => p.manifest.name === name)!
        .entries.map((entry) => PROBES[entry]!.minNode);
      const lowest = claims.reduce((low, claim) => (atLeast(claim, low) ? low : claim));
      expect(manifest.engines?.node, `${name} package.json engines.node`).toBe(`>=${lowest}`);
    },
  );

  it.each(entries.filter((entry) => PROBES[entry]?.loads.length))(
    '%s claims at least what each package it loads needs (their engines)',
    (entry) => {
      const probe = PROBES[entry]!;
      const owner = packages.find(({ entries }) => entries.includes(entry))!.manifest.name;
      for (const dependency of probe.loads) {
        const range = installedManifest(owner, dependency).engines?.node;
        if (range === undefined) continue;
        const needed = minimumOf(range, dependency);
        expect(
          atLeast(probe.minNode, needed),
          `${entry} claims Node ${probe.minNode}; ${dependency} needs ${range}`,
        ).toBe(true);
      }
    },
  );
});

for (const node of nodes) {
  describe(`Node ${node.version}`, () => {
    const runnable = entries.filter((entry) => PROBES[entry] && atLeast(node.version, PROBES[entry].minNode));
    const file = (entry: string, format: string) =>
      `probe-${node.version}-${entry.replace(/\W+/g, '-')}.${format === 'esm' ? 'mjs' : 'cjs'}`;

    it.each(
      runnable.flatMap(
        (entry) =>
          [
            [entry, 'esm'],
            [entry, 'cjs'],
          ] as const,
      ),
    )('%s works through %s', async (entry, format) => {
      const probe = PROBES[entry]!;
      expect(await runProbe(consumer, node.path, file(entry, format), probeScript(probe, format))).toEqual(
        probe.expected,
      );
    });

    it.runIf(runnable.includes('@corskit/cli'))('the corskit command runs', () => {
      const command = join(consumer.dir, 'node_modules/@corskit/cli/bin/corskit.js');
      expect(execFileSync(node.path, [command, '--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+/);
    });
  });
}

describe('@corskit/core in other runtimes', () => {
  const core = PROBES['@corskit/core']!;
  /** The probe as an ES module body importing the installed package by file URL. */
  const esmBody = (print: string) => {
    const url = pathToFileURL(join(consumer.dir, 'node_modules/@corskit/core/dist/index.js')).href;
    return probeScript(core, 'esm')
      .replace('async (name) => import(name)', `async () => import(${JSON.stringify(url)})`)
      .replace('console.log(JSON.stringify(result))', `${print}(JSON.stringify(result))`);
  };
  const run = (command: string, args: string[]) =>
    JSON.parse(execFileSync(command, args, { encoding: 'utf8' }));

  it('loads in Deno', () => {
    expect(run(bin('deno'), ['eval', '--quiet', esmBody('console.log')])).toEqual(core.expected);
  });

  it('loads in Bun', () => {
    expect(run(bin('bun'), ['--eval', esmBody('console.log')])).toEqual(core.expected);
  });

  it('loads in a Web Worker (Deno)', () => {
    const worker = `data:text/javascript,${encodeURIComponent(esmBody('self.postMessage').replace('process.exit(1)', 'self.close()'))}`;
    const host = `
      const worker = new Worker(${JSON.stringify(worker)}, { type: 'module' });
      worker.onmessage = (event) => { console.log(event.data); worker.terminate(); };
      worker.onerror = (event) => { console.error(event.message); Deno.exit(1); };
    `;
    expect(run(bin('deno'), ['eval', '--quiet', host])).toEqual(core.expected);
  });
});
