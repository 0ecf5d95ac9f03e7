import {LRUCache} from 'lru-cache';
import type {CacheEntry, CacheSize} from './types.js';

/** Approximate size of an entry: its text, in UTF-16 units, plus a fixed overhead. */
export function entrySize(key: string, entry: CacheEntry): number {
  return key.length + entry.body.length + (entry.etag?.length ?? 0) + 64;
}

interface Slot {
  entry: CacheEntry;
  /** When this process last read or wrote the entry in the shared store. */
  syncedAt: number;
}

/**
 * A byte-bounded LRU of cache entries in this process. An entry never outlives its own
 * `expiresAt`. In front of a shared store, `recent()` trusts an entry only for `ttlMs` after
 * it was synced, so that another replica's refresh shows here within that time.
 */
export class EntryCache {
  readonly #lru: LRUCache<string, Slot>;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(maxBytes: number, ttlMs: number, now: () => number, maxEntries = Infinity) {
    this.#ttlMs = ttlMs;
    this.#now = now;
    this.#lru = new LRUCache<string, Slot>({
      ...(Number.isFinite(maxEntries) ? {max: Math.max(1, Math.floor(maxEntries))} : {}),
      maxSize: Math.max(1, Math.floor(maxBytes)),
      sizeCalculation: (slot, key) => entrySize(key, slot.entry),
    });
  }

  get entries(): number {
    return this.#lru.size;
  }

  get bytes(): number {
    return this.#lru.calculatedSize;
  }

  /** Entries, bytes and the byte bound, for health and metrics. */
  size(): CacheSize {
    return {entries: this.#lru.size, bytes: this.#lru.calculatedSize, maxBytes: this.#lru.maxSize};
  }

  /** The entry while it has not expired, however long ago it was synced. */
  get(key: string): CacheEntry | undefined {
    const slot = this.#lru.get(key);
    if (!slot) return undefined;
    if (this.#now() < slot.entry.expiresAt) return slot.entry;
    this.#lru.delete(key);
    return undefined;
  }

  /** The entry only if it was synced less than `ttlMs` ago. */
  recent(key: string): CacheEntry | undefined {
    const slot = this.#lru.peek(key);
    if (!slot || this.#now() - slot.syncedAt >= this.#ttlMs) return undefined;
    return this.get(key);
  }

  set(key: string, entry: CacheEntry): void {
    this.#lru.set(key, {entry, syncedAt: this.#now()});
  }

  delete(key: string): void {
    this.#lru.delete(key);
  }
}
