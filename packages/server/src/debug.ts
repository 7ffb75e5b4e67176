import type { CorsRefusal } from './types.js';

const MAX_SHOWN = 120;

/** A printable, bounded rendering of an untrusted header value, safe inside a header or a log line. */
export function printable(value: string): string {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...(${value.length} chars)` : value;
  let out = '';
  for (let i = 0; i < cut.length; i++) {
    const c = cut.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f ? cut[i] : '?';
  }
  return out;
}

/** Builds the refusal, hands it to the policy's reporter, and returns the debug header value. */
export function reportRefusal(
  report: (refusal: CorsRefusal) => void,
  kind: CorsRefusal['kind'],
  origin: string,
  reason: string,
): string {
  const refusal: CorsRefusal = { kind, origin: printable(origin), reason: printable(reason) };
  try {
    report(refusal);
  } catch {
    // A failing logger must not turn a refused request into a crashed one.
  }
  return refusal.reason;
}
