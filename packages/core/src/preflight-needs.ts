import type { EngineProfile } from './engines.js';
import { combineHeaders, type HeaderEntry, hasRepeatedName } from './header-list.js';
import { isCorsSafelistedMethod } from './methods.js';
import { NameTable } from './name-table.js';
import { preflightReason } from './reasons.js';
import { safelistViolation } from './request-headers.js';
import type { PreflightReason, PreflightReasonCode } from './types.js';

const DEFAULT_ACCEPT = '*/*';

export interface PreflightNeeds {
  reasons: PreflightReason[];
  /** The CORS-unsafe header names: lowercase, sorted, unique (what the preflight cache matches). */
  names: string[];
  /**
   * Access-Control-Request-Headers as the engine sends it: `names`, except that an engine with
   * `requestHeadersRepeat` (Firefox) names a header once per unsafe entry (`x-twice,x-twice`).
   */
  requestHeaders: string[];
}

/**
 * Why a CORS request with this method, header list and body preflights, and the names that go into
 * Access-Control-Request-Headers. Used by classify, and by createCorsFetch for the first request and
 * again after each redirect: the one place that says what a preflight asks for.
 */
export function preflightNeeds(
  method: string,
  entries: readonly HeaderEntry[],
  streamBody: boolean,
  profile: EngineProfile,
): PreflightNeeds {
  const reasons: PreflightReason[] = [];
  if (!isCorsSafelistedMethod(method)) reasons.push(preflightReason('method-not-safelisted', method));
  const checked = profile.safelist.scope === 'combined' ? joined(entries, profile) : entries;
  const names = unsafeHeaderNames(checked, profile, reasons);
  if (streamBody) reasons.push(preflightReason('stream-body', method));
  const requestHeaders = profile.requestHeadersRepeat ? namedPerEntry(names, entries, profile) : names;
  return { reasons, names, requestHeaders };
}

/**
 * The Fetch Standard's "CORS-unsafe request-header names", with the engine's extra safelist: each
 * entry checked (joined per name first in engines that do so), then the 1024-byte budget across
 * every safelisted value, the browser's default Accept included. Pushes a reason per unsafe name and returns the names, sorted and unique.
 */
function unsafeHeaderNames(
  entries: readonly HeaderEntry[],
  profile: EngineProfile,
  reasons: PreflightReason[],
): string[] {
  // In the order found: the first violation found for a name is the one reported.
  const unsafe = new NameTable<PreflightReasonCode>();
  const potentiallyUnsafe: string[] = [];
  let safelistValueSize = 0;
  let hasAccept = false;
  for (const [name, value] of entries) {
    if (name === 'accept') hasAccept = true;
    const violation = headerViolation(name, value, profile);
    if (violation === null) {
      potentiallyUnsafe.push(name);
      safelistValueSize += value.length;
    } else {
      unsafe.add(name, violation);
    }
  }
  if (!hasAccept) {
    // fetch() appends the browser's own `Accept: */*` before the CORS check, so it counts too.
    potentiallyUnsafe.push('accept');
    safelistValueSize += DEFAULT_ACCEPT.length;
  }
  if (profile.safelist.budget && safelistValueSize > 1024) {
    for (const name of potentiallyUnsafe) unsafe.add(name, 'safelisted-headers-too-large');
  }
  const names = unsafe.keys();
  if (names.length > 1) names.sort();
  for (const name of names) reasons.push(preflightReason(unsafe.get(name)!, name));
  return names;
}

/** The header list joined per name, as an engine with the `combined` scope checks it. */
function joined(entries: readonly HeaderEntry[], profile: EngineProfile): readonly HeaderEntry[] {
  const combined = combineHeaders(entries);
  if (!profile.safelist.trimsJoinedValue || combined === entries) return combined;
  return combined.map(([name, value]): HeaderEntry => [name, value.replace(/[ \t]+$/, '')]);
}

/**
 * Access-Control-Request-Headers in an engine that names a header once per unsafe entry (Firefox
 * skips the standard's final de-duplication): `names`, each repeated as often as it has unsafe
 * entries. A name unsafe only through the 1024-byte budget has every entry unsafe.
 */
function namedPerEntry(names: string[], entries: readonly HeaderEntry[], profile: EngineProfile): string[] {
  if (!hasRepeatedName(entries)) return names;
  const counts = new Map<string, { own: number; unsafe: number }>();
  for (const [name, value] of entries) {
    let count = counts.get(name);
    if (count === undefined) {
      count = { own: 0, unsafe: 0 };
      counts.set(name, count);
    }
    count.own++;
    if (headerViolation(name, value, profile) !== null) count.unsafe++;
  }
  const asked: string[] = [];
  for (const name of names) {
    const count = counts.get(name);
    const times = count === undefined ? 1 : count.unsafe > 0 ? count.unsafe : count.own;
    for (let i = 0; i < times; i++) asked.push(name);
  }
  return asked;
}

function headerViolation(name: string, value: string, profile: EngineProfile): PreflightReasonCode | null {
  const extra = profile.extraSafelisted.get(name);
  if (extra !== undefined) {
    return value.length <= 128 && extra(value) ? null : 'header-not-safelisted';
  }
  return safelistViolation(name, value, profile.safelist);
}
