// One cache key's answer: fresh, stale (with one background refresh), or fetched now.
import type {ProxyContext, Served} from './context.js';
import {answerKey} from './entries.js';
import type {CatalogRoute} from './request.js';
import type {Upstream} from './upstream.js';

/** The outcome, or undefined once `ms` have passed (the promise goes on). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Answers cache keys from the store, sending misses to the upstream. */
export class KeyServer {
  readonly #ctx: ProxyContext;
  readonly #upstream: Upstream;

  constructor(ctx: ProxyContext, upstream: Upstream) {
    this.#ctx = ctx;
    this.#upstream = upstream;
  }

  /** `tally`: count this key in the hit/miss counters (false for list chunks). */
  async serve(
    key: string,
    route: CatalogRoute,
    client: string | undefined,
    tally = true,
  ): Promise<Served> {
    const {stats, settings, store} = this.#ctx;
    const entry = await store.get(answerKey(key));
    const t = settings.now();
    if (entry && t < entry.freshUntil) {
      if (tally) stats.hits++;
      return {entry, cache: 'HIT'};
    }
    const miss = {key, route, client, seen: entry};
    if (entry && (t < entry.staleUntil || (entry.retryAt !== undefined && t < entry.retryAt))) {
      const canRefresh =
        t < entry.staleUntil &&
        !this.#upstream.isLoading(key) &&
        (entry.retryAt ?? 0) <= t &&
        store.peek().budget.remaining > 0;
      if (canRefresh) void this.#upstream.refresh(miss);
      if (tally) stats.staleServed++;
      return {entry, cache: 'STALE'};
    }
    if (tally) stats.misses++;
    const pending = this.#upstream.refresh(miss);
    // With a stale-if-error copy in hand, a hanging upstream costs the client a short wait,
    // not the refresh's time-outs; the refresh goes on and updates the entry when it lands.
    if (!entry) {
      const outcome = await pending;
      return outcome.ok ? {entry: outcome.entry, cache: 'MISS'} : {failure: outcome.failure};
    }
    const outcome = await withDeadline(pending, settings.cache.staleDeadlineMs);
    if (outcome?.ok) return {entry: outcome.entry, cache: 'MISS'};
    if (tally) stats.staleServed++;
    return {entry, cache: 'STALE'};
  }
}
