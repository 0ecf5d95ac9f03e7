import type {Redis} from 'ioredis';
import {
  resolveStoreOptions,
  sleep,
  tokenUsable,
  zeroCounters,
  type ResolvedStoreOptions,
} from './defaults.js';
import {EntryCache, entrySize} from './l1.js';
import {randomId, SharedBudget} from './redis-budget.js';
import {failFastOptions, FAILED, RedisLink} from './redis-link.js';
import {SharedLocks} from './redis-lock.js';
import {hashOf, parseToken} from './redis-keys.js';
import {DROP_TOKEN} from './redis-scripts.js';
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

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions extends StoreOptions {
  /** `redis://[:password@]host:port[/db]`; ignored when `client` is given. */
  url?: string;
  /** A client you own (closed by you, not by the store); give it fail-fast settings too. */
  client?: Redis;
  /** Start of every key, e.g. from {@link storeKeyPrefix}; default `ss:`. */
  prefix?: string;
  /** What this process may spend per window while Redis is unreachable; default budget ÷ replicas. */
  localShare?: number;
  /** Replicas sharing the account, for the default local share; default 4 (conservative). */
  replicas?: number;
  /**
   * After Redis lost the budget's log (first use, restart, flush), the budget comes back from
   * the local share to the full budget over this time; default one window. 0: at once.
   */
  warmUpMs?: number;
  /** How long an L1 entry is trusted without asking Redis; default 1 s. */
  l1TtlMs?: number;
  /** Per-command time-out; default 250 ms. */
  commandTimeoutMs?: number;
  /** Longest wait for the first connection before starting degraded; default 1 s. */
  connectWaitMs?: number;
  /** How long a replica waits for another's login before logging in itself; default 10 s. */
  tokenWaitMs?: number;
  /** How often a waiting caller looks at a lock; default 25 ms. */
  pollMs?: number;
}

/** Loads the Redis client only now, so that users of the memory store never need it. */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  let client = options.client;
  if (!client) {
    if (!options.url) throw new TypeError('createRedisStore needs a url or a client');
    const {Redis: Client} = await import('ioredis');
    client = new Client(options.url, failFastOptions(options.commandTimeoutMs ?? 250));
  }
  const store = new RedisStore(client, options, !options.client);
  await store.ready(options.connectWaitMs ?? 1_000);
  return store;
}

/**
 * The proxy's state shared through Redis by any number of replicas, with a byte-bounded L1 in
 * this process. Every call resolves promptly when Redis is down or slow: the budget falls
 * back to the local share, reads to the L1, locks to this process alone.
 */
export class RedisStore implements ProxyStore {
  readonly options: ResolvedStoreOptions &
    Required<Pick<RedisStoreOptions, 'tokenWaitMs' | 'pollMs'>>;
  readonly #link: RedisLink;
  readonly #owned: boolean;
  readonly #prefix: string;
  readonly #counters = zeroCounters();
  readonly #budget: SharedBudget;
  readonly #l1: EntryCache;
  readonly #locks: SharedLocks;
  readonly #fills = new SingleFlight<FillResult>();
  readonly #logins = new SingleFlight<StoredToken>();
  /** The last token seen per scope, used while Redis is unreachable. */
  readonly #tokens = new Map<string, StoredToken>();
  /** The last budget figure seen, for {@link RedisStore.peek}. */
  #lastBudget: BudgetState;

