import { DEFAULT_MAX_AGE, MAX_MAX_AGE } from '../constants.js';
import { PolicyError } from '../errors.js';
import type { CorsRefusal } from '../types.js';
import { describe } from './describe.js';
import {
  type MethodRule,
  parseExposeHeaders,
  parseMethods,
  parseRequestHeaders,
  type RequestHeaderRule,
} from './lists.js';
import { type OriginEntry, parseOriginEntry } from './origins.js';
import { type ProtectionSettings, readProtection } from './protection.js';

/** A configuration checked and reduced to what request handling needs. */
export interface PolicySettings {
  /** `origins: '*'`. */
  anyOrigin: boolean;
  origins: OriginEntry[];
  credentials: boolean;
  methods: MethodRule;
  requestHeaders: RequestHeaderRule;
  exposeHeaders: string | null;
  maxAge: number;
  privateNetworkAccess: boolean;
  debug: ((refusal: CorsRefusal) => void) | null;
  filterOrigin: ((origin: string) => boolean) | null;
  /** Cross-origin request protection, or null when it is off. */
  protection: ProtectionSettings | null;
}

const KNOWN_OPTIONS = new Set([
  'origins',
  'methods',
  'requestHeaders',
  'exposeHeaders',
  'credentials',
  'maxAge',
  'privateNetworkAccess',
  'debug',
  'filterOrigin',
  'crossOriginProtection',
  'dangerouslyAllowCredentialsWithAnyOrigin',
  'dangerouslyAllowInsecureOrigins',
]);

/** What other CORS libraries call our options, so a ported config gets a useful message. */
const OTHER_NAMES: Record<string, string> = {
  origin: 'origins',
  allowOrigin: 'origins',
  allowOrigins: 'origins',
  allowedOrigins: 'origins',
  allowMethods: 'methods',
  allowedMethods: 'methods',
  allowHeaders: 'requestHeaders',
  allowedHeaders: 'requestHeaders',
  allowRequestHeaders: 'requestHeaders',
  exposedHeaders: 'exposeHeaders',
  exposeResponseHeaders: 'exposeHeaders',
  allowCredentials: 'credentials',
  maxAgeInSeconds: 'maxAge',
  allowPrivateNetwork: 'privateNetworkAccess',
  privateNetwork: 'privateNetworkAccess',
  csrf: 'crossOriginProtection',
  csrfProtection: 'crossOriginProtection',
};

const logRefusal = (refusal: CorsRefusal) =>
  console.warn(`[corskit] refused ${refusal.kind} request from ${refusal.origin}: ${refusal.reason}`);

/** Checks every rule and throws one PolicyError listing all problems, or returns the settings. */
export function validateConfig(config: unknown): PolicySettings {
  const problems: string[] = [];
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new PolicyError([
      `The policy config must be an object like { origins: [...] }, not ${describe(config)}.`,
    ]);
  }
  const options = config as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (KNOWN_OPTIONS.has(key)) continue;
    const hint = Object.hasOwn(OTHER_NAMES, key) ? `; did you mean ${OTHER_NAMES[key]}?` : '.';
    problems.push(`Unknown option ${describe(key)}${hint}`);
  }

  const credentials = readFlag(options, 'credentials', problems);
  const privateNetworkAccess = readFlag(options, 'privateNetworkAccess', problems);
  const allowAnyWithCredentials = readFlag(options, 'dangerouslyAllowCredentialsWithAnyOrigin', problems);
  const allowInsecure = readFlag(options, 'dangerouslyAllowInsecureOrigins', problems);

  const { anyOrigin, origins } = readOrigins(options['origins'], problems);
  if (anyOrigin && credentials && !allowAnyWithCredentials) {
    problems.push(
      `origins: '*' with credentials: true would let every website act as the signed-in user. List the origins, or set dangerouslyAllowCredentialsWithAnyOrigin: true if that is really meant.`,
    );
  }
  if (anyOrigin && privateNetworkAccess) {
    problems.push(
      `privateNetworkAccess with origins: '*' would let every website on the internet reach this private-network server; list the origins.`,
    );
  }
  const insecure = origins.filter((entry) => entry.insecure);
  if (insecure.length > 0 && (credentials || privateNetworkAccess) && !allowInsecure) {
    const listed = insecure.map((entry) => describe(entryText(entry))).join(', ');
    problems.push(
      `origins: ${listed} ${insecure.length === 1 ? 'is' : 'are'} plain http and not loopback; with ${credentials ? 'credentials' : 'private network access'} anyone on the network path could act as the user. Use https, or set dangerouslyAllowInsecureOrigins: true.`,
    );
  }

  const methods = parseMethods(options['methods'], problems);
  const requestHeaders = parseRequestHeaders(options['requestHeaders'], problems);
  const exposeHeaders = parseExposeHeaders(options['exposeHeaders'], credentials, problems);
  const maxAge = readMaxAge(options['maxAge'], problems);
  const debug = readDebug(options['debug'], problems);
  const filterOrigin = readFunction(options, 'filterOrigin', problems);
  const protection = readProtection(options['crossOriginProtection'], { credentials, anyOrigin }, problems);

  if (problems.length > 0) throw new PolicyError(problems);
  return {
    anyOrigin,
    origins,
    credentials,
    methods,
    requestHeaders,
    exposeHeaders,
    maxAge,
    privateNetworkAccess,
    debug,
    filterOrigin,
    protection,
  };
}

