import type { PreflightReason, PreflightReasonCode } from './types.js';

/** Builds a preflight reason whose message says why and what would avoid the preflight. */
export function preflightReason(code: PreflightReasonCode, subject: string): PreflightReason {
  switch (code) {
    case 'method-not-safelisted':
      return {
        code,
        message: `${subject} is not a CORS-safelisted method (GET, HEAD, POST), so the browser asks first. Use GET or POST if the API allows, or let the server answer the preflight with Access-Control-Allow-Methods: ${subject} (methods compare case-sensitively).`,
      };
    case 'header-not-safelisted':
      return {
        code,
        header: subject,
        message: `The ${subject} header is not CORS-safelisted. Drop it or send it another way (a query parameter, the body, a cookie), or let the server answer the preflight with Access-Control-Allow-Headers: ${subject}.`,
      };
    case 'content-type-not-safelisted':
      return {
        code,
        header: subject,
        message: `Content-Type is only safelisted as text/plain, multipart/form-data or application/x-www-form-urlencoded. Send one of those if the server accepts it, or let the server answer the preflight with Access-Control-Allow-Headers: content-type.`,
      };
    case 'header-value-not-safelisted':
      return {
        code,
        header: subject,
        message: `The ${subject} value has characters the CORS safelist does not allow for it (for Accept and Content-Type no "():<>?@[\\]{} or control bytes, and in Firefox no bytes above 0x7F; for the language headers only letters, digits, space and *,-.;=). Simplify the value or allow ${subject} in Access-Control-Allow-Headers.`,
      };
    case 'header-value-too-long':
      return {
        code,
        header: subject,
        message: `The ${subject} value is longer than 128 bytes, which takes it off the CORS safelist. Shorten it or allow ${subject} in Access-Control-Allow-Headers.`,
      };
    case 'safelisted-headers-too-large':
      return {
        code,
        header: subject,
        message: `The safelisted headers' values add up to more than 1024 bytes, so ${subject} counts as non-safelisted. Shorten them or allow ${subject} in Access-Control-Allow-Headers.`,
      };
    case 'range-not-simple':
      return {
        code,
        header: subject,
        message: `Only a single Range of the form bytes=start- or bytes=start-end is CORS-safelisted. Request one range at a time, or allow range in Access-Control-Allow-Headers.`,
      };
    case 'stream-body':
      return {
        code,
        message: `A ReadableStream body (a streaming upload) always needs a preflight. Send a Blob, string or ArrayBuffer if the whole body is at hand.`,
      };
  }
}
