import { MAX_ORIGIN_LENGTH } from '../constants.js';

/**
 * Whether `origin` is an http(s) origin serialized the way browsers send it in an `Origin` header:
 * `scheme://host[:port]`, lowercase, punycode, normalized IP, no default port, nothing after.
 * The WHATWG URL parser is the judge: an origin is what it writes back unchanged. `null` (the
 * opaque origin) is not one. Linear in the length, which is capped first.
 */
export function isSerializedOrigin(origin: string): boolean {
  if (origin.length > MAX_ORIGIN_LENGTH) return false;
  if (!origin.startsWith('https://') && !origin.startsWith('http://')) return false;
  try {
    return new URL(origin).origin === origin;
  } catch {
    return false;
  }
}
