import type { EngineProfile } from './engines.js';
import { combineHeaders, type HeaderEntry } from './header-list.js';

/** The request's header list as the engine puts it on the wire, which is what a server sees. */
export function wireHeaders(entries: readonly HeaderEntry[], profile: EngineProfile): HeaderEntry[] {
  const { canonicalRange, firstContentTypeOnly, utf8Values } = profile.wire;
  const combined = combineHeaders(entries);
  if (!canonicalRange && !firstContentTypeOnly && !utf8Values) return combined;
  return combined.map(([name, value]): HeaderEntry => {
    if (firstContentTypeOnly && name === 'content-type') value = entries.find(([n]) => n === name)![1];
    if (canonicalRange && name === 'range') value = canonicalByteRange(value);
    if (utf8Values) value = utf8Bytes(value);
    return [name, value];
  });
}

const RANGE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)$/i;
const INT64_MAX = 9223372036854775807n;

/** A valid single byte range in canonical form; anything else unchanged. */
function canonicalByteRange(value: string): string {
  const match = RANGE.exec(value);
  if (match === null) return value;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return value;
  const start = first === '' ? null : BigInt(first);
  const end = last === '' ? null : BigInt(last);
  if ((start ?? 0n) > INT64_MAX || (end ?? 0n) > INT64_MAX) return value;
  if (start !== null && end !== null && start > end) return value;
  return `bytes=${start ?? ''}-${end ?? ''}`;
}

/** The value's characters encoded as UTF-8, one character per byte, as a server decodes it. */
function utf8Bytes(value: string): string {
  if (!/[^\x00-\x7f]/.test(value)) return value;
  return String.fromCharCode(...new TextEncoder().encode(value));
}
