/**
 * The proxy's shared state, behind one narrow interface: the account's upstream budget,
 * cached answers, the bearer token and the locks that collapse concurrent misses. One
 * process uses {@link MemoryStore}; replicas share a {@link RedisStore}. Server side only.
 */

/** What an upstream request is for; every kind spends the same account budget. */
export type BudgetKind = 'catalog' | 'token' | 'retry';

/** The answer of {@link ProxyStore.take}. */
export interface BudgetGrant {
  /** One upstream request may be sent now; nothing was spent when false. */
  granted: boolean;
  /** When not granted: milliseconds until one may be (pause or window); else 0. */
  retryInMs: number;
  /** Requests left in the current window after this one (0 while paused). */
  remaining: number;
}

/** The budget as the store sees it now. */
export interface BudgetState {
  /** Requests the account may send in any window (the local share while degraded). */
  capacity: number;
  /** What may be spent in the window now: `capacity`, or less while the budget ramps up. */
  allowance: number;
  remaining: number;
  /** Milliseconds until a request may be spent (a pause, the window, the ramp); 0: now. */
  retryInMs: number;
  /** Epoch ms until which nothing is sent (an upstream 429); 0 when not paused. */
  pausedUntil: number;
  /** The account-wide figure (true), or this process's own local share (false). */
  shared: boolean;
}

/**
 * A cached answer with its own windows, all epoch milliseconds. The store keeps it until
 * `expiresAt`, the end of its longest window, and never returns it after that.
 */
export interface CacheEntry {
  /** 200, a remembered negative answer (4xx) or a remembered failure (5xx). */
  status: number;
  /** JSON text. */
  body: string;
  etag?: string | undefined;
  storedAt: number;
  /** Served as it is until then. */
  freshUntil: number;
  /** Until then, served stale while one refresh runs. */
  staleUntil: number;
  /** Until then, served stale when a refresh fails; gone after. */
  expiresAt: number;
  /** A refresh failed: no new attempt before this time. */
  retryAt?: number | undefined;
  /** For remembered failures: what a client is told to wait. */
  retryAfterMs?: number | undefined;
  /**
   * Kept with the negative answers (a "no", an empty list, a remembered failure), so that a
   * flood of made-up keys evicts other made-up keys, never the real answers.
   */
  negative?: boolean | undefined;
  /** For an entry derived from others (a list page cut from chunks): what it was cut from. */
  source?: string | undefined;
}

/** Whether `entry` is another answer than `seen`: stored later, or marked after a failure. */
export function isNewer(entry: CacheEntry, seen: CacheEntry | undefined): boolean {
  return !seen || entry.storedAt !== seen.storedAt || entry.retryAt !== seen.retryAt;
}

/** The bearer token with the time it stops being usable (epoch ms). */
export interface StoredToken {
  token: string;
  expiresAt: number;
  /** When a replica should get a new one (before `expiresAt`); default `expiresAt`. */
  refreshAt?: number | undefined;
}

/** Options of {@link ProxyStore.fill}. */
export interface FillOptions {
  /**
   * The lock's lease: another replica takes over a miss whose holder has not renewed it
   * for this long (the holder renews it while `load` runs). Default 5 s.
   */
  leaseMs?: number;
  /** The longest a caller waits for another replica's answer; default twice the lease. */
  waitMs?: number;
  /**
   * The entry the caller's `get` returned (a stale one), or undefined after a miss. Any entry
   * stored with another `storedAt` or `retryAt` ({@link isNewer}) is an answer: it is returned
   * without calling `load`, even when it arrived between the caller's `get` and this call.
   */
  seen?: CacheEntry | undefined;
}

/** The answer of {@link ProxyStore.fill}. */
export interface FillResult {
  /** What `load` stored (here or in another replica), or undefined: nothing came in time. */
  entry: CacheEntry | undefined;
  /** `load` ran in this call (true), or the entry came from another caller (false). */
  loaded: boolean;
}

/** Counters since the store was created. */
export interface StoreCounters {
  /** `get` answered from the per-process L1. */
  l1Hits: number;
  /** `get` answered from the shared store. */
  hits: number;
  misses: number;
  /** Shared-store commands that failed or timed out. */
  errors: number;
  /** `fill` calls that waited for another caller's load. */
  lockWaits: number;
  /** `fill` calls that took over a lock whose lease ran out. */
  lockTakeovers: number;
  budgetGranted: number;
  budgetDenied: number;
  /** Grants from the local share while the shared store was unreachable. */
  budgetLocalGrants: number;
}

