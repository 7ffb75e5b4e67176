// The built `corskit` command against real servers over HTTP and HTTPS: what it prints, its exit
// status, and its messages for each way the network can fail. Runs on the build (npm test builds
// first), as a user would run it.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  type AddressInfo,
  createServer as createNetServer,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePolicy } from '@corskit/server';
import { withCorsListener } from '@corskit/server/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../../test/support/certificates.ts';

const BIN = fileURLToPath(new URL('../bin/corskit.js', import.meta.url));
const APP = 'http://localhost:5173';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built command; a run still going after `killAfterMs` is killed and has status -1. */
function corskit(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  node = process.execPath,
  killAfterMs = 30_000,
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      node,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: killAfterMs },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

// The project's Node and the machine's own (20 on the project's machines), which the CLI supports:
// Node 20's fetch fails differently (it can lose a request outright), so every failure runs on both.
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path));
const NODES: Array<[label: string, node: string]> = [
  [`Node ${process.version} (the project’s)`, process.execPath],
  ...(systemNode === undefined
    ? []
    : [
        [
          `Node ${execFileSync(systemNode, ['--version'], { encoding: 'utf8' }).trim()} (the machine's)`,
          systemNode,
        ] as [string, string],
      ]),
];

const policy = definePolicy({
  origins: [APP],
  methods: ['PATCH'],
  requestHeaders: ['content-type', 'x-api-key'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: 600,
});
const seen: string[] = [];
const listener: RequestListener = withCorsListener(policy, (request, response) => {
  if (request.url === '/hang') return; // never answers
  response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r1' });
  response.end('{"ok":true}');
});
const counting: RequestListener = (request, response) => {
  seen.push(`${request.method} ${request.url}`);
  listener(request, response);
};

/** Raw TCP servers that misbehave in one way each, by name. */
const HOSTILE: Record<string, (socket: Socket) => void> = {
  // Closes every connection at once (Node 20's fetch then never settles an OPTIONS).
  closes: (socket) => socket.destroy(),
  // Accepts and never says a word: a TLS handshake to it never ends.
  silent: () => {},
  // Answers every request with 100 Continue, forever.
  continues: (socket) => {
    const timer = setInterval(() => socket.write('HTTP/1.1 100 Continue\r\n\r\n'), 20);
    socket.on('close', () => clearInterval(timer));
  },
  // One 64 KB response header.
  'long-header': (socket) =>
    socket.once('data', () => socket.write(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)),
  // 10,000 response headers.
  'many-headers': (socket) =>
    socket.once('data', () =>
      socket.write(
        `HTTP/1.1 200 OK\r\n${Array.from({ length: 10_000 }, (_, i) => `x-h${i}: v\r\n`).join('')}\r\n`,
      ),
    ),
  // Something that is not HTTP.
  'not-http': (socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.2\r\n')),
};
const hostile: Record<string, string> = {};
const rawServers: NetServer[] = [];

let http: Server;
let https: Server;
let httpOrigin: string;
let httpsOrigin: string;
let certDir: string;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(String((server.address() as AddressInfo).port))),
  );
}

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'corskit-cli-'));
  // A self-signed certificate for 127.0.0.1: trusted only when NODE_EXTRA_CA_CERTS names it.
  const { key, cert } = selfSignedCertificate(certDir, 'IP:127.0.0.1');
  http = createHttpServer(counting);
  https = createHttpsServer({ key, cert }, counting);
  for (const [name, behave] of Object.entries(HOSTILE)) {
    const server = createNetServer((socket) => {
      socket.on('error', () => {});
      behave(socket);
    });
    rawServers.push(server);
    hostile[name] = await listen(server as unknown as Server);
  }
  httpOrigin = `http://127.0.0.1:${await listen(http)}`;
  httpsOrigin = `https://127.0.0.1:${await listen(https)}`;
});

afterAll(async () => {
  for (const server of [http, https]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const server of rawServers) server.close();
  rmSync(certDir, { recursive: true, force: true });
});

