import { type Engine, engineProfile } from '@corskit/core';
import type { ClientPolicy } from '../policy.js';

/** What the policy's server sends when its config has no maxAge (see @corskit/server). */
const POLICY_DEFAULT_MAX_AGE = 7200;

export interface CacheWindow {
  /** Seconds one preflight answer covers, or null when only the server knows. */
  seconds: number | null;
  /** The engine's cap, Infinity for the spec. */
  capSeconds: number;
  /** A sentence for warnings. */
  text: string;
}

/** How long the engine keeps a preflight answer for this client's server. */
export function cacheWindow(engine: Engine, policy: ClientPolicy | undefined): CacheWindow {
  const { capSeconds, parse } = engineProfile(engine).maxAge;
  const defaultSeconds = parse(null); // what the engine keeps when the server sends no max-age
  const cap = Number.isFinite(capSeconds) ? `${capSeconds} s` : 'no cap';
  if (policy === undefined) {
    return {
      seconds: null,
      capSeconds,
      text: `${engine} keeps a preflight answer for the server's Access-Control-Max-Age (${defaultSeconds} s when it sends none; ${cap} at most)`,
    };
  }
  const asked = policy.config.maxAge ?? POLICY_DEFAULT_MAX_AGE;
  const seconds = Math.min(asked, capSeconds);
  return {
    seconds,
    capSeconds,
    text: `${engine} keeps a preflight answer for ${seconds} s (the policy's maxAge ${asked} s${asked > capSeconds ? `, cut to ${engine}'s cap` : ''})`,
  };
}
