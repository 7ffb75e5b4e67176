import { MAX_ORIGIN_LENGTH } from '../constants.js';
import { describe } from './describe.js';
import { isWellKnownPublicSuffix } from './public-suffixes.js';

export type Scheme = 'http' | 'https';

/**
 * `null`: only the scheme's default port (the Origin then has no port); a string: that port
 * (canonical digits); `*`: any port, the default included.
 */
export type PortRule = string | '*' | null;

/** One validated entry of `origins`. */
export type OriginEntry =
  | { kind: 'exact'; origin: string; scheme: Scheme; insecure: boolean }
  | {
      kind: 'pattern';
      scheme: Scheme;
      /** The exact host, or for `*.` patterns the base domain whose subdomains match. */
      host: string;
      subdomains: boolean;
      port: PortRule;
      insecure: boolean;
    };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const DEFAULT_PORTS: Record<Scheme, string> = { http: '80', https: '443' };

const fail = (problem: string): Parsed<never> => ({ ok: false, problem });

/**
 * Parses one configured origin or pattern: `scheme://host[:port]` exactly as browsers serialize
 * an Origin, where the host may start with `*.` and the port may be `*`. Returns what is wrong
 * with it, and what to write instead, otherwise.
 */
export function parseOriginEntry(raw: unknown): Parsed<OriginEntry> {
  if (typeof raw !== 'string') return fail(`origins: ${describe(raw)} is not a string.`);
  const quoted = describe(raw);
  if (raw === '') return fail('origins: an empty string is not an origin.');
  if (raw === 'null') {
    return fail(
      'origins: "null" is the opaque origin of sandboxed iframes, file: pages and cross-origin redirects; any website can send it, so it can never be allowed.',
    );
  }
  if (raw === '*') return fail(`origins: "*" inside a list; write origins: '*' to allow every origin.`);
  if (raw.length > MAX_ORIGIN_LENGTH) {
    return fail(`origins: ${quoted} is longer than any origin a browser sends (${MAX_ORIGIN_LENGTH}).`);
  }
  if (hasWhitespaceOrControl(raw))
    return fail(`origins: ${quoted} contains whitespace or a control character.`);

  const schemeEnd = raw.indexOf('://');
  if (schemeEnd <= 0) return fail(`origins: ${quoted} has no scheme; write https://${raw}.`);
  const scheme = raw.slice(0, schemeEnd).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return fail(
      `origins: ${quoted} is not an http or https origin (pages on other schemes send Origin: null, which is never allowed).`,
    );
  }
  const authority = raw.slice(schemeEnd + 3);
  const suffixStart = firstIndexOfAny(authority, '/?#\\');
  if (suffixStart >= 0) {
    const fixed = `${raw.slice(0, schemeEnd + 3)}${authority.slice(0, suffixStart)}`;
    return fail(
      authority.slice(suffixStart) === '/'
        ? `origins: ${quoted} ends with a slash; an Origin header never does: write ${fixed}.`
        : `origins: ${quoted} has a path, query or fragment; an origin is scheme://host[:port] only: write ${fixed}.`,
    );
  }
  if (authority.includes('@')) {
    return fail(`origins: ${quoted} contains userinfo (user@); browsers never send it in an Origin.`);
  }
  const split = splitHostAndPort(authority);
  if (!split.ok) return fail(`origins: ${quoted} ${split.problem}`);
  const { host, portText } = split.value;

  const port = parsePort(portText, scheme as Scheme, raw);
  if (!port.ok) return port;

  const hostRule = host.includes('*') ? parseWildcardHost(host, raw) : parseExactHost(host, raw);
  if (!hostRule.ok) return hostRule;

  const { host: canonicalHost, subdomains } = hostRule.value;
  const insecure = scheme === 'http' && !isLoopbackHost(canonicalHost);
  const portSuffix = port.value === null ? '' : `:${port.value}`;
  const canonical = `${scheme}://${subdomains ? '*.' : ''}${canonicalHost}${portSuffix}`;
  if (canonical !== raw) {
    return fail(`origins: ${quoted} is not written the way browsers send it: write ${canonical}.`);
  }
  if (subdomains || port.value === '*') {
    return {
      ok: true,
      value: {
        kind: 'pattern',
        scheme: scheme as Scheme,
        host: canonicalHost,
        subdomains,
        port: port.value,
        insecure,
      },
    };
  }
  return { ok: true, value: { kind: 'exact', origin: raw, scheme: scheme as Scheme, insecure } };
}

