import { EXIT, main } from './main.js';

let settled = false;

// Every run ends in a verdict or a message. Should the check ever be left waiting on nothing (the
// event loop empty, which would end the process with status 0 and no output), say so and exit 2.
// The check's own beforeExit handler runs first and turns a lost request into a NetworkFailure;
// the immediate lets that settle before this one judges.
process.on('beforeExit', () => {
  setImmediate(() => {
    if (settled) return;
    settled = true;
    process.stderr.write(
      'corskit: the check ended without a verdict (an internal error): please report it.\n',
    );
    exit(EXIT.error);
  });
});

main(process.argv.slice(2)).then((status) => {
  if (settled) return;
  settled = true;
  exit(status);
});

/**
 * Exits once stdout and stderr have been written out: a request the check gave up on (a TLS
 * handshake that never ends) must not keep the process alive after the verdict.
 */
function exit(status: number): void {
  process.exitCode = status;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
}
