// What every piece of one proxy shares: its settings, its store, its counters and its log.
import type {ProxyLogger} from './log.js';
import type {ProxyStats} from './metrics.js';
import type {ProxySettings} from './options.js';
import type {CacheEntry, ProxyStore} from './store/index.js';
import type {Failure} from './classify.js';

export interface ProxyContext {
  readonly settings: ProxySettings;
  readonly store: ProxyStore;
  readonly stats: ProxyStats;
  /** Cuts every secret (and every token upstream issued) out of each line. */
  readonly log: ProxyLogger;
  /** Warns, at most once a minute, that the budget is spent. */
  warnBudgetSpent(retryInMs: number): void;
}

export type CacheState = 'HIT' | 'STALE' | 'MISS';

/** What one cache key's handling came to: an entry to answer with, or a failure. */
export type Served = {entry: CacheEntry; cache: CacheState} | {failure: Failure};

/** A once-a-minute warning that the budget is spent. */
export function budgetWarner(
  log: ProxyLogger,
  now: () => number,
  capacity: () => number,
): (retryInMs: number) => void {
  let last = -Infinity;
  return (retryInMs) => {
    const t = now();
    if (t - last < 60_000) return;
    last = t;
    log.warn(
      `upstream budget of ${capacity()}/min spent; serving stale answers or 503 for ` +
        `${Math.ceil(retryInMs / 1000)} s`,
    );
  };
}
