import { isToken } from '@corskit/core';
import type { RequestHeaderRule } from '../config/lists.js';
import { MAX_REQUEST_HEADERS_LENGTH } from '../constants.js';

/**
 * Checks every name in an Access-Control-Request-Headers value against the policy. Returns null
 * when all are allowed, otherwise why not. One pass over a length-capped value, one hash lookup per
 * name: a value stuffed with commas or names costs no more than reading it.
 */
export function refuseRequestHeaders(value: string, rule: RequestHeaderRule): string | null {
  if (value.length > MAX_REQUEST_HEADERS_LENGTH) {
    return `Access-Control-Request-Headers is longer than ${MAX_REQUEST_HEADERS_LENGTH} characters.`;
  }
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) !== 0x2c /* , */) continue;
    let first = start;
    let last = i;
    while (first < last && isSpaceOrTab(value.charCodeAt(first))) first++;
    while (last > first && isSpaceOrTab(value.charCodeAt(last - 1))) last--;
    start = i + 1;
    if (first === last) continue; // An empty list element is allowed by the list syntax.
    const name = value.slice(first, last);
    if (!isToken(name))
      return `Access-Control-Request-Headers holds ${JSON.stringify(name)}, not a header name.`;
    const lower = name.toLowerCase();
    const allowed = rule.any ? lower !== 'authorization' : rule.names.has(lower);
    if (!allowed) {
      return rule.any
        ? `the request header ${lower} is not allowed: '*' never covers authorization; list the headers by name.`
        : `the request header ${lower} is not in requestHeaders.`;
    }
  }
  return null;
}

function isSpaceOrTab(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
