import type { OriginEntry, PortRule, Scheme } from '../config/origins.js';
import { MAX_ORIGIN_LENGTH } from '../constants.js';

interface SubdomainRule {
  scheme: Scheme;
  port: PortRule;
}

/**
 * Compiles validated origin entries into a matcher. Exact origins are one hash lookup; patterns
 * are matched label by label against a strictly parsed Origin, never with a regular expression.
 * Every comparison is byte-exact: browsers send origins in one canonical form, so anything else
 * (uppercase, a trailing dot, an explicit default port, a path) is not theirs and does not match.
 */
export function compileOriginMatcher(entries: readonly OriginEntry[]): (origin: string) => boolean {
  const exact = new Set<string>();
  /** `scheme://host` of `scheme://host:*` patterns. */
  const anyPortHosts = new Set<string>();
  /** Base domain of `scheme://*.base[:port]` patterns → their scheme and port rules. */
  const subdomainRules = new Map<string, SubdomainRule[]>();
  /** How many labels the base domains have, so only those suffixes of a host are looked up. */
  const baseLabelCounts = new Set<number>();

  for (const entry of entries) {
    if (entry.kind === 'exact') exact.add(entry.origin);
    else if (!entry.subdomains) anyPortHosts.add(`${entry.scheme}://${entry.host}`);
    else {
      const rules = subdomainRules.get(entry.host) ?? [];
      rules.push({ scheme: entry.scheme, port: entry.port });
      subdomainRules.set(entry.host, rules);
      baseLabelCounts.add(entry.host.split('.').length);
    }
  }
  const labelCounts = [...baseLabelCounts];

  if (anyPortHosts.size === 0 && subdomainRules.size === 0) {
    return (origin) => origin.length <= MAX_ORIGIN_LENGTH && exact.has(origin);
  }
  return (origin) => {
    if (origin.length > MAX_ORIGIN_LENGTH) return false;
    if (exact.has(origin)) return true;
    const parsed = parseOrigin(origin);
    if (parsed === null) return false;
    if (parsed.port === undefined) return false;
    if (anyPortHosts.size > 0 && anyPortHosts.has(`${parsed.scheme}://${parsed.host}`)) return true;
    if (subdomainRules.size === 0) return false;
    const dots = subdomainDots(parsed.host);
    if (dots === null) return false;
    for (const count of labelCounts) {
      // A match needs at least one label before the base: `example.com` is not `*.example.com`.
      if (dots.length < count) continue;
      const base = parsed.host.slice(dots[dots.length - count]! + 1);
      const rules = subdomainRules.get(base);
      if (rules === undefined) continue;
      for (const rule of rules) {
        if (rule.scheme === parsed.scheme && (rule.port === '*' || rule.port === parsed.port)) return true;
      }
    }
    return false;
  };
}

interface ParsedOrigin {
  scheme: Scheme;
  host: string;
  /** null: no port (the default); undefined: a port browsers would never send (invalid, default). */
  port: string | null | undefined;
}

/** Splits `scheme://host[:port]`; null for anything without an http(s) scheme and a host. */
function parseOrigin(origin: string): ParsedOrigin | null {
  let scheme: Scheme;
  let start: number;
  if (origin.startsWith('https://')) {
    scheme = 'https';
    start = 8;
  } else if (origin.startsWith('http://')) {
    scheme = 'http';
    start = 7;
  } else return null;

  let hostEnd: number;
  if (origin.charCodeAt(start) === 0x5b /* [ */) {
    const close = origin.indexOf(']', start);
    if (close < 0) return null;
    hostEnd = close + 1;
  } else {
    hostEnd = origin.indexOf(':', start);
    if (hostEnd < 0) hostEnd = origin.length;
  }
  if (hostEnd === start) return null;
  const host = origin.slice(start, hostEnd);
  if (hostEnd === origin.length) return { scheme, host, port: null };
  if (origin.charCodeAt(hostEnd) !== 0x3a /* : */) return null;
  return { scheme, host, port: canonicalPort(origin.slice(hostEnd + 1), scheme) };
}

/** The port if it is written as a browser writes it (digits, no leading zero, not the default). */
function canonicalPort(text: string, scheme: Scheme): string | undefined {
  if (text.length === 0 || text.length > 5 || text.charCodeAt(0) === 0x30 /* 0 */) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  const port = Number(text);
  if (port > 65535) return undefined;
  if ((scheme === 'https' && port === 443) || (scheme === 'http' && port === 80)) return undefined;
  return text;
}

/**
 * Positions of the dots in a host made only of non-empty lowercase LDH labels (and `_`, which URL
 * hosts allow), or null when the host is anything else: an IP literal, uppercase, non-ASCII
 * (lookalike Unicode), an empty label or a trailing dot.
 */
function subdomainDots(host: string): number[] | null {
  const dots: number[] = [];
  let labelStart = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (i === labelStart) return null;
      dots.push(i);
      labelStart = i + 1;
    } else if (
      !((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d /* - */ || c === 0x5f) /* _ */
    ) {
      return null;
    }
  }
  return labelStart === host.length ? null : dots;
}