function splitHostAndPort(authority: string): Parsed<{ host: string; portText: string | null }> {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return fail('has an unclosed IPv6 bracket.');
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return fail('has characters after the IPv6 address.');
    return {
      ok: true,
      value: { host: authority.slice(0, close + 1), portText: after === '' ? null : after.slice(1) },
    };
  }
  const colon = authority.indexOf(':');
  if (colon < 0) return { ok: true, value: { host: authority, portText: null } };
  if (authority.indexOf(':', colon + 1) >= 0) return fail('has more than one port separator.');
  return { ok: true, value: { host: authority.slice(0, colon), portText: authority.slice(colon + 1) } };
}

function parsePort(text: string | null, scheme: Scheme, raw: string): Parsed<PortRule> {
  if (text === null) return { ok: true, value: null };
  if (text === '*') return { ok: true, value: '*' };
  const quoted = describe(raw);
  if (text === '') return fail(`origins: ${quoted} ends with ":" but names no port.`);
  if (!isDigits(text)) return fail(`origins: ${quoted} has a port that is not a number or *.`);
  const number = Number(text);
  if (number < 1 || number > 65535) return fail(`origins: ${quoted} has a port outside 1-65535.`);
  const canonical = String(number);
  if (canonical === DEFAULT_PORTS[scheme]) {
    return fail(
      `origins: ${quoted} names the default port ${canonical}, which browsers leave out of the Origin: write ${raw.slice(0, raw.length - text.length - 1)}.`,
    );
  }
  return { ok: true, value: canonical };
}

function parseExactHost(host: string, raw: string): Parsed<{ host: string; subdomains: false }> {
  const quoted = describe(raw);
  if (host === '') return fail(`origins: ${quoted} has no host.`);
  const canonical = canonicalHostOf(host);
  if (canonical === null) return fail(`origins: ${quoted} does not have a valid host.`);
  if (!canonical.startsWith('[') && (canonical.startsWith('.') || canonical.includes('..'))) {
    return fail(`origins: ${quoted} has an empty label in its host.`);
  }
  if (canonical.endsWith('.')) {
    return fail(
      `origins: ${quoted} ends its host with a dot, a different origin from the one without; remove it.`,
    );
  }
  return { ok: true, value: { host: canonical, subdomains: false } };
}

/** `*.example.com`: any subdomain, at any depth, of a registrable domain; never the domain itself. */
function parseWildcardHost(host: string, raw: string): Parsed<{ host: string; subdomains: true }> {
  const quoted = describe(raw);
  if (!host.startsWith('*.') || host.indexOf('*', 1) >= 0) {
    return fail(
      `origins: ${quoted} has a malformed wildcard; * may only stand for the leftmost labels, as in https://*.example.com.`,
    );
  }
  const base = host.slice(2);
  const canonical = canonicalHostOf(base);
  if (canonical === null || base === '' || base.endsWith('.')) {
    return fail(`origins: ${quoted} does not have a valid domain after "*.".`);
  }
  if (canonical.startsWith('[') || isIpv4(canonical)) {
    return fail(`origins: ${quoted} puts a wildcard on an IP address; wildcards apply to domain names only.`);
  }
  if (canonical !== 'localhost' && !canonical.includes('.')) {
    return fail(
      `origins: ${quoted} matches every site under the top-level domain .${canonical}; name your own domain.`,
    );
  }
  if (isWellKnownPublicSuffix(canonical)) {
    return fail(
      `origins: ${quoted} matches every site under the public suffix ${canonical}, where anyone can publish; list your own subdomain instead.`,
    );
  }
  return { ok: true, value: { host: canonical, subdomains: true } };
}

/** The host as the URL parser serializes it (lowercase, punycode, normalized IP), or null. */
function canonicalHostOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/** Loopback hosts are secure contexts even over http (the Secure Contexts spec). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  return host.startsWith('127.') && isIpv4(host);
}

function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((part) => part !== '' && isDigits(part));
}

function isDigits(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Unicode whitespace beyond ASCII (what JavaScript's \s matches), as code points. */
const UNICODE_SPACES = new Set([0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

function hasWhitespaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x200a) || UNICODE_SPACES.has(c)) {
      return true;
    }
  }
  return false;
}

function firstIndexOfAny(text: string, characters: string): number {
  for (let i = 0; i < text.length; i++) if (characters.includes(text[i]!)) return i;
  return -1;
}
