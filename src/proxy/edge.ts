// The proxy without Node's http server: what Deno, Bun and edge workers import. Nothing
// reachable from here imports a `node:` module.
export {createCatalogProxy, PROXY_DEFAULTS} from './proxy.js';
export type {
  CatalogProxy,
  CatalogProxyOptions,
  ProxyAnswer,
  ProxyCacheOptions,
  ProxyRequest,
} from './proxy.js';
export {loadProxyConfig, ProxyConfigError} from './config.js';
export type {ProxyConfig, ProxyEnv} from './config.js';
export type {ProxyLogger} from './log.js';
export type {ProxyStats} from './metrics.js';