/** Entries and approximate bytes of one of the caches in this process. */
export interface CacheSize {
  entries: number;
  bytes: number;
  maxBytes: number;
}

export interface StoreHealth {
  /** `degraded`: the shared store is unreachable; answers come from this process alone. */
  status: 'ok' | 'degraded';
  backend: 'memory' | 'redis';
  counters: StoreCounters;
  budget: BudgetState;
  /** Bytes and entries in the per-process cache. */
  l1: {entries: number; bytes: number};
  /** The caches in this process by name (the memory store: answers, negative, pages). */
  caches: Record<string, CacheSize>;
  /** The last shared-store error, without any secret (connection errors name host:port only). */
  lastError?: string;
}

export interface ProxyStore {
  /**
   * Spends one request of the account's budget, atomically across every replica. Catalog,
   * token and retry requests count alike; `kind` says which, for logs and metrics.
   */
  take(kind: BudgetKind): Promise<BudgetGrant>;
  /**
   * Stops every replica spending until `untilMs` (an upstream 429's Retry-After), capped at
   * `maxPauseMs` from now. A pause never shortens an existing one. Returns the pause in force.
   */
  pause(untilMs: number): Promise<number>;
  budget(): Promise<BudgetState>;

  /** The entry for `key` while `now < expiresAt`, else undefined. */
  get(key: string): Promise<CacheEntry | undefined>;
  /** Stores `entry` until its `expiresAt`; an entry over `maxEntryBytes` is kept nowhere. */
  set(key: string, entry: CacheEntry): Promise<void>;
  delete(key: string): Promise<void>;

  /**
   * The shared bearer token, if one is stored and stays valid for 5 s more. `scope` names
   * one of several tokens (the proxy: the merchant); default ''.
   */
  getToken(scope?: string): Promise<StoredToken | undefined>;
  /** Stores a token (until its `expiresAt`) for every replica. */
  setToken(token: StoredToken, scope?: string): Promise<void>;
  /**
   * A new token after `rejected` stopped working (or none was stored): one caller across
   * all replicas runs `login`, the others wait (bounded) for its token. A caller whose wait
   * runs out gets the current token if it is still valid, else runs `login` itself.
   */
  refreshToken(
    login: () => Promise<StoredToken>,
    rejected?: string,
    scope?: string,
  ): Promise<StoredToken>;
  /** Forgets the token, only if it is still `token` (a newer one stays). */
  dropToken(token: string, scope?: string): Promise<void>;

  /**
   * Collapses concurrent misses of `key` across callers and replicas into one `load`. The
   * caller that gets the lock first looks for an entry newer than `options.seen`; if none, it
   * runs `load`, stores its entry (when not undefined) and releases the lock. The others wait
   * for such a newer entry, or take the lock over when it is released without one or its
   * lease runs out. If `load` throws, the callers in this process that joined it get the
   * error; callers in other replicas take over.
   */
  fill(
    key: string,
    load: () => Promise<CacheEntry | undefined>,
    options?: FillOptions,
  ): Promise<FillResult>;

  health(): Promise<StoreHealth>;
  /**
   * What this process knows now, without a round trip: exact for the memory store; for a
   * shared store the budget is the last figure it saw.
   */
  peek(): StoreHealth;
  /** Drops every connection and timer; the store is unusable after. */
  close(): Promise<void>;
}

/** Settings shared by both stores. */
export interface StoreOptions {
  /** Upstream requests the account allows per window (the API: 50 a minute). */
  budgetPerWindow: number;
  /** Default 60 s. */
  windowMs?: number;
  /** Extra time before a spent request leaves the window (clock skew, latency); default 1 s. */
  marginMs?: number;
  /** The longest pause one 429 can impose; default 5 minutes. */
  maxPauseMs?: number;
  /** Largest cached entry (body + key, UTF-16 units); larger ones are not cached. Default 1 MiB. */
  maxEntryBytes?: number;
  /** Bytes the per-process cache holds; default 32 MiB. */
  l1MaxBytes?: number;
  /**
   * The memory store only: the budget grows from a tenth to all of it over this time after
   * start (a restarted process cannot know what the one before it spent). Default 0. The Redis
   * store warms up only when the shared log was lost (see its `warmUpMs`).
   */
  rampMs?: number;
  /** The memory store only: most answers it holds (negative ones: a quarter). Default none. */
  maxEntries?: number;
  now?: () => number;
}
