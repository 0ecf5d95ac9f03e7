import type {StoreCounters} from './store/index.js';

/** Counters since the proxy was made; {@link renderMetrics} prints them for Prometheus. */
export interface ProxyStats {
  /** Catalog requests that passed validation. */
  requests: number;
  /** Answered from a fresh entry (negative entries and remembered failures included). */
  hits: number;
  /** Answered from a stale entry: during revalidation, or because upstream failed. */
  staleServed: number;
  /** Needed upstream: no usable entry, or a stale one past its revalidation window. */
  misses: number;
  /** Misses that joined an upstream request already in flight for the same key. */
  collapsed: number;
  /** `304 Not Modified` answers to `If-None-Match`. */
  notModified: number;
  /** Requests refused before any upstream work, by error code. */
  refused: Record<string, number>;
  /** Responses by status. */
  responses: Record<string, number>;
  /** Requests sent upstream, token requests included. */
  upstreamRequests: number;
  /** Token requests sent upstream (the first one included). */
  tokenRefreshes: number;
  /** Refreshes that failed (error, time-out, 429, budget spent). */
  upstreamFailures: number;
  /** Upstream requests not sent because the budget was spent (or kept for known keys). */
  budgetRefused: number;
  /** Misses refused because their client had used up its share of the budget. */
  clientRefused: number;
  /** Keys with an upstream request under way now. */
  inFlight: number;
}

export function emptyStats(): ProxyStats {
  return {
    requests: 0,
    hits: 0,
    staleServed: 0,
    misses: 0,
    collapsed: 0,
    notModified: 0,
    refused: {},
    responses: {},
    upstreamRequests: 0,
    tokenRefreshes: 0,
    upstreamFailures: 0,
    budgetRefused: 0,
    clientRefused: 0,
    inFlight: 0,
  };
}

export function increment(counts: Record<string, number>, label: string): void {
  counts[label] = (counts[label] ?? 0) + 1;
}

interface Gauges {
  budget: {remaining: number; capacity: number; pausedForMs: number; shared: boolean};
  cacheEntries: number;
  caches: Record<string, {entries: number; bytes: number}>;
  store: {status: 'ok' | 'degraded'; counters: StoreCounters};
}

type Sample = [labels: Record<string, string> | undefined, value: number];

function metric(name: string, type: 'counter' | 'gauge', help: string, samples: Sample[]) {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const rendered = labels
      ? `{${Object.entries(labels)
          .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
          .join(',')}}`
      : '';
    lines.push(`${name}${rendered} ${value}`);
  }
  return lines.join('\n');
}

function labelled(counts: Record<string, number>, label: string): Sample[] {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([value, count]) => [{[label]: value}, count]);
}

/** The Prometheus text exposition format, version 0.0.4. */
export function renderMetrics(stats: ProxyStats, gauges: Gauges): string {
  const p = 'smartstream_proxy_';
  const all = [...counterMetrics(p, stats), ...gaugeMetrics(p, stats, gauges)];
  return [...all, ...storeMetrics(p, gauges)].join('\n') + '\n';
}

