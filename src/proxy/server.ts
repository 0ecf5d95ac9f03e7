import {serveAnswers, type RunningServer, type ServerLimits} from '../server/node-http.js';
import {createCatalogProxy, type CatalogProxy, type CatalogProxyOptions} from './proxy.js';
import {DEFAULT_PROXY_HOST, type ProxyConfig} from './config.js';
import {PROXY_DEFAULTS} from './options.js';
import type {ProxyStore} from './store/index.js';

export interface ProxyServerOptions
  extends
    CatalogProxyOptions,
    ServerLimits,
    Pick<ProxyConfig, 'redisUrl' | 'replicas' | 'budgetLocalShare'> {
  /** Default 0 (a free port); the CLI defaults to 8788. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/**
 * The Redis store named by `redisUrl`, keyed by the API base and the merchants (hashed).
 * Loaded only then, so that one-process users never load a Redis client.
 */
async function redisStore(options: ProxyServerOptions): Promise<ProxyStore | undefined> {
  if (options.store || !options.redisUrl) return undefined;
  const {createRedisStore, storeKeyPrefix} = await import('./store/redis.js');
  return createRedisStore({
    url: options.redisUrl,
    prefix: storeKeyPrefix(options.apiBase, [...options.merchants].sort().join(',')),
    budgetPerWindow: options.budgetPerMinute ?? PROXY_DEFAULTS.budgetPerMinute,
    maxPauseMs: options.maxUpstreamPauseMs ?? PROXY_DEFAULTS.maxUpstreamPauseMs,
    replicas: options.replicas,
    localShare: options.budgetLocalShare,
    l1MaxBytes: options.cache?.maxBytes,
    now: options.now,
  });
}

/**
 * Serves {@link createCatalogProxy} with Node's http server. Resolves once it listens. With
 * `redisUrl` (and no `store`), replicas share their state through that Redis; the store is
 * closed with the server.
 */
export async function startProxyServer(
  options: ProxyServerOptions,
): Promise<RunningServer & {proxy: CatalogProxy}> {
  const {
    port,
    host,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs,
    maxConnections,
    shutdownGraceMs,
    ...rest
  } = options;
  const owned = await redisStore(options);
  // What only the store needs (the Redis URL may hold a password) stays out of the proxy.
  const proxyOptions: CatalogProxyOptions = {...rest};
  for (const name of ['redisUrl', 'replicas', 'budgetLocalShare'] as const)
    delete (proxyOptions as ProxyServerOptions)[name];
  const proxy = createCatalogProxy(owned ? {...proxyOptions, store: owned} : proxyOptions);
  const log = proxyOptions.log ?? console;
  const server = await serveAnswers(proxy.answer, {
    port: port ?? 0,
    host: host ?? DEFAULT_PROXY_HOST,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs,
    maxConnections,
    shutdownGraceMs,
    // The handler answers every error itself; this only sees an answer Node would not write.
    onError: () => log.error('smartstream proxy: a response could not be written'),
  });
  if (!owned) return {...server, proxy};
  return {
    ...server,
    proxy,
    close: async (...args: Parameters<RunningServer['close']>) => {
      await server.close(...args);
      await owned.close();
    },
  };
}
