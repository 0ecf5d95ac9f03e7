import {createHash} from 'node:crypto';
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
import {DROP_TOKEN} from './redis-scripts.js';
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

/**
 * A key prefix naming one upstream account without revealing it: `ss:` and a hash of the API
 * base and the account (the merchant id; never pass a secret you would not hash).
 */
export function storeKeyPrefix(apiBase: string, account: string): string {
  return `ss:${createHash('sha256').update(`${apiBase}\n${account}`).digest('hex').slice(0, 16)}:`;
}

function parseToken(raw: string): StoredToken | undefined {
  try {
    const value = JSON.parse(raw) as Partial<StoredToken> | null;
    return typeof value?.token === 'string' && typeof value.expiresAt === 'number'
      ? {token: value.token, expiresAt: value.expiresAt}
      : undefined;
  } catch {
    return undefined;
  }
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
  /** The last token seen, used while Redis is unreachable. */
  #token: StoredToken | undefined;

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
    return grant;
  }

  pause(untilMs: number): Promise<number> {
    return this.#budget.pause(untilMs);
  }

  budget(): Promise<BudgetState> {
    return this.#budget.state();
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

  async getToken(): Promise<StoredToken | undefined> {
    const raw = await this.#link.call((c) => c.get(`${this.#prefix}token`));
    if (raw !== FAILED) this.#token = raw === null ? undefined : parseToken(raw);
    return tokenUsable(this.#token, this.options.now()) ? this.#token : undefined;
  }

  async setToken(token: StoredToken): Promise<void> {
    this.#token = token;
    const ttl = Math.floor(token.expiresAt - this.options.now());
    if (ttl > 0)
      await this.#link.call((c) => c.set(`${this.#prefix}token`, JSON.stringify(token), 'PX', ttl));
  }

  refreshToken(login: () => Promise<StoredToken>, rejected?: string): Promise<StoredToken> {
    const loginAndStore = async () => {
      const token = await login();
      await this.setToken(token);
      return token;
    };
    const isNew = async () => {
      const current = await this.getToken();
      return current && current.token !== rejected ? current : undefined;
    };
    return this.#logins.run('token', async () => {
      const waitMs = this.options.tokenWaitMs;
      const found =
        (await isNew()) ??
        (await this.#locks.leadOrWait(
          `${this.#prefix}lock:token`,
          5_000,
          waitMs,
          isNew,
          loginAndStore,
        ));
      return found ?? loginAndStore();
    }).promise;
  }

  async dropToken(token: string): Promise<void> {
    if (this.#token?.token === token) this.#token = undefined;
    await this.#link.call((c) => DROP_TOKEN.run(c, [`${this.#prefix}token`], [token]));
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
    const budget = await this.budget();
    const lastError = this.#link.lastError;
    return {
      status: this.#link.degraded ? 'degraded' : 'ok',
      backend: 'redis',
      counters: {...this.#counters},
      budget,
      l1: {entries: this.#l1.entries, bytes: this.#l1.bytes},
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
    const seen = options.seen?.storedAt;
    const stored = async (): Promise<FillResult | undefined> => {
      const entry = await this.#peek(key);
      return entry && entry.storedAt !== seen ? {entry, loaded: false} : undefined;
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