function counterMetrics(p: string, stats: ProxyStats): string[] {
  return [
    metric(`${p}requests_total`, 'counter', 'Catalog requests that passed validation.', [
      [undefined, stats.requests],
    ]),
    metric(`${p}cache_hits_total`, 'counter', 'Requests answered from a fresh cache entry.', [
      [undefined, stats.hits],
    ]),
    metric(`${p}cache_misses_total`, 'counter', 'Requests that needed the upstream API.', [
      [undefined, stats.misses],
    ]),
    metric(`${p}stale_served_total`, 'counter', 'Requests answered from a stale entry.', [
      [undefined, stats.staleServed],
    ]),
    metric(
      `${p}collapsed_total`,
      'counter',
      'Misses that joined an upstream request already in flight.',
      [[undefined, stats.collapsed]],
    ),
    metric(`${p}not_modified_total`, 'counter', '304 answers to If-None-Match.', [
      [undefined, stats.notModified],
    ]),
    metric(`${p}refused_total`, 'counter', 'Requests refused before any upstream work.', [
      ...labelled(stats.refused, 'code'),
    ]),
    metric(`${p}responses_total`, 'counter', 'Responses by HTTP status.', [
      ...labelled(stats.responses, 'status'),
    ]),
    metric(
      `${p}upstream_requests_total`,
      'counter',
      'Requests sent to the upstream API, token requests included.',
      [[undefined, stats.upstreamRequests]],
    ),
    metric(`${p}token_refreshes_total`, 'counter', 'Token requests sent upstream.', [
      [undefined, stats.tokenRefreshes],
    ]),
    metric(`${p}upstream_failures_total`, 'counter', 'Failed upstream refreshes.', [
      [undefined, stats.upstreamFailures],
    ]),
    metric(
      `${p}budget_refused_total`,
      'counter',
      'Upstream requests not sent because the budget was spent.',
      [[undefined, stats.budgetRefused]],
    ),
    metric(
      `${p}client_refused_total`,
      'counter',
      'Misses refused because their client used up its share of the budget.',
      [[undefined, stats.clientRefused]],
    ),
  ];
}

function gaugeMetrics(p: string, stats: ProxyStats, gauges: Gauges): string[] {
  return [
    metric(`${p}budget_remaining`, 'gauge', 'Upstream requests that may be sent now.', [
      [undefined, gauges.budget.remaining],
    ]),
    metric(`${p}budget_capacity`, 'gauge', 'Upstream requests allowed per minute.', [
      [undefined, gauges.budget.capacity],
    ]),
    metric(
      `${p}budget_paused_seconds`,
      'gauge',
      'Seconds left of a pause after an upstream 429 (0: not paused).',
      [[undefined, Math.ceil(gauges.budget.pausedForMs / 1000)]],
    ),
    metric(`${p}cache_entries`, 'gauge', 'Entries in the response caches.', [
      [undefined, gauges.cacheEntries],
    ]),
    metric(`${p}cache_entries_by_cache`, 'gauge', 'Entries per response cache.', [
      ...Object.entries(gauges.caches).map(([c, v]): Sample => [{cache: c}, v.entries]),
    ]),
    metric(`${p}cache_bytes`, 'gauge', 'Approximate bytes per response cache.', [
      ...Object.entries(gauges.caches).map(([c, v]): Sample => [{cache: c}, v.bytes]),
    ]),
    metric(`${p}upstream_in_flight`, 'gauge', 'Keys with an upstream request under way.', [
      [undefined, stats.inFlight],
    ]),
  ];
}

/** The shared-state store: where reads were answered, its failures, locks and budget. */
function storeMetrics(p: string, {store, budget}: Gauges): string[] {
  const c = store.counters;
  return [
    metric(`${p}store_hits_total`, 'counter', 'Store reads answered, by level.', [
      [{level: 'l1'}, c.l1Hits],
      [{level: 'shared'}, c.hits],
    ]),
    metric(`${p}store_misses_total`, 'counter', 'Store reads that found nothing.', [
      [undefined, c.misses],
    ]),
    metric(`${p}store_errors_total`, 'counter', 'Shared-store commands that failed.', [
      [undefined, c.errors],
    ]),
    metric(`${p}store_lock_waits_total`, 'counter', 'Misses that waited for another load.', [
      [undefined, c.lockWaits],
    ]),
    metric(`${p}store_lock_takeovers_total`, 'counter', 'Miss locks taken over after a lease.', [
      [undefined, c.lockTakeovers],
    ]),
    metric(
      `${p}store_budget_local_grants_total`,
      'counter',
      'Upstream requests granted from the local share while the shared store was down.',
      [[undefined, c.budgetLocalGrants]],
    ),
    metric(`${p}budget_shared`, 'gauge', "1: budget_remaining is the whole account's.", [
      [undefined, budget.shared ? 1 : 0],
    ]),
    metric(`${p}store_degraded`, 'gauge', '1 while the shared store is unreachable.', [
      [undefined, store.status === 'degraded' ? 1 : 0],
    ]),
  ];
}
