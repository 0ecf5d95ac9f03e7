import {
  resolveStoreOptions,
  tokenUsable,
  zeroCounters,
  type ResolvedStoreOptions,
} from './defaults.js';
import {EntryCache, entrySize} from './l1.js';
import {SlidingLog} from './local-budget.js';
import {SingleFlight} from './single-flight.js';
import {
  isNewer,
  type BudgetGrant,
  type BudgetKind,
  type BudgetState,
  type CacheEntry,
  type FillOptions,
  type FillResult,
  type ProxyStore,
  type StoreHealth,
  type StoredToken,
  type StoreOptions,
} from './types.js';

/** Keys of this namespace are list pages cut from chunks: a cache of their own. */
export const PAGE_NAMESPACE = 'p:';

/**
 * The proxy's state in this process's memory: correct for exactly one process. The default;
 * it loads no Redis client. Three byte-bounded LRUs keep the entries:
 * - answers: catalog answers with content, the entries everybody reads;
 * - negative: entries marked `negative` or not 200 (a "no", an empty list, a remembered
 *   failure), an eighth of the bytes, so a flood of made-up keys evicts only its own kind;
 * - pages: keys in the {@link PAGE_NAMESPACE}, a quarter of the bytes.
 *
 * Members are TypeScript `private`, not `#`: the ES2021 build makes each `#` access a WeakMap
 * lookup, and {@link getNow} runs on every cache hit.
 */
export class MemoryStore implements ProxyStore {
  readonly options: ResolvedStoreOptions;
  private readonly counters = zeroCounters();
  private readonly budgetLog: SlidingLog;
  private readonly answers: EntryCache;
  private readonly negative: EntryCache;
  private readonly pages: EntryCache;
  private readonly fills = new SingleFlight<CacheEntry | undefined>();
  private readonly budgetLogins = new SingleFlight<StoredToken>();
  private readonly tokens = new Map<string, StoredToken>();

  constructor(options: StoreOptions) {
    this.options = resolveStoreOptions(options);
    const o = this.options;
    this.budgetLog = new SlidingLog({
      capacity: o.budgetPerWindow,
      windowMs: o.windowMs,
      marginMs: o.marginMs,
      maxPauseMs: o.maxPauseMs,
      rampMs: o.rampMs,
      startedAt: o.now(),
    });
    const max = o.maxEntries;
    this.answers = new EntryCache(o.l1MaxBytes, Infinity, o.now, max);
    this.negative = new EntryCache(o.l1MaxBytes / 8, Infinity, o.now, Math.max(16, max / 4));
    this.pages = new EntryCache(o.l1MaxBytes / 4, Infinity, o.now, max);
  }

  async take(_kind: BudgetKind): Promise<BudgetGrant> {
    const grant = this.budgetLog.take(this.options.now());
    this.counters[grant.granted ? 'budgetGranted' : 'budgetDenied']++;
    return grant;
  }

  async pause(untilMs: number): Promise<number> {
    return this.budgetLog.pause(untilMs, this.options.now());
  }

  async budget(): Promise<BudgetState> {
    return this.budgetNow();
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    return this.getNow(key);
  }

  /** {@link get} without a promise: nothing here waits, and a cache hit need not either. */
  getNow(key: string): CacheEntry | undefined {
    const entry = this.lookup(key);
    this.counters[entry ? 'l1Hits' : 'misses']++;
    return entry;
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    if (entrySize(key, entry) > this.options.maxEntryBytes) return this.delete(key);
    if (entry.expiresAt <= this.options.now()) return this.delete(key);
    const home = this.home(key, entry);
    for (const cache of this.caches(key)) if (cache !== home) cache.delete(key);
    home.set(key, entry);
  }

  async delete(key: string): Promise<void> {
    for (const cache of this.caches(key)) cache.delete(key);
  }

  async getToken(scope = ''): Promise<StoredToken | undefined> {
    const token = this.tokens.get(scope);
    return tokenUsable(token, this.options.now()) ? token : undefined;
  }

  async setToken(token: StoredToken, scope = ''): Promise<void> {
    this.tokens.set(scope, token);
  }

  async refreshToken(
    login: () => Promise<StoredToken>,
    rejected?: string,
    scope = '',
  ): Promise<StoredToken> {
    const current = await this.getToken(scope);
    if (current && current.token !== rejected) return current;
    return this.budgetLogins.run(scope, async () => {
      const token = await login();
      this.tokens.set(scope, token);
      return token;
    }).promise;
  }

  async dropToken(token: string, scope = ''): Promise<void> {
    if (this.tokens.get(scope)?.token === token) this.tokens.delete(scope);
  }

  async fill(
    key: string,
    load: () => Promise<CacheEntry | undefined>,
    options: FillOptions = {},
  ): Promise<FillResult> {
    let loaded = false;
    const {promise, joined} = this.fills.run(key, async () => {
      const current = this.lookup(key);
      if (current && isNewer(current, options.seen)) return current;
      loaded = true;
      const entry = await load();
      if (entry) await this.set(key, entry);
      return entry;
    });
    if (joined) this.counters.lockWaits++;
    return {entry: await promise, loaded};
  }

  async health(): Promise<StoreHealth> {
    return this.peek();
  }

  peek(): StoreHealth {
    const caches = {
      answers: this.answers.size(),
      negative: this.negative.size(),
      pages: this.pages.size(),
    };
    const entries = caches.answers.entries + caches.negative.entries + caches.pages.entries;
    const bytes = caches.answers.bytes + caches.negative.bytes + caches.pages.bytes;
    return {
      status: 'ok',
      backend: 'memory',
      counters: {...this.counters},
      budget: this.budgetNow(),
      l1: {entries, bytes},
      caches,
    };
  }

  async close(): Promise<void> {}

  private budgetNow(): BudgetState {
    // One process: its own count is the account's.
    return {...this.budgetLog.state(this.options.now()), shared: true};
  }

  private lookup(key: string): CacheEntry | undefined {
    for (const cache of this.caches(key)) {
      const entry = cache.get(key);
      if (entry) return entry;
    }
    return undefined;
  }

  private caches(key: string): EntryCache[] {
    return key.startsWith(PAGE_NAMESPACE) ? [this.pages] : [this.answers, this.negative];
  }

  private home(key: string, entry: CacheEntry): EntryCache {
    if (key.startsWith(PAGE_NAMESPACE)) return this.pages;
    return entry.negative || entry.status !== 200 ? this.negative : this.answers;
  }
}
