import { describe } from './describe.js';

/** `crossOriginProtection` checked and reduced to what request handling needs (null: off). */
export interface ProtectionSettings {
  /** Extra `host[:port]` values an `Origin` may name to count as this server's own host. */
  hosts: ReadonlySet<string>;
  /** Take the request's host from `X-Forwarded-Host` (first value) when it is present. */
  trustForwardedHost: boolean;
}

const KNOWN = new Set(['hosts', 'trustForwardedHost']);
const SHAPE = 'true, false or { hosts?: string[], trustForwardedHost?: boolean }';

/**
 * Reads `crossOriginProtection`. Unset means on exactly when the policy has credentials; an
 * explicit `true` or options object with `origins: '*'` is a problem, since every origin is then
 * allowed and the protection could refuse nothing.
 */
export function readProtection(
  value: unknown,
  defaults: { credentials: boolean; anyOrigin: boolean },
  problems: string[],
): ProtectionSettings | null {
  if (value === false) return null;
  if (value === undefined) {
    return defaults.credentials && !defaults.anyOrigin
      ? { hosts: new Set(), trustForwardedHost: false }
      : null;
  }
  let settings: ProtectionSettings | null = null;
  if (value === true) settings = { hosts: new Set(), trustForwardedHost: false };
  else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    settings = readOptions(value as Record<string, unknown>, problems);
  } else {
    problems.push(`crossOriginProtection: ${describe(value)} is not ${SHAPE}.`);
    return null;
  }
  if (defaults.anyOrigin) {
    problems.push(
      `crossOriginProtection with origins: '*' would refuse nothing, since every origin is allowed; list the origins, or remove crossOriginProtection.`,
    );
    return null;
  }
  return settings;
}

function readOptions(options: Record<string, unknown>, problems: string[]): ProtectionSettings {
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) problems.push(`crossOriginProtection: unknown option ${describe(key)} (${SHAPE}).`);
  }
  const hosts = new Set<string>();
  const listed = options['hosts'];
  if (listed !== undefined && !Array.isArray(listed)) {
    problems.push(`crossOriginProtection.hosts: ${describe(listed)} is not a list of host names.`);
  } else {
    for (const host of listed ?? []) {
      const problem = hostProblem(host);
      if (problem === null) hosts.add(host as string);
      else problems.push(`crossOriginProtection.hosts: ${problem}`);
    }
  }
  const trust = options['trustForwardedHost'];
  if (trust !== undefined && typeof trust !== 'boolean') {
    problems.push(`crossOriginProtection.trustForwardedHost: ${describe(trust)} is not true or false.`);
  }
  return { hosts, trustForwardedHost: trust === true };
}

/** A Host header value exactly as browsers address it: lowercase, punycode, no scheme or path. */
function hostProblem(host: unknown): string | null {
  if (typeof host !== 'string') return `${describe(host)} is not a string.`;
  if (host.includes('://')) {
    return `${describe(host)} is an origin; write the host alone, as in a Host header (${describe(host.slice(host.indexOf('://') + 3))}).`;
  }
  if (host.includes('*')) return `${describe(host)}: hosts are exact; list each one.`;
  let canonical: string | null = null;
  try {
    const url = new URL(`http://${host}`);
    if (
      url.pathname === '/' &&
      url.search === '' &&
      url.hash === '' &&
      url.username === '' &&
      url.password === ''
    ) {
      canonical = url.port === '' && host.endsWith(':80') ? `${url.host}:80` : url.host;
    }
  } catch {
    // Not a host at all: reported below.
  }
  if (canonical === null || host === '') return `${describe(host)} is not a host[:port].`;
  if (canonical !== host)
    return `${describe(host)} is not written as browsers send it: write ${describe(canonical)}.`;
  return null;
}
