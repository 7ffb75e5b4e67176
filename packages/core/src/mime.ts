import { isHttpWhitespace, isToken } from './http.js';

/**
 * Where the essence (`type/subtype`) of a MIME type string lies, per the MIME Sniffing Standard's
 * parser: `[start, end]` of `value`, or null where that parser fails. Parameters never make parsing
 * fail, so they are skipped. Index-based so the hot path allocates nothing.
 */
function essenceBounds(value: string): [start: number, end: number] | null {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  const slash = value.indexOf('/', start);
  if (slash <= start || slash >= end || !isToken(value, start, slash)) return null;
  const semicolon = value.indexOf(';', slash + 1);
  let subtypeEnd = semicolon === -1 || semicolon > end ? end : semicolon;
  // The parser strips trailing whitespace from the subtype, but not leading (`text/ plain` fails).
  while (subtypeEnd > slash + 1 && isHttpWhitespace(value.charCodeAt(subtypeEnd - 1))) subtypeEnd--;
  if (subtypeEnd === slash + 1 || !isToken(value, slash + 1, subtypeEnd)) return null;
  return [start, subtypeEnd];
}

/** The lowercase essence of a MIME type string, or null where the MIME parser fails. */
export function mimeEssence(value: string): string | null {
  const bounds = essenceBounds(value);
  return bounds === null ? null : value.slice(bounds[0], bounds[1]).toLowerCase();
}

/** Whether the MIME type's essence is one of `essences` (lowercase), without allocating. */
export function hasEssence(value: string, essences: readonly string[]): boolean {
  const bounds = essenceBounds(value);
  if (bounds === null) return false;
  const [start, end] = bounds;
  for (const essence of essences) {
    if (essence.length === end - start && equalsIgnoringAsciiCase(value, start, essence)) return true;
  }
  return false;
}

function equalsIgnoringAsciiCase(value: string, offset: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    let c = value.charCodeAt(offset + i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}
