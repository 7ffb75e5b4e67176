import { describe } from './config/describe.js';
import { PolicyError } from './errors.js';
import { type CompiledPolicy, compiledPolicyOf } from './policy.js';
import type { CorsPolicy } from './types.js';

/** Policies per path prefix, made by routePolicies(). */
export interface PolicyRoutes {
  /** The policy for a request path (the longest matching prefix's), or null: no CORS handling. */
  policyFor(pathname: string): CorsPolicy | null;
}

/** What adapters accept: one policy for everything, or policies per path prefix. */
export type PolicySource = CorsPolicy | PolicyRoutes;

const ROUTES = Symbol.for('@corskit/server.policy-routes');

interface CompiledRoutes {
  select(pathname: string): CompiledPolicy | null;
}

/**
 * Maps path prefixes to policies: `{ '/api': apiPolicy, '/public': openPolicy, '/admin': null }`.
 * A prefix matches itself and everything below it at a segment boundary (`/api` covers `/api` and
 * `/api/users`, not `/apix`); the longest wins; `null` turns CORS off below it. Paths with dot
 * segments or encoded dots and slashes match no prefix, so they never get a broader policy than
 * the path they resolve to.
 */
export function routePolicies(routes: Record<string, CorsPolicy | null>): PolicyRoutes {
  const problems: string[] = [];
  const table = new Map<string, { policy: CorsPolicy | null; compiled: CompiledPolicy | null }>();
  if (typeof routes !== 'object' || routes === null || Array.isArray(routes)) {
    throw new PolicyError(
      [`routePolicies takes an object of path prefix → policy, not ${describe(routes)}.`],
      'policy routes',
    );
  }
  for (const [prefix, policy] of Object.entries(routes)) {
    const problem = prefixProblem(prefix);
    if (problem !== null) problems.push(problem);
    let compiled: CompiledPolicy | null = null;
    if (policy !== null) {
      try {
        compiled = compiledPolicyOf(policy);
      } catch {
        problems.push(
          `${describe(prefix)}: ${describe(policy)} is not a policy made by definePolicy() (or null).`,
        );
      }
    }
    const key = normalizePrefix(prefix);
    if (table.has(key)) problems.push(`${describe(prefix)}: the prefix ${key} is listed twice.`);
    table.set(key, { policy, compiled });
  }
  if (problems.length > 0) throw new PolicyError(problems, 'policy routes');

  const lookup = (pathname: string) => {
    if (hasAmbiguousSegments(pathname)) return undefined;
    let candidate = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    for (;;) {
      const hit = table.get(candidate === '' ? '/' : candidate);
      if (hit !== undefined) return hit;
      if (candidate === '' || candidate === '/') return undefined;
      candidate = candidate.slice(0, candidate.lastIndexOf('/'));
    }
  };
  const compiledRoutes: CompiledRoutes = { select: (pathname) => lookup(pathname)?.compiled ?? null };
  const result: PolicyRoutes = { policyFor: (pathname) => lookup(pathname)?.policy ?? null };
  Object.defineProperty(result, ROUTES, { value: compiledRoutes });
  return Object.freeze(result);
}

/** PolicyRoutes from any lookup of policies by path (a contract's templates, say). */
export function makePolicyRoutes(select: (pathname: string) => CorsPolicy | null): PolicyRoutes {
  const compiledRoutes: CompiledRoutes = {
    select: (pathname) => {
      const policy = select(pathname);
      return policy === null ? null : compiledPolicyOf(policy);
    },
  };
  const result: PolicyRoutes = { policyFor: select };
  Object.defineProperty(result, ROUTES, { value: compiledRoutes });
  return Object.freeze(result);
}

function prefixProblem(prefix: string): string | null {
  if (!prefix.startsWith('/')) return `${describe(prefix)}: a path prefix starts with "/".`;
  if ([...prefix].some((character) => '?#\\%'.includes(character) || character.trim() === '')) {
    return `${describe(prefix)}: a path prefix has no query, fragment, whitespace, backslash or percent-encoding.`;
  }
  if (hasAmbiguousSegments(prefix)) return `${describe(prefix)}: a path prefix has no "." or ".." segments.`;
  if (prefix.includes('//')) return `${describe(prefix)}: a path prefix has no empty segments.`;
  return null;
}

function normalizePrefix(prefix: string): string {
  return prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
}

/** Dot segments, raw or percent-encoded, and encoded slashes: the server may resolve them differently. */
function hasAmbiguousSegments(path: string): boolean {
  if (path.includes('%')) {
    const lower = path.toLowerCase();
    if (lower.includes('%2e') || lower.includes('%2f') || lower.includes('%5c')) return true;
  }
  if (path.includes('\\')) return true;
  for (const segment of path.split('/')) if (segment === '.' || segment === '..') return true;
  return false;
}

/** How an adapter finds the policy for a request: one for all, or one per path. */
export type PolicySelector =
  | { single: CompiledPolicy; byPath: null }
  | { single: null; byPath: (pathname: string) => CompiledPolicy | null };

export function selectorFor(source: PolicySource): PolicySelector {
  const routes =
    typeof source === 'object' && source !== null
      ? (source as { [ROUTES]?: CompiledRoutes })[ROUTES]
      : undefined;
  if (routes !== undefined) return { single: null, byPath: routes.select };
  return { single: compiledPolicyOf(source), byPath: null };
}

/** The path of an absolute URL (as Request#url always is), without query or fragment. */
export function pathOfUrl(url: string): string {
  const authorityStart = url.indexOf('//');
  const pathStart = authorityStart < 0 ? -1 : url.indexOf('/', authorityStart + 2);
  if (pathStart < 0) return '/';
  return pathBefore(url, pathStart);
}

/** The path of a Node request target (`/path?query`, or absolute-form from a proxy). */
export function pathOfTarget(target: string): string {
  return target.startsWith('/') ? pathBefore(target, 0) : pathOfUrl(target);
}

function pathBefore(text: string, start: number): string {
  let end = text.length;
  const query = text.indexOf('?', start);
  if (query >= 0) end = query;
  const fragment = text.indexOf('#', start);
  if (fragment >= 0 && fragment < end) end = fragment;
  return text.slice(start, end);
}
