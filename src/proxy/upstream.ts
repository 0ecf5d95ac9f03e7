// Misses: whether one may go upstream (budget and client shares), the upstream request
// itself, what its answer or failure leaves in the store, and one request per key however
// many clients (and replicas) wait for it.
import {CatalogClient} from '../client/index.js';
import {ClientShares} from './budget.js';
import {classify, negativeMessage, type Failure} from './classify.js';
import type {ProxyContext} from './context.js';
import {answerKey, failedEntry, negativeEntry, okEntry} from './entries.js';
import {errorBody} from './http-answer.js';
import type {CatalogProxyOptions} from './options.js';
import type {CatalogRoute, ListRoute} from './request.js';
import type {CacheEntry} from './store/index.js';
import {BudgetedFetch} from './upstream-fetch.js';

export type Outcome = {ok: true; entry: CacheEntry} | {ok: false; failure: Failure};

/** A never-seen key is refused once the budget left is this fraction (1/n) of the allowance. */
const LOW_BUDGET_RESERVE_DIVISOR = 5;
/** How long another replica may hold a miss before this one takes it over. */
const MISS_LEASE_MS = 5_000;

/** The items of a list answer, to tell an empty one. */
export function listItems(route: ListRoute, value: unknown): unknown[] | undefined {
  const field = route.kind === 'media-list' ? 'medias' : 'media_groups';
  const items = (value as Record<string, unknown> | null)?.[field];
  return Array.isArray(items) ? items : undefined;
}

/** A miss to resolve: the key, its route, the asking client and the entry it already has. */
export interface Miss {
  key: string;
  route: CatalogRoute;
  client: string | undefined;
  /** The stale entry in hand, if any. */
  seen: CacheEntry | undefined;
}

/** The upstream side of one proxy: its client, its client shares, its misses in flight. */
export class Upstream {
  readonly #ctx: ProxyContext;
  readonly #client: CatalogClient;
  readonly #shares: ClientShares;
  readonly #inflight = new Map<string, Promise<Outcome>>();

