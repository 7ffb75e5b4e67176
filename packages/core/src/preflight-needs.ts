import type { EngineProfile } from './engines.js';
import { combineHeaders, type HeaderEntry } from './header-list.js';
import { isCorsSafelistedMethod } from './methods.js';
import { preflightReason } from './reasons.js';
import { safelistViolation } from './request-headers.js';
import type { PreflightReason, PreflightReasonCode } from './types.js';

export interface PreflightNeeds {
  reasons: PreflightReason[];
  /** Access-Control-Request-Headers: lowercase, sorted, unique. */
  requestHeaders: string[];
}

/**
 * Why a CORS request with this method, header list and body preflights, and the names that go into
 * Access-Control-Request-Headers. Used for the first request and again after each redirect.
 */
export function preflightNeeds(
  method: string,
  entries: readonly HeaderEntry[],
  streamBody: boolean,
  profile: EngineProfile,
): PreflightNeeds {
  const reasons: PreflightReason[] = [];
  if (!isCorsSafelistedMethod(method)) reasons.push(preflightReason('method-not-safelisted', method));
  const checked = profile.safelist.scope === 'combined' ? combineHeaders(entries) : entries;
  const requestHeaders = unsafeHeaderNames(checked, profile, reasons);
  if (streamBody) reasons.push(preflightReason('stream-body', method));
  return { reasons, requestHeaders };
}

/**
 * The Fetch Standard's "CORS-unsafe request-header names", with the engine's extra safelist: each
 * entry checked (joined per name first in engines that do so), then the 1024-byte budget across
 * every safelisted value. Pushes a reason per unsafe name and returns the names, sorted and unique.
 */
function unsafeHeaderNames(
  entries: readonly HeaderEntry[],
  profile: EngineProfile,
  reasons: PreflightReason[],
): string[] {
  // Few headers per request: plain arrays beat maps here.
  const unsafeNames: string[] = [];
  const unsafeCodes: PreflightReasonCode[] = [];
  const potentiallyUnsafe: string[] = [];
  let safelistValueSize = 0;
  for (const [name, value] of entries) {
    const violation = headerViolation(name, value, profile);
    if (violation === null) {
      potentiallyUnsafe.push(name);
      safelistValueSize += value.length;
    } else if (!unsafeNames.includes(name)) {
      unsafeNames.push(name);
      unsafeCodes.push(violation);
    }
  }
  if (profile.safelist.budget && safelistValueSize > 1024) {
    for (const name of potentiallyUnsafe) {
      if (unsafeNames.includes(name)) continue;
      unsafeNames.push(name);
      unsafeCodes.push('safelisted-headers-too-large');
    }
  }
  const sorted = unsafeNames.length > 1 ? [...unsafeNames].sort() : unsafeNames;
  for (const name of sorted) reasons.push(preflightReason(unsafeCodes[unsafeNames.indexOf(name)]!, name));
  return sorted;
}

/**
 * Access-Control-Request-Headers in an engine that names a header once per unsafe entry (Firefox
 * skips the standard's final de-duplication): `names` from preflightNeeds, repeated as needed.
 */
export function requestHeadersPerEntry(
  names: readonly string[],
  entries: readonly HeaderEntry[],
  profile: EngineProfile,
): string[] {
  return names.flatMap((name) => {
    const own = entries.filter(([n]) => n === name);
    const unsafe = own.filter(([n, value]) => headerViolation(n, value, profile) !== null);
    // A name that is unsafe only through the 1024-byte budget has every entry unsafe.
    return (unsafe.length > 0 ? unsafe : own).map(() => name);
  });
}

function headerViolation(name: string, value: string, profile: EngineProfile): PreflightReasonCode | null {
  const extra = profile.extraSafelisted.get(name);
  if (extra !== undefined) {
    return value.length <= 128 && extra(value) ? null : 'header-not-safelisted';
  }
  return safelistViolation(name, value, profile.safelist);
}