describe('corskit check over HTTP', () => {
  it('exits 0 for an allowed call and prints the verdict per engine', async () => {
    seen.length = 0;
    const run = await corskit([
      'check',
      `${httpOrigin}/items/1`,
      '--origin',
      APP,
      '-X',
      'PATCH',
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-API-Key: k',
      '-d',
      '{}',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^chromium +yes +allowed \(200\) +600 s/m);
    expect(run.stdout).toMatch(/^webkit +yes +allowed \(200\) +600 s/m);
    expect(run.stdout).toContain('Readable response headers (every engine):\n  content-type, x-request-id');
    expect(run.stdout).toContain('Allowed in every engine.');
    // The preflight and the call, once each, for the four engines.
    expect(seen).toEqual(['OPTIONS /items/1', 'PATCH /items/1']);
  });

  it('exits 1 for a refused call and prints the lines to send', async () => {
    seen.length = 0;
    const run = await corskit(['check', `${httpOrigin}/items`, '--origin', APP, '-H', 'X-Debug: 1']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^spec +yes +refused: allow-origin-missing/m);
    expect(run.stdout).toContain('Access-Control-Allow-Headers: x-debug');
    expect(run.stdout).toContain('Refused in every engine.');
    expect(seen).toEqual(['OPTIONS /items']);
  });

  it('prints the report as JSON with --json', async () => {
    const run = await corskit([
      'check',
      `${httpOrigin}/items`,
      '--origin',
      APP,
      '--engine',
      'firefox',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ allowed: true, method: 'GET', origin: APP });
    expect(report.engines).toEqual([
      expect.objectContaining({ engine: 'firefox', allowed: true, status: 200 }),
    ]);
  });

  it.runIf(systemNode !== undefined)('runs on the machine’s own Node', async () => {
    const run = await corskit(['check', `${httpOrigin}/items`, '--origin', APP], {}, systemNode);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('corskit check over HTTPS', () => {
  it('checks a server whose certificate is trusted', async () => {
    const run = await corskit(['check', `${httpsOrigin}/items`, '--origin', APP], {
      NODE_EXTRA_CA_CERTS: join(certDir, 'cert.pem'),
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`GET ${httpsOrigin}/items -> 200 (every engine)`);
  });
});

describe.each(NODES)(
  'on %s, network failures exit 2 with a message that says what happened',
  (_label, node) => {
    const run = (args: string[], killAfterMs?: number, env: NodeJS.ProcessEnv = {}) =>
      corskit(args, env, node, killAfterMs);

    it('a certificate the browser would not trust', async () => {
      const result = await run(['check', `${httpsOrigin}/items`, '--origin', APP], undefined, {
        NODE_EXTRA_CA_CERTS: '',
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^corskit: TLS failure with https:\/\/127\.0\.0\.1:\d+: self-signed certificate.*\(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
      );
    });

    it('an https: URL on a port that speaks plain HTTP', async () => {
      const result = await run(['check', `${httpOrigin.replace('http:', 'https:')}/items`, '--origin', APP]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('does not speak TLS');
    });

    it('nothing listening', async () => {
      const closed = createHttpServer();
      const port = await listen(closed);
      await new Promise((resolve) => closed.close(resolve));
      const result = await run(['check', `http://127.0.0.1:${port}/`, '--origin', APP]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `corskit: Cannot connect to http://127.0.0.1:${port}: nothing listens on 127.0.0.1 port ${port} (ECONNREFUSED).\n`,
      );
    });

    it('a host name that does not resolve', async () => {
      const result = await run(['check', 'http://corskit-test.invalid/', '--origin', APP]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Cannot resolve the host name "corskit-test.invalid"');
    });

    it('no answer within the timeout', async () => {
      const result = await run(['check', `${httpOrigin}/hang`, '--origin', APP, '--timeout', '0.5']);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `corskit: No answer from ${httpOrigin} within 0.5 s (--timeout to wait longer).\n`,
      );
    });

    it('a TLS port that accepts and never answers: --timeout bounds the handshake too', async () => {
      const origin = `https://127.0.0.1:${hostile.silent}`;
      // Killed after 8 s: before the fix the run took Node's own 10 s connect timeout, whatever --timeout said.
      const result = await run(['check', `${origin}/`, '--origin', APP, '--timeout', '1'], 8_000);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `corskit: No answer from ${origin} within 1 s (--timeout to wait longer).\n`,
      );
    });

    it('a port browsers refuse to connect to', async () => {
      const result = await run(['check', 'http://127.0.0.1:6000/', '--origin', APP]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Browsers never connect to port 6000');
    });

    it.each([
      ['a simple GET', []],
      ['a preflighted PUT', ['-X', 'PUT']],
    ])('a server that closes the connection at once, for %s', async (_call, extra) => {
      const origin = `http://127.0.0.1:${hostile.closes}`;
      const result = await run(['check', `${origin}/`, '--origin', APP, ...extra]);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        new RegExp(
          `^corskit: ${origin.replaceAll('.', '\\.')} closed the connection before answering.*\\.\\n$`,
        ),
      );
      expect(result.status).toBe(2);
    });

    it('a server that answers 100 Continue forever', async () => {
      const origin = `http://127.0.0.1:${hostile.continues}`;
      const result = await run(['check', `${origin}/`, '--origin', APP]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^corskit: http:\/\/127\.0\.0\.1:\d+ answered 100 Continue, which the request never asked for/,
      );
      expect(result.stderr).not.toContain('closed the connection');
    });

    it.each(['long-header', 'many-headers'])(
      'a server whose response headers are too large (%s)',
      async (name) => {
        const origin = `http://127.0.0.1:${hostile[name]}`;
        const result = await run(['check', `${origin}/`, '--origin', APP]);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(
          /^corskit: http:\/\/127\.0\.0\.1:\d+ sent response headers larger than Node reads \(16384 bytes in all; UND_ERR_HEADERS_OVERFLOW\)/,
        );
        expect(result.stderr).toContain('NODE_OPTIONS=--max-http-header-size=');
        expect(result.stderr).not.toContain('Headers Overflow Error');
      },
    );

    it('a server that does not speak HTTP', async () => {
      const origin = `http://127.0.0.1:${hostile['not-http']}`;
      const result = await run(['check', `${origin}/`, '--origin', APP]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^corskit: http:\/\/127\.0\.0\.1:\d+ answered with something that is not valid HTTP\/1\.1 \(/,
      );
    });
  },
);

describe('usage', () => {
  it.each([
    [['check', 'not-a-url', '--origin', APP], 'is not a URL'],
    [['check', 'http://127.0.0.1:1/'], '--origin is required'],
    [['check', 'http://127.0.0.1:1/', '--origin', APP, '-H', 'nocolon'], "write a header as 'Name: value'"],
    [['check', 'http://127.0.0.1:1/', '--origin', APP, '--engine', 'blink'], '--engine "blink"'],
    [['check', 'http://127.0.0.1:1/', '--origin', APP, '--bogus'], "Unknown option '--bogus'"],
    [['probe', 'http://127.0.0.1:1/'], 'Unknown command "probe"'],
    [[], 'Say what to do'],
  ])('%j exits 2', async (args, message) => {
    const run = await corskit(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('corskit --help');
    expect(run.stdout).toBe('');
  });

  it('--help and --version exit 0', async () => {
    const help = await corskit(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: corskit check <url> --origin <origin>');
    const version = await corskit(['--version']);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
    );
  });
});
