import type { EngineProfile } from './engines.js';
import { isCorsSafelistedMethod } from './methods.js';
import type { PreflightGrant } from './preflight.js';

/** What a request needs from the cache to skip its preflight. */
export interface CacheQuery {
  /** The Origin the preflight carries. */
  origin: string;
  /** The request URL; answers are cached per URL. */
  url: string;
  /** The method as sent (case-sensitive). */
  method: string;
  /** Lowercase unsafe header names. */
  headers: readonly string[];
  /** Whether the request has `credentials: 'include'`. */
  includeCredentials: boolean;
  /** Stream bodies: the method needs an entry even when safelisted. */
  forced: boolean;
}

/** An engine's preflight cache: which answers it keeps, and which requests they spare a preflight. */
export interface PreflightCache {
  /** Whether cached answers cover the request at time `now` (ms), so no preflight is sent. */
  covers(query: CacheQuery, now: number): boolean;
  /** Records a successful preflight answer received at `now` (ms). */
  store(query: CacheQuery, grant: PreflightGrant, now: number): void;
  /** Forgets every answer for an origin and URL. */
  clear(key: { origin: string; url: string }): void;
}

/** An empty preflight cache that keeps and matches answers the way `profile`'s engine does. */
export function createPreflightCache(profile: EngineProfile): PreflightCache {
  return profile.cache.model === 'per-url' ? new PerUrlCache(profile) : new PerEntryCache(profile);
}

interface Entry {
  expires: number;
  credentials: boolean;
}

const keyOf = (query: { origin: string; url: string }) => `${query.origin} ${query.url}`;

/** Whether a cached answer's credentials mode lets it serve this request. */
function credentialsMatch(entry: Entry, query: CacheQuery, profile: EngineProfile): boolean {
  if (profile.cache.credentials === 'exact') return entry.credentials === query.includeCredentials;
  return entry.credentials || !query.includeCredentials;
}

/** Whether a cached `*` answer covers header `name` for this request. */
function wildcardCoversHeader(name: string, query: CacheQuery, profile: EngineProfile): boolean {
  if (!profile.cache.wildcards || query.includeCredentials) return false;
  return name !== 'authorization' || profile.wildcardCoversAuthorization;
}

/** Whether the method needs the cache's approval at all. */
function methodNeedsEntry(query: CacheQuery): boolean {
  return !isCorsSafelistedMethod(query.method) || query.forced;
}

/** The Fetch Standard's cache: one entry per method and per header name, refreshed one by one. */
class PerEntryCache implements PreflightCache {
  readonly #methods = new Map<string, Map<string, Entry>>();
  readonly #headers = new Map<string, Map<string, Entry>>();
  constructor(private readonly profile: EngineProfile) {}

  covers(query: CacheQuery, now: number): boolean {
    const key = keyOf(query);
    const methods = this.#methods.get(key);
    const headers = this.#headers.get(key);
    const fresh = (entry: Entry | undefined) =>
      entry !== undefined && entry.expires > now && credentialsMatch(entry, query, this.profile);
    if (methodNeedsEntry(query)) {
      const methodWildcard = this.profile.cache.wildcards && !query.includeCredentials;
      if (!fresh(methods?.get(query.method)) && !(methodWildcard && fresh(methods?.get('*')))) return false;
    }
    return query.headers.every(
      (name) =>
        fresh(headers?.get(name)) ||
        (wildcardCoversHeader(name, query, this.profile) && fresh(headers?.get('*'))),
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

  clear(query: { origin: string; url: string }): void {
    this.#methods.delete(keyOf(query));
    this.#headers.delete(keyOf(query));
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
    if (entry === undefined || entry.expires <= now || !credentialsMatch(entry, query, this.profile))
      return false;
    const methodWildcard = this.profile.cache.wildcards && !query.includeCredentials;
    const methodOk =
      !methodNeedsEntry(query) ||
      entry.methods.includes(query.method) ||
      (methodWildcard && entry.methods.includes('*'));
    if (!methodOk) return false;
    return query.headers.every(
      (name) =>
        entry.headers.includes(name) ||
        (wildcardCoversHeader(name, query, this.profile) && entry.headers.includes('*')),
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

  clear(query: { origin: string; url: string }): void {
    this.#entries.delete(keyOf(query));
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
