import {
  isForbiddenMethod,
  isForbiddenRequestHeader,
  isForbiddenResponseHeaderName,
  isToken,
} from '@corskit/core';
import { MAX_METHOD_LENGTH } from '../constants.js';
import { describe } from './describe.js';

/** Methods allowed beyond the safelisted ones, or any method (`['*']`). */
export type MethodRule = { any: true } | { any: false; names: ReadonlySet<string> };

/** Lowercase request-header names, or any name but Authorization (`'*'`). */
export type RequestHeaderRule = { any: true } | { any: false; names: ReadonlySet<string> };

/** Browsers uppercase these six methods when a script passes them in any case (Fetch "normalize"). */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

function asList(field: string, value: unknown, problems: string[]): readonly unknown[] | null {
  if (Array.isArray(value)) return value;
  problems.push(`${field}: ${describe(value)} is not a list of strings.`);
  return null;
}

export function parseMethods(value: unknown, problems: string[]): MethodRule {
  const names = new Set<string>();
  if (value === undefined) return { any: false, names };
  const list = asList('methods', value, problems);
  if (list === null) return { any: false, names };
  if (list.includes('*')) {
    if (list.length > 1) problems.push(`methods: "*" allows every method; it cannot be combined with names.`);
    return { any: true };
  }
  for (const method of list) {
    if (typeof method !== 'string' || !isToken(method)) {
      problems.push(`methods: ${describe(method)} is not an HTTP method token.`);
    } else if (isForbiddenMethod(method)) {
      problems.push(`methods: ${method} is a forbidden method; browsers never send it.`);
    } else if (method.length > MAX_METHOD_LENGTH) {
      problems.push(`methods: ${describe(method)} is longer than ${MAX_METHOD_LENGTH} characters.`);
    } else if (method !== method.toUpperCase() && NORMALIZED_METHODS.has(method.toUpperCase())) {
      problems.push(
        `methods: browsers always send ${describe(method)} as ${method.toUpperCase()}, and methods compare case-sensitively: write ${method.toUpperCase()}.`,
      );
    } else {
      names.add(method);
    }
  }
  return { any: false, names };
}

export function parseRequestHeaders(value: unknown, problems: string[]): RequestHeaderRule {
  const names = new Set<string>();
  if (value === undefined) return { any: false, names };
  if (value === '*') return { any: true };
  const list = asList('requestHeaders', value, problems);
  if (list === null) return { any: false, names };
  for (const name of list) {
    if (name === '*') {
      problems.push(`requestHeaders: "*" inside a list; write requestHeaders: '*' to accept any header.`);
    } else if (typeof name !== 'string' || !isToken(name)) {
      problems.push(`requestHeaders: ${describe(name)} is not a header name.`);
    } else if (isForbiddenRequestHeader(name.toLowerCase(), '')) {
      problems.push(
        `requestHeaders: ${name} is a forbidden request header; browsers never let scripts set it, so listing it does nothing.`,
      );
    } else {
      names.add(name.toLowerCase());
    }
  }
  return { any: false, names };
}

/** The Access-Control-Expose-Headers value (null when nothing is exposed). */
export function parseExposeHeaders(value: unknown, credentials: boolean, problems: string[]): string | null {
  if (value === undefined) return null;
  if (value === '*') {
    if (credentials) {
      problems.push(
        `exposeHeaders: '*' exposes nothing on credentialed requests (browsers read it as a header named "*"); list the names.`,
      );
    }
    return '*';
  }
  const list = asList('exposeHeaders', value, problems);
  if (list === null) return null;
  const seen = new Set<string>();
  const names: string[] = [];
  for (const name of list) {
    if (name === '*') {
      problems.push(`exposeHeaders: "*" inside a list; write exposeHeaders: '*' to expose every header.`);
    } else if (typeof name !== 'string' || !isToken(name)) {
      problems.push(`exposeHeaders: ${describe(name)} is not a header name.`);
    } else if (isForbiddenResponseHeaderName(name.toLowerCase())) {
      problems.push(
        `exposeHeaders: ${name} can never be read by scripts; browsers hide it whatever the server says.`,
      );
    } else if (!seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      names.push(name);
    }
  }
  return names.length === 0 ? null : names.join(', ');
}
