import {LRUCache} from 'lru-cache';

/** A response the proxy can answer with again: a catalog answer or a remembered failure. */
export interface StoredResponse {
  /** 200, an authoritative upstream 4xx (negative entry), or a 5xx (transient entry). */
  status: number;
  /** JSON text. */
  body: string;
  /** Strong validator of `body`; only 200 responses have one. */
  etag: string | undefined;
  storedAt: number;
  /** Served as it is until then. */
  freshUntil: number;
  /** Until then, served stale while one background refresh runs. */
  staleUntil: number;
  /** Until then, served stale when a refresh fails; dropped after. */
  expiresAt: number;
  /** A refresh failed: no new attempt before this time. */
  retryAt?: number;
  /** Seconds a client should wait, for transient errors. */
  retryAfterMs?: number;
}

/** Cache lifetimes and bounds, in milliseconds. */
export interface StoreOptions {
  ttlMs: number;
  staleWhileRevalidateMs: number;
  staleIfErrorMs: number;
  negativeTtlMs: number;
  errorTtlMs: number;
  maxEntries: number;
  maxBytes: number;
  now: () => number;
}

const encoder = new TextEncoder();

/** A strong ETag: a hash of the exact bytes sent (Web Crypto, so it runs on every runtime). */
export async function strongEtag(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(body)));
  let binary = '';
  for (const byte of digest.subarray(0, 18)) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_')}"`;
}

/** Entries and approximate bytes of one of the store's caches. */
export interface CacheSize {
  entries: number;
  bytes: number;
  maxBytes: number;
}

/** A list page cut from upstream chunks, kept while the chunks it came from are the same. */
export interface CutPage {
  stamp: string;
  entry: StoredResponse;
}

/** Bookkeeping per entry beyond its text, so that many tiny entries still count. */
const ENTRY_OVERHEAD_BYTES = 256;

function bounded<V extends object>(max: number, maxSize: number, size: (value: V) => number) {
  return new LRUCache<string, V>({
    max,
    maxSize,
    sizeCalculation: (value, key) => size(value) + key.length + ENTRY_OVERHEAD_BYTES,
  });
}

/**
 * The proxy's in-memory cache: three LRUs, each bounded by entries and by bytes.
 * - answers: catalog answers with content, the entries everybody reads;
 * - negative: upstream "no" answers (404, GEO_RULE, 400), empty lists (unknown group ids,
 *   pages past the end) and remembered failures, so that a flood of made-up keys evicts
 *   other made-up keys, never the real entries;
 * - pages: list pages cut from upstream chunks, one per `limit/page/sort/order` asked for.
 */
export class ResponseStore {
  readonly options: StoreOptions;
  readonly #good: LRUCache<string, StoredResponse>;
  readonly #bad: LRUCache<string, StoredResponse>;
  readonly #pages: LRUCache<string, CutPage>;

  constructor(options: StoreOptions) {
    this.options = options;
    const {maxEntries, maxBytes} = options;
    this.#good = bounded(maxEntries, maxBytes, (entry) => entry.body.length);
    this.#bad = bounded(
      Math.max(16, Math.floor(maxEntries / 4)),
      Math.ceil(maxBytes / 8),
      (e) => e.body.length,
    );
    this.#pages = bounded(
      maxEntries,
      Math.ceil(maxBytes / 4),
      (page) => page.entry.body.length + page.stamp.length,
    );
  }

  /** Entries in all three caches. */
  get size(): number {
    return this.#good.size + this.#bad.size + this.#pages.size;
  }

  /** Entries and bytes per cache, for `/healthz` and the metrics. */
  sizes(): Record<'answers' | 'negative' | 'pages', CacheSize> {
    const of = (lru: {size: number; calculatedSize: number; maxSize: number}): CacheSize => ({
      entries: lru.size,
      bytes: lru.calculatedSize,
      maxBytes: lru.maxSize,
    });
    return {answers: of(this.#good), negative: of(this.#bad), pages: of(this.#pages)};
  }

  /** True when the key has a catalog answer with content, however old: a known-good key. */
  isKnown(key: string): boolean {
    return this.#good.has(key, {updateAgeOnHas: false});
  }

  getPage(key: string): CutPage | undefined {
    return this.#pages.get(key);
  }

  setPage(key: string, page: CutPage): void {
    this.#pages.set(key, page);
  }

  /** The usable entry for `key` (fresh or stale), or undefined. Marks it recently used. */
  get(key: string): StoredResponse | undefined {
    const now = this.options.now();
    for (const lru of [this.#good, this.#bad]) {
      const entry = lru.get(key);
      if (!entry) continue;
      if (now < entry.expiresAt) return entry;
      lru.delete(key);
    }
    return undefined;
  }

  /**
   * Stores a 200 answer; it replaces whatever was known about the key. An `empty` one (a list
   * with no items) goes with the negative entries.
   */
  async storeOk(key: string, body: string, empty = false): Promise<StoredResponse> {
    const etag = await strongEtag(body);
    const {ttlMs, staleWhileRevalidateMs, staleIfErrorMs} = this.options;
    const now = this.options.now();
    const freshUntil = now + ttlMs;
    const entry: StoredResponse = {
      status: 200,
      body,
      etag,
      storedAt: now,
      freshUntil,
      staleUntil: freshUntil + staleWhileRevalidateMs,
      expiresAt: freshUntil + Math.max(staleWhileRevalidateMs, staleIfErrorMs),
    };
    (empty ? this.#good : this.#bad).delete(key);
    (empty ? this.#bad : this.#good).set(key, entry);
    return entry;
  }

  /**
   * Stores an authoritative "no" from upstream (404, 403 GEO_RULE, 400) for a short time, so
   * that a flood of requests for one bad id costs one upstream request.
   */
  storeNegative(key: string, status: number, body: string): StoredResponse {
    const now = this.options.now();
    const freshUntil = now + this.options.negativeTtlMs;
    const entry: StoredResponse = {
      status,
      body,
      etag: undefined,
      storedAt: now,
      freshUntil,
      staleUntil: freshUntil,
      expiresAt: freshUntil + this.options.staleIfErrorMs,
    };
    this.#good.delete(key);
    this.#bad.set(key, entry);
    return entry;
  }

  /**
   * Records a failed refresh. An entry that can still be served stale is kept and not
   * refreshed again for a while; a key with nothing to serve remembers the error as briefly,
   * so that requests arriving one after another during an outage do not each spend budget.
   */
  noteFailure(key: string, failure: {status: number; body: string}, remember: boolean): void {
    const now = this.options.now();
    const retryAt = now + this.options.errorTtlMs;
    const existing = this.get(key);
    if (existing) {
      existing.retryAt = retryAt;
      return;
    }
    if (!remember) return;
    this.#bad.set(key, {
      status: failure.status,
      body: failure.body,
      etag: undefined,
      storedAt: now,
      freshUntil: retryAt,
      staleUntil: retryAt,
      expiresAt: retryAt,
      retryAt,
      retryAfterMs: this.options.errorTtlMs,
    });
  }

  clear(): void {
    this.#good.clear();
    this.#bad.clear();
    this.#pages.clear();
  }
}
