import { maxHeaderSize } from 'node:http';

/** Why nothing usable came back from the server: the CLI reports it and exits 2. */
export type NetworkFailureKind =
  | 'unreachable'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'connection'
  /** The server answered with something corskit cannot read as an HTTP/1.1 response. */
  | 'protocol'
  | 'other';

/** The server could not be checked: its message says what happened, in one sentence. */
export class NetworkFailure extends Error {
  /** Always `NetworkFailure`. */
  override name = 'NetworkFailure';
  /** What kind of failure, for scripts. */
  readonly kind: NetworkFailureKind;
  /** The URL of the request that failed. */
  readonly url: string;

  constructor(kind: NetworkFailureKind, message: string, url: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.url = url;
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const TIMEOUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']);
const CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Turns what fetch threw (undici puts the reason in `cause`) into one sentence a person can act on. */
export function describeNetworkError(error: unknown, url: string, timeoutMs: number): NetworkFailure {
  const target = new URL(url);
  const where = `${target.hostname} port ${target.port || (target.protocol === 'https:' ? '443' : '80')}`;
  const code = errorCode(error);
  const detail = innermostMessage(error);
  const make = (kind: NetworkFailureKind, message: string) =>
    new NetworkFailure(kind, message, url, { cause: error });

  if (isTimeout(error) || (code !== undefined && TIMEOUT.has(code))) {
    return make(
      'timeout',
      `No answer from ${target.origin} within ${timeoutMs / 1000} s (--timeout to wait longer).`,
    );
  }
  if (code !== undefined && UNREACHABLE.has(code)) {
    return make(
      'unreachable',
      `Cannot connect to ${target.origin}: ${code === 'ECONNREFUSED' ? `nothing listens on ${where}` : `${where} is unreachable`} (${code}).`,
    );
  }
  if (code !== undefined && DNS.has(code)) {
    return make('dns', `Cannot resolve the host name ${JSON.stringify(target.hostname)} (${code}).`);
  }
  if (detail === 'bad port') {
    return make(
      'unreachable',
      `Browsers never connect to port ${target.port}: it is on the Fetch Standard's list of blocked ports. Use another port.`,
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return make(
      'tls',
      `TLS failure with ${target.origin}: the server does not speak TLS on ${where} (is it http://?) (${code}).`,
    );
  }
  if (code !== undefined && isTlsCode(code)) {
    return make(
      'tls',
      `TLS failure with ${target.origin}: ${detail} (${code}). A browser refuses this connection too; ` +
        'to trust a private CA, point NODE_EXTRA_CA_CERTS at its certificate.',
    );
  }
  if (code === 'UND_ERR_SOCKET' && detail === 'bad response') {
    // Node's fetch (undici) drops the connection on any 100 Continue: it never sends Expect.
    return make(
      'protocol',
      `${target.origin} answered 100 Continue, which the request never asked for (it sends no Expect: 100-continue), and Node's fetch stops there (UND_ERR_SOCKET), so no final answer can be checked. A browser waits for a final answer after it, which may never come: send the final response (200-599) without 100 Continue.`,
    );
  }
  if (code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'HPE_HEADER_OVERFLOW') {
    return make(
      'protocol',
      `${target.origin} sent response headers larger than Node reads (${maxHeaderSize} bytes in all; ${code}): one very long header, or very many. Send fewer or shorter headers, or raise the limit to check anyway: NODE_OPTIONS=--max-http-header-size=<bytes>.`,
    );
  }
  if (hasName(error, 'HTTPParserError') || code?.startsWith('HPE_')) {
    return make(
      'protocol',
      `${target.origin} answered with something that is not valid HTTP/1.1 (${detail}${code === undefined ? '' : `, ${code}`}), which a browser refuses too: is another kind of server listening on ${where}, or does the server write malformed headers?`,
    );
  }
  if (code !== undefined && CONNECTION.has(code)) {
    return make('connection', `${target.origin} closed the connection before answering (${code}).`);
  }
  return make('other', `The request to ${url} failed: ${detail}${code === undefined ? '' : ` (${code})`}.`);
}

function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|EPROTO|HOSTNAME/.test(code);
}

function isTimeout(error: unknown): boolean {
  return hasName(error, 'TimeoutError');
}

/** Whether an error on the cause chain has this name. */
function hasName(error: unknown, name: string): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === name) return true;
  }
  return false;
}

/** The most specific `code` on the cause chain (or the first of an AggregateError's errors). */
function errorCode(error: unknown): string | undefined {
  let found: string | undefined;
  for (let current = error; current instanceof Error; current = next(current)) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') found = code;
  }
  return found;
}

function innermostMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (let current = error; current instanceof Error; current = next(current)) {
    if (current.message) message = current.message;
  }
  return message;
}

function next(error: Error): unknown {
  if (error.cause !== undefined) return error.cause;
  return error instanceof AggregateError ? error.errors[0] : undefined;
}

/**
 * A request that neither answered nor failed although nothing was left to settle it (the process
 * was about to exit). Node 20's fetch does this when the server closes the connection at once.
 */
export function lostRequest(request: Request): NetworkFailure {
  const origin = new URL(request.url).origin;
  return new NetworkFailure(
    'connection',
    `${origin} closed the connection before answering ${request.method} ${request.url} (Node ${process.version}'s fetch lost the request without an error).`,
    request.url,
  );
}
