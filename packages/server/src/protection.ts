// Cross-origin request protection: whether an unsafe-method request may reach the handler. CORS
// decides who may read an answer; this decides who may make a write happen. The rules follow Go's
// net/http.CrossOriginProtection, with the policy's own origin matcher as the trusted list.
import type { ProtectionSettings } from './config/protection.js';
import { MAX_ORIGIN_LENGTH } from './constants.js';
import { printable } from './debug.js';
import type { RequestReader } from './request-reader.js';

const SEC_FETCH_SITE = 'sec-fetch-site';
const FORWARDED_HOST = 'x-forwarded-host';

/**
 * Null when the request may reach the handler, else one sentence saying why it may not. `origin`
 * is the Origin header (null when absent or empty); the rest is read from `request` only as needed.
 * Safe methods always pass. An unsafe one passes when the browser says it is same-origin or
 * user-initiated (`Sec-Fetch-Site: same-origin | none`), when its Origin is allowed by the policy,
 * when it carries neither header (not a browser), or, for browsers without Sec-Fetch-Site, when
 * its Origin names this server's own host. `same-site` is cross-origin here, as in Go: a sibling
 * subdomain is another party unless the policy lists it.
 */
export function refuseCrossOrigin<R>(
  settings: ProtectionSettings,
  allows: (origin: string) => boolean,
  method: string,
  origin: string | null,
  request: R,
  read: RequestReader<R>,
): string | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  if (origin !== null && allows(origin)) return null;
  const secFetchSite = nonEmpty(read.header(request, SEC_FETCH_SITE));
  if (secFetchSite === 'same-origin' || secFetchSite === 'none') return null;
  const what = `crossOriginProtection: ${printable(method)}`;
  if (secFetchSite !== null) {
    const from = origin === null ? 'and no Origin' : 'from an origin the policy does not allow';
    return `${what} with Sec-Fetch-Site: ${printable(secFetchSite)} ${from}.`;
  }
  if (origin === null) return null;
  const host = hostOf(settings, request, read);
  if (originNamesHost(origin, host, settings.hosts)) return null;
  const own = host === null ? 'there is no Host' : `not Host ${printable(host)}`;
  return `${what} without Sec-Fetch-Site; its Origin is not allowed and ${own}.`;
}

/** The request's own host: X-Forwarded-Host's first value when trusted and present, else Host. */
function hostOf<R>(settings: ProtectionSettings, request: R, read: RequestReader<R>): string | null {
  if (settings.trustForwardedHost) {
    const list = read.header(request, FORWARDED_HOST);
    if (list !== null) {
      const comma = list.indexOf(',');
      const first = (comma < 0 ? list : list.slice(0, comma)).trim();
      if (first !== '') return first;
    }
  }
  return read.host(request);
}

const nonEmpty = (value: string | null) => (value === '' ? null : value);

/** Whether `origin` (`scheme://host[:port]`) names `host` or one of the configured hosts. */
function originNamesHost(origin: string, host: string | null, hosts: ReadonlySet<string>): boolean {
  if (origin.length > MAX_ORIGIN_LENGTH) return false;
  let authority: string;
  if (origin.startsWith('https://')) authority = origin.slice(8);
  else if (origin.startsWith('http://')) authority = origin.slice(7);
  else return false;
  return authority === host || (hosts.size > 0 && hosts.has(authority));
}
