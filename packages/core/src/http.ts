// Byte-level HTTP helpers shared by the request and response rules. Header names and values are
// "byte strings" in the Fetch Standard: JS strings whose code units are all <= 0xFF.

const TOKEN_CHARS = (() => {
  const table = new Uint8Array(128);
  const extra = "!#$%&'*+-.^_`|~";
  for (let c = 0x30; c <= 0x39; c++) table[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = 1;
  for (const ch of extra) table[ch.charCodeAt(0)] = 1;
  return table;
})();

/** RFC 9110 token: what a method or a header name must be. */
export function isToken(value: string, from = 0, to = value.length): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || TOKEN_CHARS[c] === 0) return false;
  }
  return true;
}

export function isHttpWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isHttpTabOrSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Strips leading and trailing HTTP whitespace, as Headers does to every value it is given. */
export function normalizeHeaderValue(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** Trims spaces and tabs only, as list parsing does. */
function trimTabOrSpace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpTabOrSpace(value.charCodeAt(start))) start++;
  while (end > start && isHttpTabOrSpace(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

/** A normalized header value is valid when it holds no NUL, CR or LF. */
export function isValidHeaderValue(normalized: string): boolean {
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (c === 0x00 || c === 0x0a || c === 0x0d) return false;
  }
  return true;
}

/** Whether a JS string converts to a ByteString (WebIDL throws a TypeError otherwise). */
export function isByteString(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * "Get, decode and split" a header value into a list: split on commas outside quoted strings and
 * trim each item. Linear in the value's length.
 */
export function splitHeaderList(value: string): string[] {
  const items: string[] = [];
  let start = 0;
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // A quoted string: skip through its closing quote, honouring backslash escapes.
      for (i++; i < value.length; i++) {
        const q = value.charCodeAt(i);
        if (q === 0x5c /* \ */) i++;
        else if (q === 0x22) break;
      }
    } else if (c === 0x2c /* , */) {
      items.push(trimTabOrSpace(value.slice(start, i)));
      start = i + 1;
    }
    i++;
  }
  items.push(trimTabOrSpace(value.slice(start)));
  return items;
}
