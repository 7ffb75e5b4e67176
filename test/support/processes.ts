import { execFile, spawn } from 'node:child_process';

const OUTPUT_TAIL_CHARS = 4000;

export interface Launched {
  /** Settles when the process exits, or with the spawn error when it could not start. */
  exited: Promise<string>;
  /** The last few thousand characters the process printed (stdout and stderr). */
  outputTail(): string;
  /** Ends the whole process group: SIGTERM, then SIGKILL after `graceMs`. Never hangs. */
  kill(graceMs?: number): Promise<void>;
}

/**
 * Starts a program in its own process group, so that the browser and every helper it forks
 * (renderers, content processes, Xvfb) can be ended together.
 */
export function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Launched {
  const child = spawn(command, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let running = true;
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => {
      running = false;
      resolve(`could not start ${command}: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      running = false;
      resolve(`${command} exited (${signal ?? `code ${code}`})`);
    });
  });

  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  return {
    exited,
    outputTail: () => output,
    kill: async (graceMs = 2000) => {
      signalGroup('SIGTERM');
      if (running) await Promise.race([exited, delay(graceMs)]);
      // Helpers may outlive the group leader; SIGKILL whatever is left of the group.
      signalGroup('SIGKILL');
      await Promise.race([exited, delay(500)]);
    },
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Runs a short command (like `--version`) and returns its trimmed stdout, or null on any failure. */
export function readOutput(command: string, args: string[], timeoutMs = 10_000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout) => {
      resolve(error ? null : stdout.trim());
    });
  });
}
