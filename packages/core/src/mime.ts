import { isToken, normalizeHeaderValue } from './http.js';

/**
 * The essence (`type/subtype`, lowercase) of a MIME type string, per the MIME Sniffing Standard's
 * parser, or null where that parser fails. Parameters never make parsing fail, so they are skipped.
 */
export function mimeEssence(input: string): string | null {
  const value = normalizeHeaderValue(input);
  const slash = value.indexOf('/');
  if (slash <= 0) return null;
  const type = value.slice(0, slash);
  if (!isToken(type)) return null;
  const semicolon = value.indexOf(';', slash + 1);
  let subtype = semicolon === -1 ? value.slice(slash + 1) : value.slice(slash + 1, semicolon);
  subtype = normalizeHeaderValue(subtype);
  if (!isToken(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}
