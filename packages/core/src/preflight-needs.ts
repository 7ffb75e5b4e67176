import type { EngineProfile } from './engines.js';
import type { HeaderEntry } from './header-list.js';
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
  const requestHeaders = unsafeHeaderNames(entries, profile, reasons);
  if (streamBody) reasons.push(preflightReason('stream-body', method));
  return { reasons, requestHeaders };
}

/**
 * The Fetch Standard's "CORS-unsafe request-header names", with the engine's extra safelist: each
 * entry checked on its own, then the 1024-byte budget across every safelisted value. Pushes a reason
 * per unsafe name and returns the names, sorted and unique.
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
  if (safelistValueSize > 1024) {
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

function headerViolation(name: string, value: string, profile: EngineProfile): PreflightReasonCode | null {
  const extra = profile.extraSafelisted.get(name);
  if (extra !== undefined) {
    return value.length <= 128 && extra(value) ? null : 'header-not-safelisted';
  }
  return safelistViolation(name, value);
}
