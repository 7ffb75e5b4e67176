import type { MethodRule, RequestHeaderRule } from './config/lists.js';
import type { ProtectionSettings } from './config/protection.js';
import { type PolicySettings, validateConfig } from './config/validate.js';
import { ALLOW_ORIGIN, EXPOSE_HEADERS } from './constants.js';
import { compileOriginMatcher } from './matching/origin-matcher.js';
import { isSerializedOrigin } from './matching/serialized-origin.js';
import type { CorsPolicy, CorsRefusal, PolicyConfig } from './types.js';

/** What request handling reads from a policy; built once, at definePolicy. */
export interface CompiledPolicy {
  allows(origin: string): boolean;
  /** `Access-Control-Allow-Origin: *` on every response: no CORS header depends on the Origin. */
  readonly wildcardOrigin: boolean;
  readonly credentials: boolean;
  readonly methods: MethodRule;
  readonly requestHeaders: RequestHeaderRule;
  /** The Access-Control-Expose-Headers value, or null. */
  readonly exposeHeaders: string | null;
  /** The Access-Control-Max-Age value. */
  readonly maxAge: string;
  readonly privateNetworkAccess: boolean;
  readonly debug: ((refusal: CorsRefusal) => void) | null;
  /** The Vary value of a preflight answer. */
  readonly preflightVary: string;
  /** For wildcard policies, the headers every response gets; null otherwise. */
  readonly wildcardHeaders: ReadonlyArray<readonly [string, string]> | null;
  /** Vary names for every other response: `Origin` unless the answer never depends on it. */
  readonly actualVary: readonly string[] | null;
  /** Cross-origin request protection for unsafe methods, or null when off. */
  readonly protection: ProtectionSettings | null;
  /**
   * The only methods a preflight may ask for, safelisted ones included (a contract's path serves
   * these and no others); null for definePolicy's usual rule.
   */
  readonly servedMethods: ReadonlySet<string> | null;
}

// Symbol.for, not a module-local symbol: the ESM and CJS builds (and each subpath bundle) share it,
// so a policy made through one entry point works with adapters loaded through another.
const COMPILED = Symbol.for('@corskit/server.compiled-policy');

/**
 * Validates `config` and returns an immutable policy. Throws a PolicyError listing every problem.
 * The literal config type is kept (`policy.config`), so @corskit/fetch can narrow a client to the
 * methods and request headers this policy accepts.
 */
export function definePolicy<const C extends PolicyConfig>(config: C): CorsPolicy<C> {
  const settings = validateConfig(config);
  const compiled = compile(settings);
  const policy = {
    config: snapshot(config),
    allowsOrigin: (origin: string) => typeof origin === 'string' && compiled.allows(origin),
  };
  Object.defineProperty(policy, COMPILED, { value: compiled });
  return Object.freeze(policy);
}

/** The compiled form of a policy made by definePolicy; a TypeError for anything else. */
export function compiledPolicyOf(policy: unknown): CompiledPolicy {
  const compiled =
    typeof policy === 'object' && policy !== null
      ? (policy as { [COMPILED]?: CompiledPolicy })[COMPILED]
      : undefined;
  if (compiled === undefined) {
    throw new TypeError(
      'Expected a policy made by definePolicy() (or policy routes made by routePolicies()).',
    );
  }
  return compiled;
}

function compile(settings: PolicySettings): CompiledPolicy {
  const wildcardOrigin = settings.anyOrigin && !settings.credentials;
  // Any origin, but only origins: the credentialed form reflects the Origin, so a non-origin (`*`,
  // `null`, junk) must never come back. `*` without credentials serves `null` too, which is what
  // browsers accept for `Access-Control-Allow-Origin: *` (sandboxed iframes, file: pages).
  const matches = !settings.anyOrigin
    ? compileOriginMatcher(settings.origins)
    : wildcardOrigin
      ? (origin: string) => origin === 'null' || isSerializedOrigin(origin)
      : isSerializedOrigin;
  const { filterOrigin } = settings;
  const allows =
    filterOrigin === null ? matches : (origin: string) => matches(origin) && filterOrigin(origin) === true;

  const preflightVary = ['Access-Control-Request-Method', 'Access-Control-Request-Headers'];
  if (!wildcardOrigin) preflightVary.unshift('Origin');
  if (settings.privateNetworkAccess) preflightVary.push('Access-Control-Request-Private-Network');

  return Object.freeze({
    allows,
    wildcardOrigin,
    credentials: settings.credentials,
    methods: settings.methods,
    requestHeaders: settings.requestHeaders,
    exposeHeaders: settings.exposeHeaders,
    maxAge: String(settings.maxAge),
    privateNetworkAccess: settings.privateNetworkAccess,
    debug: settings.debug,
    preflightVary: preflightVary.join(', '),
    wildcardHeaders: wildcardOrigin ? wildcardHeadersFor(settings.exposeHeaders) : null,
    actualVary: wildcardOrigin ? null : Object.freeze(['Origin']),
    protection: settings.protection === null ? null : Object.freeze(settings.protection),
    servedMethods: null,
  });
}

/**
 * definePolicy, with preflights refused for every method outside `servedMethods` (GET and POST
 * too): the policy of one path of a contract, where only the routes' methods exist.
 */
export function definePathPolicy<const C extends PolicyConfig>(
  config: C,
  servedMethods: readonly string[],
): CorsPolicy<C> {
  const base = definePolicy(config);
  const compiled = Object.freeze({ ...compiledPolicyOf(base), servedMethods: new Set(servedMethods) });
  const policy = { config: base.config, allowsOrigin: base.allowsOrigin };
  Object.defineProperty(policy, COMPILED, { value: compiled });
  return Object.freeze(policy);
}

function wildcardHeadersFor(exposeHeaders: string | null): ReadonlyArray<readonly [string, string]> {
  const headers: Array<readonly [string, string]> = [[ALLOW_ORIGIN, '*']];
  if (exposeHeaders !== null) headers.push([EXPOSE_HEADERS, exposeHeaders]);
  return Object.freeze(headers);
}

/** Arrays and plain option objects (crossOriginProtection's) copied and frozen, one level down. */
function freezeCopy(value: unknown): unknown {
  if (Array.isArray(value)) return Object.freeze([...value]);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    copy[key] = Array.isArray(inner) ? Object.freeze([...inner]) : inner;
  return Object.freeze(copy);
}

/** A frozen copy of the config: later changes to the caller's object cannot desync policy.config. */
function snapshot<C extends PolicyConfig>(config: C): C {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    copy[key] = freezeCopy(value);
  }
  return Object.freeze(copy) as C;
}
