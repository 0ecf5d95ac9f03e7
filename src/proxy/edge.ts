// The proxy without Node's http server: what Deno, Bun and edge workers import. Nothing
// reachable from here imports a `node:` module.
import {
  createCatalogProxy as createProxy,
  type CatalogProxy,
  type CatalogProxyOptions,
} from './proxy.js';

export {PROXY_DEFAULTS} from './proxy.js';
export type {
  CatalogProxy,
  CatalogProxyOptions,
  ProxyAnswer,
  ProxyCacheOptions,
  ProxyHealth,
  ProxyRequest,
} from './proxy.js';
export {loadProxyConfig, ProxyConfigError} from './config.js';
export type {ProxyConfig, ProxyEnv} from './config.js';
export type {ProxyLogger} from './log.js';
export type {ProxyStats} from './metrics.js';
export {MemoryStore} from './store/index.js';
export type {CacheEntry, ProxyStore, StoredToken, StoreHealth} from './store/index.js';

/**
 * {@link createCatalogProxy} for runtimes that run many isolates, each with its own memory.
 * An isolate must not silently spend the account's whole budget: pass a shared `store` (any
 * object implementing {@link ProxyStore}, e.g. one backed by an HTTP Redis service), or set
 * `budgetPerMinute` to this isolate's share (the account's 50 a minute divided by the most
 * isolates that may run at once). See docs/deployment.md.
 * @throws {TypeError} when neither is given.
 */
export function createCatalogProxy(options: CatalogProxyOptions): CatalogProxy {
  if (options && !options.store && options.budgetPerMinute === undefined) {
    throw new TypeError(
      'On an edge runtime every isolate has its own memory: pass a shared `store`, or set ' +
        "`budgetPerMinute` to each isolate's share of the account's budget.",
    );
  }
  return createProxy(options);
}
