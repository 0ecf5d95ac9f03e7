import {serveAnswers, type RunningServer} from '../server/node-http.js';
import {createCatalogProxy, type CatalogProxy, type CatalogProxyOptions} from './proxy.js';
import {DEFAULT_PROXY_HOST} from './config.js';

export interface ProxyServerOptions extends CatalogProxyOptions {
  /** Default 0 (a free port); the CLI defaults to 8788. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** Serves {@link createCatalogProxy} with Node's http server. Resolves once it listens. */
export async function startProxyServer(
  options: ProxyServerOptions,
): Promise<RunningServer & {proxy: CatalogProxy}> {
  const {port, host, ...proxyOptions} = options;
  const proxy = createCatalogProxy(proxyOptions);
  const server = await serveAnswers(proxy.answer, {
    port: port ?? 0,
    host: host ?? DEFAULT_PROXY_HOST,
  });
  return {...server, proxy};
}