  constructor(ctx: ProxyContext, options: CatalogProxyOptions, issuedTokens: string[]) {
    this.#ctx = ctx;
    const {settings} = ctx;
    const base = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#client = new CatalogClient({
      apiBase: options.apiBase,
      assetBase: options.assetBase,
      apiKey: options.apiKey,
      credentials: options.credentials,
      fetch: new BudgetedFetch(ctx, base, issuedTokens).fetch,
      timeoutMs: settings.upstreamTimeoutMs,
      retry: settings.retry,
      // The proxy caches serialized answers itself; a second cache would only add staleness.
      cache: false,
      now: settings.now,
    });
    this.#shares = new ClientShares({perClient: settings.clientBudgetPerMinute, now: settings.now});
  }

  /** Keys with a miss under way in this process. */
  get inFlight(): number {
    return this.#inflight.size;
  }

  isLoading(key: string): boolean {
    return this.#inflight.has(key);
  }

  /** One upstream request per key at a time, however many clients wait for it. */
  refresh(miss: Miss): Promise<Outcome> {
    const pending = this.#inflight.get(miss.key);
    if (pending) {
      this.#ctx.stats.collapsed++;
      return pending;
    }
    const started = this.#collapse(miss);
    this.#inflight.set(miss.key, started);
    void started.finally(() => {
      if (this.#inflight.get(miss.key) === started) this.#inflight.delete(miss.key);
    });
    return started;
  }

  /** Through the store's lock, so that replicas missing the same key send one request. */
  async #collapse(miss: Miss): Promise<Outcome> {
    let own: Outcome | undefined;
    const load = async () => {
      const {outcome, entry} = await this.#fetchAndStore(miss);
      own = outcome;
      return entry;
    };
    const {seen} = miss;
    const {entry} = await this.#ctx.store.fill(answerKey(miss.key), load, {
      seen,
      leaseMs: MISS_LEASE_MS,
    });
    if (own) return own;
    this.#ctx.stats.collapsed++;
    // Another replica's refresh of the entry in hand failed: serve it stale, like our own.
    if (entry && seen && entry.storedAt === seen.storedAt) {
      return {ok: false, failure: this.busy(entry.retryAfterMs)};
    }
    if (entry) return {ok: true, entry};
    return {ok: false, failure: this.busy(MISS_LEASE_MS)};
  }

  /** What a client gets when the budget keeps the proxy from asking upstream. */
  busy(retryAfterMs: number | undefined): Failure {
    const {settings, store} = this.#ctx;
    const told = Math.min(retryAfterMs ?? 0, settings.maxUpstreamPauseMs);
    const wait = Math.max(1000, told, store.peek().budget.retryInMs);
    return {
      status: 503,
      code: 'RATE_LIMITED',
      message: `The catalog is busy: the upstream request budget is spent. Retry in ${Math.ceil(wait / 1000)} s.`,
      retryAfterMs: wait,
    };
  }

  /**
   * Whether a miss may go upstream now: a refresh of a known key may while any budget is left;
   * a never-seen key needs budget above the reserve kept for known keys, and a share of the
   * asking client's own.
   */
  async #admit({seen, client}: Miss): Promise<Failure | undefined> {
    const {stats} = this.#ctx;
    const budget = await this.#ctx.store.budget();
    const known = seen !== undefined && seen.status === 200 && !seen.negative;
    if (budget.remaining > 0 && known) return undefined;
    if (budget.remaining <= Math.floor(budget.allowance / LOW_BUDGET_RESERVE_DIVISOR)) {
      // Certain (or kept) to be refused: skip the client and its token logic altogether.
      stats.budgetRefused++;
      this.#ctx.warnBudgetSpent(budget.retryInMs);
      return this.busy(undefined);
    }
    if (client === undefined || this.#shares.tryTake(client)) return undefined;
    stats.clientRefused++;
    const wait = Math.max(1000, this.#shares.msUntilAvailable(client));
    return {
      status: 429,
      code: 'RATE_LIMITED',
      message: `Too many uncached requests from this client. Retry in ${Math.ceil(wait / 1000)} s.`,
      retryAfterMs: wait,
    };
  }

  /** The upstream request, and the entry it leaves for the store (undefined: none). */
  async #fetchAndStore(miss: Miss): Promise<{outcome: Outcome; entry: CacheEntry | undefined}> {
    const {stats, settings, log} = this.#ctx;
    const {key, route, seen} = miss;
    const times = settings.cache;
    const refusal = await this.#admit(miss);
    if (refusal) {
      stats.upstreamFailures++;
      const entry = failedEntry(
        seen,
        {status: refusal.status, body: ''},
        false,
        times,
        settings.now(),
      );
      return {outcome: {ok: false, failure: refusal}, entry};
    }
    try {
      const value = await this.#call(route);
      const empty = route.kind !== 'media' && listItems(route, value)?.length === 0;
      const entry = await okEntry(JSON.stringify(value), empty, times, settings.now());
      return {outcome: {ok: true, entry}, entry};
    } catch (error) {
      const classified = classify(error, key, log, (ms) => this.busy(ms));
      if (classified.kind === 'negative') {
        const {status, code} = classified;
        const body = errorBody(code, negativeMessage(code));
        const entry = negativeEntry(status, body, times, settings.now());
        return {outcome: {ok: true, entry}, entry};
      }
      stats.upstreamFailures++;
      const {failure} = classified;
      const body = errorBody(failure.code, failure.message);
      const remember = classified.kind === 'failed';
      const entry = failedEntry(
        seen,
        {status: failure.status, body},
        remember,
        times,
        settings.now(),
      );
      return {outcome: {ok: false, failure}, entry};
    }
  }

  #call(route: CatalogRoute): Promise<unknown> {
    switch (route.kind) {
      case 'media':
        return this.#client.getMedia(route.merchant, route.selector);
      case 'media-list':
        return this.#client.listMedia(route.merchant, route.params);
      case 'group-list':
        return this.#client.listMediaGroups(route.merchant, route.params);
    }
  }
}
