import type { EngineProfile } from './engines.js';
import { isByteString, isToken, isValidHeaderValue, normalizeHeaderValue } from './http.js';
import { NameTable } from './name-table.js';
import { isForbiddenRequestHeader, isNoCorsSafelistedName, safelistViolation } from './request-headers.js';

/** One header as the script set it: lowercase name, normalized value. The list keeps repeats apart. */
export type HeaderEntry = [name: string, value: string];

/**
 * Builds a request's header list the way `new Headers(init)` with the request (or request-no-cors)
 * guard does: validates every name and value (TypeError), and silently drops what the guard drops,
 * pushing each dropped name onto `dropped` (repeats included: the caller removes them once).
 */
export function collectHeaders(
  init: HeadersInit | Headers | undefined | null,
  mode: RequestMode,
  profile: EngineProfile,
  dropped: string[],
): HeaderEntry[] {
  const entries: HeaderEntry[] = [];
  if (init === undefined || init === null) return entries;
  if (typeof init !== 'object') {
    throw new TypeError('headers must be a Headers object, an array of [name, value] pairs or a record.');
  }
  if (typeof Headers !== 'undefined' && init instanceof Headers) {
    init.forEach((value, name) => {
      appendHeader(entries, name, value, mode, profile, dropped);
    });
  } else if (Symbol.iterator in init) {
    for (const pair of init as Iterable<unknown>) {
      if (typeof pair !== 'object' || pair === null || !(Symbol.iterator in pair)) {
        throw new TypeError('Each header pair must be a [name, value] array.');
      }
      const items = [...(pair as Iterable<unknown>)];
      if (items.length !== 2) {
        throw new TypeError(`A header pair must have exactly two items, not ${items.length}.`);
      }
      appendHeader(entries, String(items[0]), String(items[1]), mode, profile, dropped);
    }
  } else {
    const record = init as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      appendHeader(entries, name, String(record[name]), mode, profile, dropped);
    }
  }
  return entries;
}

/** Headers#append under the request guard; see collectHeaders. */
export function appendHeader(
  entries: HeaderEntry[],
  rawName: string,
  rawValue: string,
  mode: RequestMode,
  profile: EngineProfile,
  dropped: string[],
): void {
  const value = normalizeHeaderValue(rawValue);
  if (!isToken(rawName)) {
    throw new TypeError(`Invalid header name ${JSON.stringify(rawName)}: it must be an HTTP token.`);
  }
  if (!isByteString(value) || !isValidHeaderValue(value)) {
    throw new TypeError(
      `Invalid value for header ${rawName}: header values cannot hold NUL, CR, LF or characters above U+00FF.`,
    );
  }
  const name = rawName.toLowerCase();
  if (isForbiddenRequestHeader(name, value) || profile.extraForbidden.has(name)) {
    dropped.push(name);
    return;
  }
  if (mode === 'no-cors') {
    const existing = combinedValue(entries, name);
    const combined = existing === null ? value : `${existing}, ${value}`;
    if (!isNoCorsSafelistedName(name) || safelistViolation(name, combined, profile.safelist) !== null) {
      dropped.push(name);
      return;
    }
  }
  entries.push([name, value]);
}

export function hasHeader(entries: readonly HeaderEntry[], name: string): boolean {
  for (const entry of entries) if (entry[0] === name) return true;
  return false;
}

function combinedValue(entries: readonly HeaderEntry[], name: string): string | null {
  let value: string | null = null;
  for (const [n, v] of entries) if (n === name) value = value === null ? v : `${value}, ${v}`;
  return value;
}

/** The header list as it goes on the wire: one entry per name, values joined with ", ". */
export function combineHeaders(entries: readonly HeaderEntry[]): HeaderEntry[] {
  // Most lists repeat no name; they are returned as they are (callers never mutate the result).
  if (!hasRepeatedName(entries)) return entries as HeaderEntry[];
  const combined = new Map<string, string>();
  for (const [name, value] of entries) {
    const existing = combined.get(name);
    combined.set(name, existing === undefined ? value : `${existing}, ${value}`);
  }
  return [...combined];
}

/** Whether some name appears in more than one entry. */
export function hasRepeatedName(entries: readonly HeaderEntry[]): boolean {
  const seen = new NameTable<true>();
  for (const [name] of entries) if (!seen.add(name, true)) return true;
  return false;
}
