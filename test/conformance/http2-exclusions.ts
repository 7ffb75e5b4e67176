// What cannot be recorded over HTTP/2, in the HTTP/2 run of the chosen corpus and of the fuzzer.
import type { TestCase } from './types.ts';

/** Bytes RFC 9113 forbids in a field value; HTTP/1.1 servers take them (a CORS-unsafe byte test). */
const CONTROL_BYTE = /[\0-\x08\x0a-\x1f\x7f]/;

/**
 * Node's HTTP/2 server (nghttp2) silently drops a request field whose value holds a control byte, so
 * what such a case sent cannot be recorded over HTTP/2 (a raw HEADERS frame with `Accept: a\x7fb`
 * reaches the handler without Accept). The HTTP/1.1 run records those cases.
 */
export function unrecordableOverHttp2(testCase: TestCase): string | null {
  const sent = testCase.steps.flatMap((step) => step.request.headers ?? []);
  const hidden = sent.some(
    ([name, value]) => testCase.record.includes(name.toLowerCase()) && CONTROL_BYTE.test(value),
  );
  return hidden
    ? 'the HTTP/2 server drops a header value with a control byte before it can be recorded'
    : null;
}
