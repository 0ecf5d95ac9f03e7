import {serveAnswers, type RunningServer, type ServerLimits} from '../server/node-http.js';
import {createCatalogProxy, type CatalogProxy, type CatalogProxyOptions} from './proxy.js';
import {DEFAULT_PROXY_HOST} from './config.js';

export interface ProxyServerOptions extends CatalogProxyOptions, ServerLimits {
  /** Default 0 (a free port); the CLI defaults to 8788. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** Serves {@link createCatalogProxy} with Node's http server. Resolves once it listens. */
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
    ...proxyOptions
  } = options;
  const proxy = createCatalogProxy(proxyOptions);
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
  return {...server, proxy};
}