function readOrigins(value: unknown, problems: string[]): { anyOrigin: boolean; origins: OriginEntry[] } {
  if (value === '*') return { anyOrigin: true, origins: [] };
  if (value === undefined) {
    problems.push(`origins: missing; list the origins allowed to call this server (or '*').`);
    return { anyOrigin: false, origins: [] };
  }
  if (!Array.isArray(value)) {
    problems.push(`origins: ${describe(value)} is neither a list of origins nor '*'.`);
    return { anyOrigin: false, origins: [] };
  }
  if (value.length === 0) problems.push('origins: the list is empty, so no origin would be allowed.');
  const origins: OriginEntry[] = [];
  for (const raw of value) {
    const parsed = parseOriginEntry(raw);
    if (parsed.ok) origins.push(parsed.value);
    else problems.push(parsed.problem);
  }
  return { anyOrigin: false, origins };
}

function entryText(entry: OriginEntry): string {
  if (entry.kind === 'exact') return entry.origin;
  const port = entry.port === null ? '' : `:${entry.port}`;
  return `${entry.scheme}://${entry.subdomains ? '*.' : ''}${entry.host}${port}`;
}

function readFlag(options: Record<string, unknown>, name: string, problems: string[]): boolean {
  const value = options[name];
  if (value === undefined || typeof value === 'boolean') return value === true;
  problems.push(`${name}: ${describe(value)} is not true or false.`);
  return false;
}

function readMaxAge(value: unknown, problems: string[]): number {
  if (value === undefined) return DEFAULT_MAX_AGE;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_MAX_AGE) {
    problems.push(
      `maxAge: ${describe(value)} is not a whole number of seconds from 0 to ${MAX_MAX_AGE} (browsers cap it: Chromium 7200, Firefox 86400, WebKit 600; 0 disables caching).`,
    );
    return DEFAULT_MAX_AGE;
  }
  return value;
}

function readDebug(value: unknown, problems: string[]): ((refusal: CorsRefusal) => void) | null {
  if (value === undefined || value === false) return null;
  if (value === true) return logRefusal;
  if (typeof value === 'function') return value as (refusal: CorsRefusal) => void;
  problems.push(`debug: ${describe(value)} is not true, false or a function.`);
  return null;
}

function readFunction(
  options: Record<string, unknown>,
  name: string,
  problems: string[],
): ((origin: string) => boolean) | null {
  const value = options[name];
  if (value === undefined) return null;
  if (typeof value === 'function') return value as (origin: string) => boolean;
  problems.push(`${name}: ${describe(value)} is not a function.`);
  return null;
}
