// Cross-origin request protection: whether an unsafe-method request may reach the handler. CORS
// decides who may read an answer; this decides who may make a write happen. The rules follow Go's
// net/http.CrossOriginProtection, with the policy's own origin matcher as the trusted list.
import type { ProtectionSettings } from './config/protection.js';
import { MAX_ORIGIN_LENGTH } from './constants.js';
import { printable } from './debug.js';

/** What the decision reads from a request; every value as received, null when absent or empty. */
export interface ProtectionInput {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  /**
   * The host the request was addressed to (`host[:port]`; X-Forwarded-Host's first value instead
   * when the settings trust it), read only when the decision needs it.
   */
  host: () => string | null;
}

/**
 * Null when the request may reach the handler, else one sentence saying why it may not.
 * Safe methods always pass. An unsafe one passes when the browser says it is same-origin or
 * user-initiated (`Sec-Fetch-Site: same-origin | none`), when its Origin is allowed by the policy,
 * when it carries neither header (not a browser), or, for browsers without Sec-Fetch-Site, when
 * its Origin names this server's own host. `same-site` is cross-origin here, as in Go: a sibling
 * subdomain is another party unless the policy lists it.
 */
export function refuseCrossOrigin(
  settings: ProtectionSettings,
  allows: (origin: string) => boolean,
  input: ProtectionInput,
): string | null {
  const { method, origin, secFetchSite } = input;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  if (secFetchSite === 'same-origin' || secFetchSite === 'none') return null;
  if (origin !== null && allows(origin)) return null;
  const what = `crossOriginProtection: ${printable(method)}`;
  if (secFetchSite !== null) {
    const from = origin === null ? 'and no Origin' : 'from an origin the policy does not allow';
    return `${what} with Sec-Fetch-Site: ${printable(secFetchSite)} ${from}.`;
  }
  if (origin === null) return null;
  const host = input.host();
  if (originNamesHost(origin, host, settings.hosts)) return null;
  const own = host === null ? 'there is no Host' : `not Host ${printable(host)}`;
  return `${what} without Sec-Fetch-Site; its Origin is not allowed and ${own}.`;
}

/** Whether `origin` (`scheme://host[:port]`) names `host` or one of the configured hosts. */
function originNamesHost(origin: string, host: string | null, hosts: ReadonlySet<string>): boolean {
  if (origin.length > MAX_ORIGIN_LENGTH) return false;
  let authority: string;
  if (origin.startsWith('https://')) authority = origin.slice(8);
  else if (origin.startsWith('http://')) authority = origin.slice(7);
  else return false;
  return authority === host || (hosts.size > 0 && hosts.has(authority));
}
