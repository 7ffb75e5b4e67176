// A fresh project that installs the packed tarballs the way a user installs the published
// packages: `pnpm pack` once per package, one install, nothing from the workspace.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PackageJson {
  name: string;
  version: string;
  license?: string;
  private?: boolean;
  type?: string;
  files?: string[];
  engines?: { node?: string };
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  dir: string;
  manifest: PackageJson;
  /** `@corskit/server`, `@corskit/server/msw`, ...: every subpath of `exports` but package.json. */
  entries: string[];
}

/** Every published package under packages/. */
export function workspacePackages(): WorkspacePackage[] {
  const packagesDir = join(ROOT, 'packages');
  return readdirSync(packagesDir)
    .filter((name) => existsSync(join(packagesDir, name, 'package.json')))
    .map((name) => {
      const dir = join(packagesDir, name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
      const entries = Object.keys(manifest.exports ?? { '.': null })
        .filter((subpath) => subpath !== './package.json')
        .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
      return { dir, manifest, entries };
    })
    .filter(({ manifest }) => manifest.private !== true);
}

export interface Consumer {
  dir: string;
  /** Tarball path by package name. */
  tarballs: Map<string, string>;
}

/**
 * Packs every package and installs the tarballs, with `peers` (name → range) beside them, into a
 * new temporary project. The tarballs' dependencies on each other resolve to the tarballs too.
 */
export async function installPacked(
  packages: WorkspacePackage[],
  peers: Record<string, string>,
): Promise<Consumer> {
  for (const { dir, manifest } of packages) {
    if (!existsSync(join(dir, 'dist'))) {
      throw new Error(`${manifest.name} has no dist/: build first (pnpm run build:quiet).`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'corskit-consumer-'));
  const packed = join(dir, 'tarballs');
  mkdirSync(packed);
  const tarballs = new Map<string, string>();
  await Promise.all(
    packages.map(async ({ dir: packageDir, manifest }) => {
      const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', packed], {
        cwd: packageDir,
      });
      tarballs.set(manifest.name, (JSON.parse(stdout) as { filename: string }).filename);
    }),
  );
  const own = Object.fromEntries([...tarballs].map(([name, path]) => [name, `file:${path}`]));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'corskit-consumer',
      private: true,
      dependencies: { ...own, ...peers },
      pnpm: { overrides: own },
    }),
  );
  // The store already holds every third-party package the workspace uses: no network needed.
  await run('pnpm', ['install', '--prefer-offline', '--ignore-scripts', '--reporter=silent'], {
    cwd: dir,
    env: { ...process.env, npm_config_ignore_workspace: 'true' },
  });
  return { dir, tarballs };
}

/** The files in a tarball, without the leading `package/`. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));
}

/** One file of a tarball, as text. */
export async function tarballFile(tarball: string, path: string): Promise<string> {
  const { stdout } = await run('tar', ['-xzOf', tarball, `package/${path}`]);
  return stdout;
}

/** Runs `script` (written to a file in the consumer, .mjs or .cjs) with `node`; its stdout parsed as JSON. */
export async function runProbe(
  consumer: Consumer,
  node: string,
  file: string,
  script: string,
  args: string[] = [],
): Promise<unknown> {
  const path = join(consumer.dir, file);
  writeFileSync(path, script);
  let stdout: string;
  try {
    ({ stdout } = await run(node, [...args, path], { cwd: consumer.dir, timeout: 60_000 }));
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${node} ${file} failed:\n${stderr || message}`);
  }
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}
