// A browser clock the test moves forward: clock/clock-shift.c, compiled once per test process and
// preloaded into every process of the browser, shifts the wall and monotonic clocks by an offset it
// reads from a file we rewrite in place. The preflight caches of all three engines run on the
// monotonic clock; the browser runs at normal speed in between, so a day of cache lifetime costs no
// real time. (libfaketime does the same but deadlocks Firefox at start-up: see the C file.)
import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SOURCE = fileURLToPath(new URL('./clock/clock-shift.c', import.meta.url));
const COMPILER = process.env['CC'] ?? 'cc';

export interface BrowserClock {
  /** The environment that puts a browser on this clock. */
  env: Record<string, string>;
  /** Moves the clock forward; every process of the browser sees it at its next clock read. */
  advance(ms: number): Promise<void>;
  /** How far ahead of real time the clock is. */
  offsetMs(): number;
  close(): Promise<void>;
}

let compiled: Promise<string> | undefined;

/** The shared object, built on first use into a directory that lives as long as this process. */
function compileShim(): Promise<string> {
  compiled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corskit-clock-shift-'));
    const library = join(dir, 'clock-shift.so');
    await promisify(execFile)(COMPILER, ['-shared', '-fPIC', '-O2', '-o', library, SOURCE, '-ldl']);
    process.once('exit', () => {
      void rm(dir, { recursive: true, force: true });
    });
    return library;
  })();
  return compiled;
}

/** A new clock at real time, or why there is none (no C compiler). */
export async function createBrowserClock(): Promise<BrowserClock | { error: string }> {
  let library: string;
  try {
    library = await compileShim();
  } catch (error) {
    compiled = undefined;
    return { error: `could not compile ${SOURCE} with ${COMPILER}: ${String(error)}` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'corskit-clock-'));
  const file = join(dir, 'offset');
  const fd = openSync(file, 'w+');
  let offsetNs = 0n;
  // The offset twice, so that a process reading during a write sees two different values, and retries.
  const write = () => {
    const slots = Buffer.alloc(16);
    slots.writeBigInt64LE(offsetNs, 0);
    slots.writeBigInt64LE(offsetNs, 8);
    writeSync(fd, slots, 0, 16, 0);
  };
  write();
  return {
    env: { LD_PRELOAD: library, CORSKIT_CLOCK_FILE: file },
    async advance(ms) {
      if (!Number.isInteger(ms) || ms <= 0) throw new Error(`the clock moves forward by whole ms, not ${ms}`);
      offsetNs += BigInt(ms) * 1_000_000n;
      write();
    },
    offsetMs: () => Number(offsetNs / 1_000_000n),
    async close() {
      closeSync(fd);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
