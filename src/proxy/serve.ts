// One cache key's answer: fresh, stale (with one background refresh), or fetched now.
import type {ProxyContext, Served} from './context.js';
import {answerKey} from './entries.js';
import type {CatalogRoute} from './request.js';
import {MemoryStore, type CacheEntry} from './store/index.js';
import type {Upstream} from './upstream.js';

/** The outcome, or undefined once `ms` have passed (the promise goes on). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Answers cache keys from the store, sending misses to the upstream.
 * Members are `private`, not `#`, as in prebuilt.ts (every cache hit runs them).
 */
export class KeyServer {
  private readonly ctx: ProxyContext;
  private readonly upstream: Upstream;

  constructor(ctx: ProxyContext, upstream: Upstream) {
    this.ctx = ctx;
    this.upstream = upstream;
  }

  /**
   * `tally`: count this key in the hit/miss counters (false for list chunks). Synchronous
   * for a fresh or stale entry in this process's memory: a hit waits for nothing.
   */
  serve(
    key: string,
    route: CatalogRoute,
    client: string | undefined,
    tally = true,
  ): Served | Promise<Served> {
    const {store} = this.ctx;
    if (store instanceof MemoryStore) {
      return this.answer(store.getNow(answerKey(key)), key, route, client, tally);
    }
    return store.get(answerKey(key)).then((entry) => this.answer(entry, key, route, client, tally));
  }

  private answer(
    entry: CacheEntry | undefined,
    key: string,
    route: CatalogRoute,
    client: string | undefined,
    tally: boolean,
  ): Served | Promise<Served> {
    const {stats, settings, store} = this.ctx;
    const t = settings.now();
    if (entry && t < entry.freshUntil) {
      if (tally) stats.hits++;
      return {entry, cache: 'HIT'};
    }
    const miss = {key, route, client, seen: entry};
    if (entry && (t < entry.staleUntil || (entry.retryAt !== undefined && t < entry.retryAt))) {
      const canRefresh =
        t < entry.staleUntil &&
        !this.upstream.isLoading(key) &&
        (entry.retryAt ?? 0) <= t &&
        store.peek().budget.remaining > 0;
      if (canRefresh) void this.upstream.refresh(miss);
      if (tally) stats.staleServed++;
      return {entry, cache: 'STALE'};
    }
    if (tally) stats.misses++;
    return this.miss(entry, this.upstream.refresh(miss), tally);
  }

  private async miss(
    entry: CacheEntry | undefined,
    pending: ReturnType<Upstream['refresh']>,
    tally: boolean,
  ): Promise<Served> {
    // With a stale-if-error copy in hand, a hanging upstream costs the client a short wait,
    // not the refresh's time-outs; the refresh goes on and updates the entry when it lands.
    if (!entry) {
      const outcome = await pending;
      return outcome.ok ? {entry: outcome.entry, cache: 'MISS'} : {failure: outcome.failure};
    }
    const outcome = await withDeadline(pending, this.ctx.settings.cache.staleDeadlineMs);
    if (outcome?.ok) return {entry: outcome.entry, cache: 'MISS'};
    if (tally) this.ctx.stats.staleServed++;
    return {entry, cache: 'STALE'};
  }
}
