import { parseArgs } from 'node:util';
import { ENGINES, type Engine, isToken } from '@corskit/core';
import type { AuditCommand } from './audit/command.js';
import { type CheckOptions, parseOrigin, UsageError } from './options.js';

export const USAGE = `Usage: corskit check <url> --origin <origin> [options]
       corskit audit <openapi.json|yaml> --origin <origin> [--engine ...] [--json|--markdown]

Sends the preflight and the request the way each browser engine would, and says whether a page on
<origin> may make this call, and if not, which header lines to change on the server.

Options:
  --origin <origin>     the page origin the call comes from (required), e.g. https://app.example.com
  -X, --method <M>      the method (default GET), sent as written
  -H, --header <line>   a request header the script sets, 'Name: value' (repeatable)
  -d, --data <text>     a text body
  --credentials         credentials: 'include' (cookies): the stricter credentialed checks apply
  --engine <name>       all (default), spec, chromium, firefox or webkit; or a comma list
  --timeout <seconds>   for the whole check, every request included (default 10)
  --json                the report as JSON
  -h, --help            this text
  -v, --version         the version

Exit status: 0 allowed in every engine checked, 1 refused in at least one, 2 usage or network error.

audit predicts, for every operation of an OpenAPI 3.0/3.1 document, the request a generated client
sends and what each engine does with it, and prints the CORS the server needs to allow all of it.
  --server <url>        the API's base URL, instead of the document's servers
  --markdown            the report as Markdown (--json as JSON)
  --live                also send each operation's preflight (OPTIONS only) to the server and report
                        which operations its CORS refuses; --send also sends the GET and HEAD calls
Exit status: 0 audited (1 with --live when the server refuses one), 2 usage error or unreadable document.
`;

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions; json: boolean }
  | AuditCommand;

const AUDIT_ONLY = ['server', 'markdown', 'live', 'send'] as const;
const CHECK_ONLY = ['method', 'header', 'data', 'credentials'] as const;

/** Reads `corskit ...` arguments (without the node and script paths). */
export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, url, ...extra] = positionals;
  if (command === undefined) throw new UsageError('Say what to do: corskit check <url> --origin <origin>.');
  if (command !== 'check' && command !== 'audit')
    throw new UsageError(`Unknown command ${JSON.stringify(command)}: the commands are check and audit.`);
  const misplaced = (command === 'check' ? AUDIT_ONLY : CHECK_ONLY).find(
    (name) => values[name] !== undefined,
  );
  if (misplaced !== undefined) throw new UsageError(`--${misplaced} is not an option of ${command}.`);
  if (command === 'audit') return auditCommand(url, extra, values);
  if (url === undefined)
    throw new UsageError('check needs the URL to probe: corskit check <url> --origin <origin>.');
  if (extra.length > 0)
    throw new UsageError(
      `Unexpected argument ${JSON.stringify(extra[0])}: quote header lines, -H 'Name: value'.`,
    );
  if (values.origin === undefined) {
    throw new UsageError(
      '--origin is required: the origin of the page that makes the call, e.g. https://app.example.com.',
    );
  }
  const options: CheckOptions = {
    url,
    origin: values.origin,
    headers: (values.header ?? []).map(parseHeaderLine),
    credentials: values.credentials ?? false,
    engines: parseEngines(values.engine ?? 'all'),
  };
  if (values.method !== undefined) options.method = values.method;
  if (values.data !== undefined) options.body = values.data;
  if (values.timeout !== undefined) options.timeoutMs = parseSeconds(values.timeout) * 1000;
  return { kind: 'check', options, json: values.json ?? false };
}

function parseWithNode(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      origin: { type: 'string' },
      method: { type: 'string', short: 'X' },
      header: { type: 'string', short: 'H', multiple: true },
      data: { type: 'string', short: 'd' },
      credentials: { type: 'boolean' },
      engine: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
      server: { type: 'string' },
      markdown: { type: 'boolean' },
      live: { type: 'boolean' },
      send: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function auditCommand(
  file: string | undefined,
  extra: readonly string[],
  values: ReturnType<typeof parseWithNode>['values'],
): AuditCommand {
  if (file === undefined)
    throw new UsageError(
      'audit needs the OpenAPI document: corskit audit <openapi.json|yaml> --origin <origin>.',
    );
  if (extra.length > 0)
    throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}: audit reads one document.`);
  if (values.origin === undefined) {
    throw new UsageError(
      '--origin is required: the origin of the page that makes the calls, e.g. https://app.example.com.',
    );
  }
  if (values.json && values.markdown) throw new UsageError('--json and --markdown: choose one.');
  if (values.send && !values.live)
    throw new UsageError('--send goes with --live: it sends the GET and HEAD calls.');
  if (values.server !== undefined) parseServer(values.server);
  return {
    kind: 'audit',
    file,
    origin: parseOrigin(values.origin),
    engines: parseEngines(values.engine ?? 'all'),
    format: values.json ? 'json' : values.markdown ? 'markdown' : 'text',
    ...(values.server === undefined ? {} : { server: values.server }),
    live: values.live ?? false,
    send: values.send ?? false,
    ...(values.timeout === undefined ? {} : { timeoutMs: parseSeconds(values.timeout) * 1000 }),
  };
}

function parseServer(value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(
      `--server ${JSON.stringify(value)}: give the API's absolute http:// or https:// base URL.`,
    );
  }
}

function parseHeaderLine(line: string): [string, string] {
  const colon = line.indexOf(':');
  if (colon <= 0) throw new UsageError(`-H ${JSON.stringify(line)}: write a header as 'Name: value'.`);
  const name = line.slice(0, colon).trim();
  if (!isToken(name)) {
    throw new UsageError(`-H ${JSON.stringify(line)}: ${JSON.stringify(name)} is not a header name.`);
  }
  // The browser strips leading and trailing whitespace from values too.
  return [name, line.slice(colon + 1).trim()];
}

function parseEngines(value: string): Engine[] {
  if (value === 'all') return [...ENGINES];
  return value.split(',').map((name) => {
    const engine = name.trim();
    if (!(ENGINES as readonly string[]).includes(engine)) {
      throw new UsageError(
        `--engine ${JSON.stringify(engine)}: use all, ${ENGINES.join(', ')} (or a comma list).`,
      );
    }
    return engine as Engine;
  });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout ${JSON.stringify(value)}: give a positive number of seconds.`);
  }
  return seconds;
}
