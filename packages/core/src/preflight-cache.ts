import type { EngineProfile } from './engines.js';
import { isCorsSafelistedMethod } from './methods.js';
import type { PreflightGrant } from './preflight.js';

/** What a request needs from the cache to skip its preflight. */
export interface CacheQuery {
  origin: string;
  url: string;
  method: string;
  /** Lowercase unsafe header names. */
  headers: readonly string[];
  includeCredentials: boolean;
  /** Stream bodies: the method needs an entry even when safelisted. */
  forced: boolean;
}

export interface PreflightCache {
  /** Whether cached answers cover the request at time `now` (ms), so no preflight is sent. */
  covers(query: CacheQuery, now: number): boolean;
  /** Records a successful preflight answer received at `now` (ms). */
  store(query: CacheQuery, grant: PreflightGrant, now: number): void;
}

export function createPreflightCache(profile: EngineProfile): PreflightCache {
  return profile.cacheModel === 'per-url' ? new PerUrlCache(profile) : new PerEntryCache();
}

interface Entry {
  expires: number;
  credentials: boolean;
}

const keyOf = (query: CacheQuery) => `${query.origin} ${query.url}`;

/** The Fetch Standard's cache: one entry per method and per header name, refreshed one by one. */
class PerEntryCache implements PreflightCache {
  readonly #methods = new Map<string, Map<string, Entry>>();
  readonly #headers = new Map<string, Map<string, Entry>>();

  covers(query: CacheQuery, now: number): boolean {
    const key = keyOf(query);
    const wildcardOk = !query.includeCredentials;
    const methods = this.#methods.get(key);
    const headers = this.#headers.get(key);
    const fresh = (entry: Entry | undefined) =>
      entry !== undefined && entry.expires > now && (entry.credentials || !query.includeCredentials);
    if (!isCorsSafelistedMethod(query.method) || query.forced) {
      const ok = fresh(methods?.get(query.method)) || (wildcardOk && fresh(methods?.get('*')));
      if (!ok) return false;
    }
    return query.headers.every(
      (name) =>
        fresh(headers?.get(name)) || (wildcardOk && name !== 'authorization' && fresh(headers?.get('*'))),
    );
  }

  store(query: CacheQuery, grant: PreflightGrant, now: number): void {
    const key = keyOf(query);
    const entry: Entry = { expires: now + grant.maxAgeSeconds * 1000, credentials: query.includeCredentials };
    const methods = getOrCreate(this.#methods, key);
    for (const method of grant.methods) methods.set(method, entry);
    const headers = getOrCreate(this.#headers, key);
    for (const name of grant.headers) headers.set(name, entry);
  }
}

interface UrlEntry extends Entry {
  methods: string[];
  headers: string[];
}

/** One entry per URL holding the latest answer, replaced whole by the next preflight (Chromium, WebKit). */
class PerUrlCache implements PreflightCache {
  readonly #entries = new Map<string, UrlEntry>();
  constructor(private readonly profile: EngineProfile) {}

  covers(query: CacheQuery, now: number): boolean {
    const entry = this.#entries.get(keyOf(query));
    if (entry === undefined || entry.expires <= now) return false;
    if (query.includeCredentials && !entry.credentials) return false;
    const wildcardOk = !query.includeCredentials;
    const methodOk =
      (isCorsSafelistedMethod(query.method) && !query.forced) ||
      entry.methods.includes(query.method) ||
      (wildcardOk && entry.methods.includes('*'));
    if (!methodOk) return false;
    return query.headers.every(
      (name) =>
        entry.headers.includes(name) ||
        (wildcardOk &&
          entry.headers.includes('*') &&
          (name !== 'authorization' || this.profile.wildcardCoversAuthorization)),
    );
  }

  store(query: CacheQuery, grant: PreflightGrant, now: number): void {
    if (grant.maxAgeSeconds <= 0) {
      this.#entries.delete(keyOf(query));
      return;
    }
    this.#entries.set(keyOf(query), {
      expires: now + grant.maxAgeSeconds * 1000,
      credentials: query.includeCredentials,
      methods: grant.methods,
      headers: grant.headers,
    });
  }
}

function getOrCreate<K, V>(map: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
