import {parseArgs} from 'node:util';
import type {RunningServer} from '../server/node-http.js';
import {loadProxyConfig, type ProxyConfig, type ProxyEnv} from './config.js';
import {startProxyServer} from './server.js';

export const PROXY_USAGE = `Usage: smartstream-widgets proxy [--port 8788] [--host 127.0.0.1]

Serves the read-only caching proxy for the SmartSTREAM Catalog API. Widgets set
api-base to its address; it holds the credentials, answers GETs from its cache and
never sends upstream more than the request budget.

Options:
  --port N      port to listen on (default 8788; 0 picks a free one)   env PORT
  --host HOST   interface to bind (default 127.0.0.1)                  env HOST
  --trust-proxy key clients by the first X-Forwarded-For hop            env SMARTSTREAM_TRUST_PROXY
  -h, --help    show this help

Required environment:
  SMARTSTREAM_API_BASE          the Catalog API (https; http only for localhost)
  SMARTSTREAM_API_KEY           API key (X-Streaks-Api-Key)
  SMARTSTREAM_MAIL_ADDRESS      account mail address, for tokens
  SMARTSTREAM_PASSWORD          account password, for tokens
  SMARTSTREAM_MERCHANTS         comma-separated merchant ids to serve
  SMARTSTREAM_ALLOWED_ORIGINS   comma-separated origins of the pages (CORS), or *

Optional environment (defaults):
  SMARTSTREAM_CACHE_TTL             seconds an answer is fresh (60)
  SMARTSTREAM_CACHE_STALE           seconds served stale while refreshing (600)
  SMARTSTREAM_CACHE_STALE_IF_ERROR  seconds served stale when upstream fails (86400)
  SMARTSTREAM_CACHE_NEGATIVE_TTL    seconds a 404/403 GEO_RULE/400 is remembered (30)
  SMARTSTREAM_CACHE_MAX_ENTRIES     most cached answers (1000)
  SMARTSTREAM_BUDGET_PER_MINUTE     upstream requests per minute (50)
  SMARTSTREAM_UPSTREAM_TIMEOUT_MS   time-out of one upstream request (8000)
  SMARTSTREAM_ALLOW_HTTP_UPSTREAM   1 to allow a plain-http API base that is not localhost
  SMARTSTREAM_CACHE_MAX_MB          approximate MiB of cached answers (64)
  SMARTSTREAM_STALE_DEADLINE_MS     wait for upstream before serving stale-if-error (1000)
  SMARTSTREAM_CLIENT_BUDGET_PER_MINUTE  misses of new keys per client a minute (budget / 5)
  SMARTSTREAM_TRUST_PROXY           1: behind a proxy that sets X-Forwarded-For
  SMARTSTREAM_BUDGET_RAMP_MS        budget grows to full over this after start (60000; 0 off)
  SMARTSTREAM_MAX_UPSTREAM_PAUSE_MS longest pause after an upstream 429 (60000)
  SMARTSTREAM_HEADERS_TIMEOUT_MS    time to receive request headers (10000)
  SMARTSTREAM_REQUEST_TIMEOUT_MS    time to receive a whole request (30000)
  SMARTSTREAM_KEEP_ALIVE_TIMEOUT_MS idle keep-alive sockets are closed after (5000)
  SMARTSTREAM_MAX_CONNECTIONS       open sockets at most; keep under ulimit -n (1000)
  SMARTSTREAM_SHUTDOWN_GRACE_MS     on SIGTERM, time to finish requests in flight (10000)

Replicas sharing one account (docs/deployment.md):
  SMARTSTREAM_REDIS_URL             redis://[:password@]host:port[/db]: share budget, cache,
                                    token and miss locks with the other replicas (none)
  SMARTSTREAM_REPLICAS              replicas sharing the account (1)
  SMARTSTREAM_BUDGET_LOCAL_SHARE    requests/min one replica may spend while Redis is
                                    unreachable (budget / replicas)

Flags win over PORT and HOST.
`;

/** Reads flags and environment into the server's options; exported for tests. */
export function parseProxyArgs(
  argv: string[],
  env: ProxyEnv = process.env,
): {help: true} | {help: false; config: ProxyConfig} {
  const {values} = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: {type: 'string'},
      host: {type: 'string'},
      'trust-proxy': {type: 'boolean'},
      help: {type: 'boolean', short: 'h'},
    },
  });
  if (values.help) return {help: true};
  const config = loadProxyConfig({
    ...env,
    ...(values.port !== undefined ? {PORT: values.port} : {}),
    ...(values.host !== undefined ? {HOST: values.host} : {}),
    ...(values['trust-proxy'] ? {SMARTSTREAM_TRUST_PROXY: '1'} : {}),
  });
  return {help: false, config};
}

/** `smartstream-widgets proxy`: starts the server and says where it is, without any secret. */
export async function proxyCommand(
  argv: string[],
  env: ProxyEnv = process.env,
): Promise<RunningServer | undefined> {
  const parsed = parseProxyArgs(argv, env);
  if (parsed.help) {
    process.stdout.write(PROXY_USAGE);
    return undefined;
  }
  const {config} = parsed;
  const server = await startProxyServer(config);
  const cache = config.cache ?? {};
  const merchant = config.merchants[0];
  const lines = [
    `SmartSTREAM catalog proxy on ${server.url}`,
    `  upstream:      ${new URL(config.apiBase).origin}`,
    `  merchants:     ${config.merchants.join(', ')}`,
    `  CORS origins:  ${config.allowedOrigins === '*' ? '* (any)' : config.allowedOrigins.join(', ')}`,
    `  cache:         fresh ${(cache.ttlMs ?? 0) / 1000} s, stale-while-revalidate ` +
      `${(cache.staleWhileRevalidateMs ?? 0) / 1000} s, stale-if-error ${(cache.staleIfErrorMs ?? 0) / 1000} s`,
    `  budget:        ${config.budgetPerMinute} upstream requests/min, ` +
      `reached over ${(config.budgetRampMs ?? 0) / 1000} s after start`,
    `  shared state:  ${config.redisUrl ? `Redis (${config.replicas} replicas, ${config.budgetLocalShare}/min each while it is down)` : 'this process only'}`,
    `  try:           curl -i ${server.url}/v1/merchants/${merchant}/medias/?limit=3`,
    `  health:        ${server.url}/healthz   metrics: ${server.url}/metrics`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  // A drain, as process managers expect: stop accepting, finish what is under way, exit.
  const stop = () => {
    process.stdout.write('draining: no new connections; finishing requests in flight\n');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    ...server,
    close: async () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await server.close();
    },
  };
}
