// Makes a browser trust a throwaway certificate authority the way a user or an administrator would:
// Chromium and Firefox through an NSS database (Debian's certutil, package libnss3-tools), WebKitGTK
// through the system bundle GnuTLS reads, swapped for the CA in a private mount namespace.
import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where GnuTLS (and so WebKitGTK's network process) reads the system's trusted CAs on Debian. */
const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * Creates an NSS database in `dbDir` (Chromium reads `$HOME/.pki/nssdb`, Firefox its profile
 * directory) that trusts `caFile` to issue server certificates.
 */
export async function trustInNssDb(dbDir: string, caFile: string): Promise<void> {
  await mkdir(dbDir, { recursive: true });
  const db = `sql:${dbDir}`;
  try {
    await run('certutil', ['-N', '-d', db, '--empty-password']);
    await run('certutil', ['-A', '-d', db, '-n', 'corskit throwaway test CA', '-t', 'C,,', '-i', caFile]);
  } catch (error) {
    throw new Error(`certutil could not make ${dbDir} trust the test CA (install libnss3-tools): ${error}`);
  }
}

let namespaces: Promise<boolean> | undefined;

/** Whether this machine lets us bind-mount over the system bundle in a private mount namespace. */
export function canSwapSystemBundle(): Promise<boolean> {
  namespaces ??= (async () => {
    try {
      await access(SYSTEM_BUNDLE);
      await run('unshare', ['--mount', '--fork', 'mount', '--bind', '/dev/null', SYSTEM_BUNDLE]);
      return true;
    } catch {
      return false;
    }
  })();
  return namespaces;
}

/**
 * The command that runs `command args` with `caFile` as the only CA GnuTLS trusts: in a private
 * mount namespace, the CA bind-mounted over the system bundle (the machine's own is untouched).
 */
export function withOnlyTrusted(caFile: string, command: string, args: string[]): [string, string[]] {
  const script = 'mount --bind "$0" "$1" && shift && exec "$@"';
  return ['unshare', ['--mount', '--fork', 'sh', '-c', script, caFile, SYSTEM_BUNDLE, command, ...args]];
}
