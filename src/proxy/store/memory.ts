import {
  resolveStoreOptions,
  tokenUsable,
  zeroCounters,
  type ResolvedStoreOptions,
} from './defaults.js';
import {EntryCache, entrySize} from './l1.js';
import {SlidingLog} from './local-budget.js';
import {SingleFlight} from './single-flight.js';
import type {
  BudgetGrant,
  BudgetKind,
  BudgetState,
  CacheEntry,
  FillOptions,
  FillResult,
  ProxyStore,
  StoreHealth,
  StoredToken,
  StoreOptions,
} from './types.js';

/**
 * The proxy's state in this process's memory: correct for exactly one process. The default;
 * it loads no Redis client.
 */
export class MemoryStore implements ProxyStore {
  readonly options: ResolvedStoreOptions;
  readonly #counters = zeroCounters();
  readonly #log: SlidingLog;
  readonly #cache: EntryCache;
  readonly #fills = new SingleFlight<CacheEntry | undefined>();
  readonly #logins = new SingleFlight<StoredToken>();
  #token: StoredToken | undefined;

  constructor(options: StoreOptions) {
    this.options = resolveStoreOptions(options);
    const {
      budgetPerWindow: capacity,
      windowMs,
      marginMs,
      maxPauseMs,
      l1MaxBytes,
      now,
    } = this.options;
    this.#log = new SlidingLog({capacity, windowMs, marginMs, maxPauseMs});
    this.#cache = new EntryCache(l1MaxBytes, Infinity, now);
  }

  async take(_kind: BudgetKind): Promise<BudgetGrant> {
    const grant = this.#log.take(this.options.now());
    this.#counters[grant.granted ? 'budgetGranted' : 'budgetDenied']++;
    return grant;
  }

  async pause(untilMs: number): Promise<number> {
    return this.#log.pause(untilMs, this.options.now());
  }

  async budget(): Promise<BudgetState> {
    return {...this.#log.state(this.options.now()), shared: true};
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const entry = this.#cache.get(key);
    this.#counters[entry ? 'l1Hits' : 'misses']++;
    return entry;
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    if (entrySize(key, entry) > this.options.maxEntryBytes) return this.#cache.delete(key);
    if (entry.expiresAt > this.options.now()) this.#cache.set(key, entry);
  }

  async delete(key: string): Promise<void> {
    this.#cache.delete(key);
  }

  async getToken(): Promise<StoredToken | undefined> {
    return tokenUsable(this.#token, this.options.now()) ? this.#token : undefined;
  }

  async setToken(token: StoredToken): Promise<void> {
    this.#token = token;
  }

  async refreshToken(login: () => Promise<StoredToken>, rejected?: string): Promise<StoredToken> {
    const current = await this.getToken();
    if (current && current.token !== rejected) return current;
    return this.#logins.run('token', async () => (this.#token = await login())).promise;
  }

  async dropToken(token: string): Promise<void> {
    if (this.#token?.token === token) this.#token = undefined;
  }

  async fill(
    key: string,
    load: () => Promise<CacheEntry | undefined>,
    options: FillOptions = {},
  ): Promise<FillResult> {
    let loaded = false;
    const {promise, joined} = this.#fills.run(key, async () => {
      const current = this.#cache.get(key);
      if (current && current.storedAt !== options.seen?.storedAt) return current;
      loaded = true;
      const entry = await load();
      if (entry) await this.set(key, entry);
      return entry;
    });
    if (joined) this.#counters.lockWaits++;
    return {entry: await promise, loaded};
  }

  async health(): Promise<StoreHealth> {
    return {
      status: 'ok',
      backend: 'memory',
      counters: {...this.#counters},
      budget: await this.budget(),
      l1: {entries: this.#cache.entries, bytes: this.#cache.bytes},
    };
  }

  async close(): Promise<void> {}
}
