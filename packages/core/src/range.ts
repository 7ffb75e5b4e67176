/**
 * The Fetch Standard's "parse a single range header value" with whitespace disallowed, reduced to
 * what the safelist needs: is the value `bytes=start-` or `bytes=start-end` with start <= end?
 * Suffix ranges (`bytes=-5`) parse but are not safelisted.
 */
export function isSimpleRangeHeaderValue(
  value: string,
  unitIgnoresCase = false,
  maxBound: string | null = null,
): boolean {
  const unit = unitIgnoresCase ? value.slice(0, 6).toLowerCase() : value.slice(0, 6);
  if (unit !== 'bytes=') return false;
  let i = 6;
  const startDigits = readDigits(value, i);
  i += startDigits.length;
  if (value.charCodeAt(i) !== 0x2d /* - */) return false;
  i++;
  const endDigits = readDigits(value, i);
  i += endDigits.length;
  if (i !== value.length) return false;
  if (startDigits.length === 0) return false;
  // Engines parse the bounds into 64-bit integers, so a larger bound is a parse failure.
  if (
    maxBound !== null &&
    (compareDecimal(startDigits, maxBound) > 0 || compareDecimal(endDigits, maxBound) > 0)
  ) {
    return false;
  }
  if (endDigits.length === 0) return true;
  return compareDecimal(startDigits, endDigits) <= 0;
}

/** Compares two digit strings as numbers of any size. */
function compareDecimal(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function readDigits(value: string, from: number): string {
  let end = from;
  while (end < value.length) {
    const c = value.charCodeAt(end);
    if (c < 0x30 || c > 0x39) break;
    end++;
  }
  return value.slice(from, end);
}