  constructor(client: Redis, options: RedisStoreOptions, owned = false) {
    const resolved = resolveStoreOptions(options);
    this.options = {
      ...resolved,
      tokenWaitMs: options.tokenWaitMs ?? 10_000,
      pollMs: options.pollMs ?? 25,
    };
    const {budgetPerWindow, windowMs, marginMs, maxPauseMs, now} = resolved;
    this.#link = new RedisLink(client, this.#counters, now);
    this.#owned = owned;
    this.#prefix = options.prefix ?? 'ss:';
    const localShare =
      options.localShare ?? Math.max(1, Math.floor(budgetPerWindow / (options.replicas ?? 4)));
    this.#budget = new SharedBudget({
      link: this.#link,
      prefix: this.#prefix,
      replicaId: randomId(),
      capacity: budgetPerWindow,
      localShare,
      windowMs,
      marginMs,
      maxPauseMs,
      warmUpMs: options.warmUpMs ?? windowMs,
      now,
    });
    this.#l1 = new EntryCache(resolved.l1MaxBytes, options.l1TtlMs ?? 1_000, now);
    this.#locks = new SharedLocks(this.#link, this.#counters, this.options.pollMs);
    const capacity = budgetPerWindow;
    this.#lastBudget = {
      capacity,
      allowance: capacity,
      remaining: capacity,
      retryInMs: 0,
      pausedUntil: 0,
      shared: true,
    };
  }

  /** Waits (at most `ms`) for the connection; the store works degraded until then. */
  async ready(ms: number): Promise<boolean> {
    const client = this.#link.client;
    for (const deadline = Date.now() + ms; client.status !== 'ready' && Date.now() < deadline;)
      await sleep(10);
    return client.status === 'ready';
  }

  async take(kind: BudgetKind): Promise<BudgetGrant> {
    const {shared, ...grant} = await this.#budget.take();
    this.#counters[grant.granted ? 'budgetGranted' : 'budgetDenied']++;
    if (grant.granted && !shared) this.#counters.budgetLocalGrants++;
    void kind;
    const {remaining, retryInMs} = grant;
    this.#lastBudget = {...this.#lastBudget, remaining, retryInMs, shared};
    return grant;
  }

  pause(untilMs: number): Promise<number> {
    return this.#budget.pause(untilMs);
  }

  async budget(): Promise<BudgetState> {
    return (this.#lastBudget = await this.#budget.state());
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const recent = this.#l1.recent(key);
    if (recent) return this.#count('l1Hits', recent);
    const raw = await this.#link.call((c) => c.get(this.#cacheKey(key)));
    const local = this.#l1.get(key);
    if (raw === FAILED) return this.#count(local ? 'l1Hits' : 'misses', local);
    const entry = raw === null ? undefined : this.#parse(raw);
    if (!entry) {
      // Flushed or restarted: this process's copy is still good; put it back for the others.
      if (local) void this.#write(key, local, 'NX');
      return this.#count(local ? 'l1Hits' : 'misses', local);
    }
    this.#l1.set(key, entry);
    return this.#count('hits', entry);
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    if (
      entrySize(key, entry) > this.options.maxEntryBytes ||
      entry.expiresAt <= this.options.now()
    ) {
      return this.delete(key);
    }
    this.#l1.set(key, entry);
    await this.#write(key, entry);
  }

  async delete(key: string): Promise<void> {
    this.#l1.delete(key);
    await this.#link.call((c) => c.del(this.#cacheKey(key)));
  }

  async getToken(scope = ''): Promise<StoredToken | undefined> {
    const raw = await this.#link.call((c) => c.get(this.#tokenKey(scope)));
    if (raw !== FAILED) {
      const token = raw === null ? undefined : parseToken(raw);
      if (token) this.#tokens.set(scope, token);
      else this.#tokens.delete(scope);
    }
    const token = this.#tokens.get(scope);
    return tokenUsable(token, this.options.now()) ? token : undefined;
  }

  async setToken(token: StoredToken, scope = ''): Promise<void> {
    this.#tokens.set(scope, token);
    const ttl = Math.floor(token.expiresAt - this.options.now());
    if (ttl > 0)
      await this.#link.call((c) => c.set(this.#tokenKey(scope), JSON.stringify(token), 'PX', ttl));
  }

  refreshToken(
    login: () => Promise<StoredToken>,
    rejected?: string,
    scope = '',
  ): Promise<StoredToken> {
    const loginAndStore = async () => {
      const token = await login();
      await this.setToken(token, scope);
      return token;
    };
    const isNew = async () => {
      const current = await this.getToken(scope);
      return current && current.token !== rejected ? current : undefined;
    };
    return this.#logins.run(scope, async () => {
      const lockKey = `${this.#tokenKey(scope)}:lock`;
      const waitMs = this.options.tokenWaitMs;
      const found =
        (await isNew()) ??
        (await this.#locks.leadOrWait(lockKey, 5_000, waitMs, isNew, loginAndStore));
      return found ?? loginAndStore();
    }).promise;
  }

  async dropToken(token: string, scope = ''): Promise<void> {
    if (this.#tokens.get(scope)?.token === token) this.#tokens.delete(scope);
    await this.#link.call((c) => DROP_TOKEN.run(c, [this.#tokenKey(scope)], [token]));
  }

  async fill(
    key: string,
    load: () => Promise<CacheEntry | undefined>,
    options: FillOptions = {},
  ): Promise<FillResult> {
    const {promise, joined} = this.#fills.run(key, () => this.#fillShared(key, load, options));
    if (joined) this.#counters.lockWaits++;
    const result = await promise;
    return joined ? {entry: result.entry, loaded: false} : result;
  }

  async health(): Promise<StoreHealth> {
    await this.budget();
    return this.peek();
  }

  peek(): StoreHealth {
    const lastError = this.#link.lastError;
    return {
      status: this.#link.degraded ? 'degraded' : 'ok',
      backend: 'redis',
      counters: {...this.#counters},
      budget: this.#lastBudget,
      l1: {entries: this.#l1.entries, bytes: this.#l1.bytes},
      caches: {l1: this.#l1.size()},
      ...(lastError ? {lastError} : {}),
    };
  }

  async close(): Promise<void> {
    if (!this.#owned) return;
    const client = this.#link.client;
    if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
    else client.disconnect();
  }

  async #fillShared(
    key: string,
    load: () => Promise<CacheEntry | undefined>,
    options: FillOptions,
  ): Promise<FillResult> {
    const leaseMs = options.leaseMs ?? 5_000;
    const stored = async (): Promise<FillResult | undefined> => {
      const entry = await this.#peek(key);
      return entry && isNewer(entry, options.seen) ? {entry, loaded: false} : undefined;
    };
    const lead = async (): Promise<FillResult> => {
      const entry = await load();
      if (entry) await this.set(key, entry);
      return {entry, loaded: true};
    };
    const lockKey = `${this.#prefix}lock:c:${key}`;
    const result = await this.#locks.leadOrWait(
      lockKey,
      leaseMs,
      options.waitMs ?? 2 * leaseMs,
      stored,
      lead,
    );
    return result ?? {entry: undefined, loaded: false};
  }

  /** The entry in Redis, bypassing the L1 (which may hold the copy being replaced). */
  async #peek(key: string): Promise<CacheEntry | undefined> {
    const raw = await this.#link.call((c) => c.get(this.#cacheKey(key)));
    return raw === FAILED || raw === null ? undefined : this.#parse(raw);
  }

  async #write(key: string, entry: CacheEntry, mode?: 'NX'): Promise<void> {
    const ttl = Math.floor(entry.expiresAt - this.options.now());
    if (ttl <= 0) return;
    const value = JSON.stringify(entry);
    await this.#link.call((c) =>
      mode
        ? c.set(this.#cacheKey(key), value, 'PX', ttl, mode)
        : c.set(this.#cacheKey(key), value, 'PX', ttl),
    );
  }

  /** An entry that does not parse or has expired counts as absent. */
  #parse(raw: string): CacheEntry | undefined {
    try {
      const entry = JSON.parse(raw) as CacheEntry;
      return typeof entry?.expiresAt === 'number' && this.options.now() < entry.expiresAt
        ? entry
        : undefined;
    } catch {
      return undefined;
    }
  }

  #tokenKey(scope: string): string {
    // The scope is a merchant id, never a secret; hashed all the same to keep keys short.
    return scope ? `${this.#prefix}token:${hashOf(scope)}` : `${this.#prefix}token`;
  }

  #cacheKey(key: string): string {
    return `${this.#prefix}c:${key}`;
  }

  #count(
    counter: 'l1Hits' | 'hits' | 'misses',
    entry: CacheEntry | undefined,
  ): CacheEntry | undefined {
    this.#counters[counter]++;
    return entry;
  }
}

export {storeKeyPrefix} from './redis-keys.js';
