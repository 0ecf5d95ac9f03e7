/** What kind of response an entry holds; invalidation after a mutation picks entries by it. */
export type EntryKind = 'media' | 'media-list' | 'group-list';

/** A cache entry's metadata and value. */
export interface CacheEntry<V = unknown> {
  readonly key: string;
  readonly kind: EntryKind;
  readonly merchant: string;
  readonly value: V;
  /** Clock time the value was stored. */
  readonly storedAt: number;
  /** Clock time of the last failed background refresh, if any. */
  refreshFailedAt?: number;
}

/** A cache entry as a server render hands it to the page: JSON, with the time it was fetched. */
export type CacheSnapshotEntry = Pick<
  CacheEntry,
  'key' | 'kind' | 'merchant' | 'value' | 'storedAt'
>;

const KINDS: readonly unknown[] = ['media', 'media-list', 'group-list'] satisfies EntryKind[];

/** A well-formed snapshot entry (a page's inline JSON is read with care all the same). */
export function isSnapshotEntry(entry: unknown): entry is CacheSnapshotEntry {
  const e = entry as Partial<CacheSnapshotEntry> | null | undefined;
  return (
    typeof e?.key === 'string' &&
    e.key.startsWith('/') &&
    KINDS.includes(e.kind) &&
    typeof e.merchant === 'string' &&
    !!e.value &&
    typeof e.value === 'object' &&
    Number.isFinite(e.storedAt)
  );
}

/** `fresh`: serve. `stale`: serve and revalidate in the background. */
export type Freshness = 'fresh' | 'stale';

/** Called with the new value, or `undefined` when the entry was invalidated. */
export type CacheListener<V = unknown> = (value: V | undefined) => void;

export interface ResponseCacheOptions {
  ttlMs: number;
  staleMs: number;
  maxEntries: number;
  now: () => number;
}

/**
 * The response cache: fresh for `ttlMs`, then stale (served while revalidating, and kept
 * when revalidation fails) for `staleMs`, then gone. Bounded, least recently used first out;
 * a `Map` keeps insertion order, so a hit is moved to the end by re-inserting it.
 */
export class ResponseCache {
  private readonly _entries = new Map<string, CacheEntry>();
  private readonly _listeners = new Map<string, Set<CacheListener>>();
  private readonly _options: ResponseCacheOptions;

  constructor(options: ResponseCacheOptions) {
    this._options = options;
  }

  /** The live entry and how fresh it is; marks it recently used. Expired entries are dropped. */
  lookup(key: string): {entry: CacheEntry; freshness: Freshness} | undefined {
    const entry = this._entries.get(key);
    if (!entry) return undefined;
    const freshness = this.freshness(entry);
    // Expired entries go; live ones move to the end, the most recently used.
    this._entries.delete(key);
    if (!freshness) return undefined;
    this._entries.set(key, entry);
    return {entry, freshness};
  }

  /** Like `lookup`, without touching recency: for synchronous reads while rendering. */
  peek(key: string): CacheEntry | undefined {
    const entry = this._entries.get(key);
    return entry && this.freshness(entry) ? entry : undefined;
  }

  freshness(entry: CacheEntry): Freshness | undefined {
    const {now, ttlMs, staleMs} = this._options;
    const age = now() - entry.storedAt;
    if (age < ttlMs) return 'fresh';
    if (age < ttlMs + staleMs) return 'stale';
    return undefined;
  }

  /**
   * Stores a value and tells the key's listeners when it differs from the one held. `storedAt`
   * is when it was fetched: a primed entry is as old as its original fetch.
   */
  set(
    key: string,
    kind: EntryKind,
    merchant: string,
    value: unknown,
    storedAt = this._options.now(),
  ): void {
    const previous = this._entries.get(key);
    this._entries.delete(key);
    this._entries.set(key, {key, kind, merchant, value, storedAt});
    while (this._entries.size > this._options.maxEntries) {
      const oldest = this._entries.keys().next().value as string;
      this._entries.delete(oldest);
    }
    if (!previous || !deepEqual(previous.value, value)) this._notify(key, value);
  }

  delete(key: string): boolean {
    const had = this._entries.delete(key);
    if (had) this._notify(key, undefined);
    return had;
  }

  entries(): IterableIterator<CacheEntry> {
    return this._entries.values();
  }

  /** Forgets every entry, without notifying: for tests and teardown. */
  clear(): void {
    this._entries.clear();
  }

  subscribe(key: string, listener: CacheListener): () => void {
    let set = this._listeners.get(key);
    if (!set) this._listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      const current = this._listeners.get(key);
      if (!current) return;
      current.delete(listener);
      if (!current.size) this._listeners.delete(key);
    };
  }

  private _notify(key: string, value: unknown) {
    const set = this._listeners.get(key);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(value);
      } catch (error) {
        // One broken subscriber must not stop the others or the request that stored the value.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/** Structural equality of JSON-like values, so re-seeding an unchanged media re-renders nothing. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(
      (key) =>
        Object.prototype.hasOwnProperty.call(b, key) &&
        deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
