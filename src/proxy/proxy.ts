// The proxy put together: options, store, upstream, key server, renderer and router.
import type {PlainAnswer, PlainRequest} from '../server/plain-http.js';
import {budgetWarner, type ProxyContext} from './context.js';
import {secretFreeLogger} from './log.js';
import {emptyStats, type ProxyStats} from './metrics.js';
import {resolveSettings, type CatalogProxyOptions, type ProxySettings} from './options.js';
import {Renderer} from './render.js';
import {healthOf, Router, type ProxyHealth} from './router.js';
import {KeyServer} from './serve.js';
import {MemoryStore, type ProxyStore} from './store/index.js';
import {Upstream} from './upstream.js';

export {PROXY_DEFAULTS} from './options.js';
export type {CatalogProxyOptions, ProxyCacheOptions} from './options.js';
export type {ProxyHealth} from './router.js';

/** What the proxy reads of a request: a fetch `Request` is one. */
export type ProxyRequest = PlainRequest;
/** An answer before it becomes a fetch `Response` or is written to a Node socket. */
export type ProxyAnswer = PlainAnswer;

/** A fetch-standard handler, with counters for tests and dashboards. */
export type CatalogProxy = ((request: Request) => Promise<Response>) & {
  /**
   * The same handling without fetch's `Request` and `Response`, whose construction costs more
   * than a cache hit: what the Node server calls. Never rejects.
   */
  answer(request: ProxyRequest): Promise<ProxyAnswer>;
  stats(): ProxyStats;
  /** Upstream requests that may be sent now (a shared store: the last figure seen). */
  budgetRemaining(): number;
  /**
   * What `/healthz` reports: budget state and entries and bytes per cache (a shared store:
   * the last figures seen; `/healthz` asks it afresh).
   */
  health(): ProxyHealth;
  /** The store the proxy keeps its shared state in. */
  readonly store: ProxyStore;
};

/** The default store: this process's memory, bounded and ramped as the options say. */
function memoryStore(settings: ProxySettings): MemoryStore {
  return new MemoryStore({
    budgetPerWindow: settings.budgetPerMinute,
    maxPauseMs: settings.maxUpstreamPauseMs,
    rampMs: settings.budgetRampMs,
    maxEntries: settings.cache.maxEntries,
    l1MaxBytes: settings.cache.maxBytes,
    maxEntryBytes: settings.cache.maxBytes,
    now: settings.now,
  });
}

/**
 * Creates the read-only caching proxy: a fetch-standard handler (Node, Deno, Bun, edge
 * workers) that serves the Catalog API's GET paths for the configured merchants from a
 * cache, holds the credentials, and never sends upstream more than the budget allows.
 */
export function createCatalogProxy(options: CatalogProxyOptions): CatalogProxy {
  const settings = resolveSettings(options);
  const store = options.store ?? memoryStore(settings);
  // Tokens the upstream issued, so the logger can cut them out too.
  const issuedTokens: string[] = [];
  const secrets = [options.apiKey, options.credentials.mail_address, options.credentials.password];
  const log = secretFreeLogger(options.log ?? console, () => [...secrets, ...issuedTokens]);
  const ctx: ProxyContext = {
    settings,
    store,
    stats: emptyStats(),
    log,
    warnBudgetSpent: budgetWarner(log, settings.now, () => store.peek().budget.capacity),
  };
  const upstream = new Upstream(ctx, options, issuedTokens);
  const keys = new KeyServer(ctx, upstream);
  const {answer} = new Router({
    ctx,
    keys,
    renderer: new Renderer(ctx),
    inFlight: () => upstream.inFlight,
  });
  const handler = async (request: Request): Promise<Response> => {
    const {status, statusText, headers, body} = await answer(request);
    return new Response(body, {status, statusText, headers});
  };
  return Object.assign(handler, {
    answer,
    stats: (): ProxyStats => ({...structuredClone(ctx.stats), inFlight: upstream.inFlight}),
    budgetRemaining: () => store.peek().budget.remaining,
    health: () => healthOf(store.peek(), settings.now()),
    store,
  });
}
