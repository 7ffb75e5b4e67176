import { parseCommand, USAGE } from './args.js';
import { runAudit } from './audit/command.js';
import { DocumentError } from './audit/load.js';
import { check } from './check.js';
import { formatReport } from './format.js';
import { NetworkFailure } from './network.js';
import { UsageError } from './options.js';
import { VERSION } from './version.js';

/** Where the command writes: process.stdout and process.stderr, or a test's buffer. */
export interface Output {
  /** Writes a chunk of text. */
  write(text: string): unknown;
}

/** Exit statuses: the call is allowed in every engine, refused in one at least, or could not be checked. */
export const EXIT = {
  /** Allowed in every engine checked (also --help and --version). */
  allowed: 0,
  /** Refused in at least one engine. */
  refused: 1,
  /** A usage error, or the server could not be checked. */
  error: 2,
} as const;

/**
 * The `corskit` command, without touching process: writes to the given streams and resolves to the
 * exit status.
 */
export async function main(
  argv: readonly string[],
  io: { stdout: Output; stderr: Output } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      io.stdout.write(USAGE);
      return EXIT.allowed;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.allowed;
    }
    if (command.kind === 'audit') {
      const { text, status } = await runAudit(command);
      io.stdout.write(text);
      return status;
    }
    const report = await check(command.options);
    io.stdout.write(command.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.allowed ? EXIT.allowed : EXIT.refused;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`corskit: ${error.message}\nRun corskit --help for the options.\n`);
    } else if (error instanceof NetworkFailure || error instanceof DocumentError) {
      io.stderr.write(`corskit: ${error.message}\n`);
    } else {
      io.stderr.write(
        `corskit: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    return EXIT.error;
  }
}
