// The read-only caching proxy: server-side code, never bundled for browsers.
export {createCatalogProxy, PROXY_DEFAULTS} from './proxy.js';
export type {
  CatalogProxy,
  CatalogProxyOptions,
  ProxyAnswer,
  ProxyCacheOptions,
  ProxyHealth,
  ProxyRequest,
} from './proxy.js';
export {MemoryStore} from './store/index.js';
export type {
  CacheEntry,
  ProxyStore,
  StoreCounters,
  StoredToken,
  StoreHealth,
  StoreOptions,
} from './store/index.js';
export {
  DEFAULT_PROXY_HOST,
  DEFAULT_PROXY_PORT,
  loadProxyConfig,
  ProxyConfigError,
} from './config.js';
export type {ProxyConfig, ProxyEnv} from './config.js';
export {startProxyServer} from './server.js';
export type {ProxyServerOptions} from './server.js';
export type {ProxyLogger} from './log.js';
export type {ProxyStats} from './metrics.js';
export {GROUP_SORT_COLUMNS, LIMIT_MAX, MEDIA_SORT_COLUMNS} from '../api/index.js';
export {PAGE_MAX} from './request.js';
