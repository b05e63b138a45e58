export interface ExpiringValue<V> {
  value: V;
  /** How long the value may be served from the cache. */
  ttlMs: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export interface ExpiringValueCacheOptions {
  /** Entries kept; the oldest goes first beyond this. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Values that are costly to fetch (access tokens, header rows), kept until they expire. Concurrent misses
 * for one key share a single load, so a burst of runs fetches once. Failed loads are not kept.
 */
export class ExpiringValueCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V>>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: ExpiringValueCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The cached value, or a loaded one. fresh skips the cache (the caller knows it is stale). */
  get(key: string, load: () => Promise<ExpiringValue<V>>, fresh = false): Promise<V> {
    const hit = this.entries.get(key);
    if (!fresh && hit && hit.expiresAt > this.now()) return Promise.resolve(hit.value);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load().then(
      ({ value, ttlMs }) => {
        this.remember(key, value, ttlMs);
        return value;
      },
    );
    const settled = loaded.finally(() => this.loading.delete(key));
    this.loading.set(key, settled);
    return settled;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private remember(key: string, value: V, ttlMs: number): void {
    this.entries.delete(key);
    if (ttlMs <= 0) return;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
