import {SERVER_DEFAULTS, type ServerLimits} from '../server/node-http.js';
import {PROXY_DEFAULTS, type CatalogProxyOptions} from './options.js';
import {ID_PATTERN} from '../api/index.js';
import {flag, Reader} from './env-reader.js';

/** Environment the proxy reads. */
export type ProxyEnv = Record<string, string | undefined>;

/** Everything {@link startProxyServer} needs, as read from the environment. */
export interface ProxyConfig extends CatalogProxyOptions, ServerLimits {
  port: number;
  host: string;
  /** `SMARTSTREAM_REDIS_URL`: replicas share their state through this Redis. A secret. */
  redisUrl?: string;
  /** `SMARTSTREAM_REPLICAS`: replicas sharing the account, for the default local share. */
  replicas?: number;
  /** `SMARTSTREAM_BUDGET_LOCAL_SHARE`: what one replica may spend a minute while Redis is down. */
  budgetLocalShare?: number;
}

export const DEFAULT_PROXY_PORT = 8788;
export const DEFAULT_PROXY_HOST = '127.0.0.1';

/**
 * A setting is missing or malformed. The message names every such variable and never
 * contains the value of a secret.
 */
export class ProxyConfigError extends Error {
  /** One line per problem, each naming its variable. */
  readonly problems: readonly string[];

  constructor(problems: string[]) {
    super(`Invalid proxy configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ProxyConfigError';
    this.problems = problems;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const WEEK_S = 7 * 24 * 3600;

function apiBase(read: Reader): string {
  const name = 'SMARTSTREAM_API_BASE';
  const value = read.raw(name)?.trim();
  if (value === undefined) {
    read.problems.push(
      `${name} is missing (the Catalog API, e.g. https://ovp-s-api.smartstream.ne.jp).`,
    );
    return '';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not quoted: a mistyped value may hold a credential pasted into the wrong variable.
    read.problems.push(`${name} is not an absolute URL.`);
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    read.problems.push(`${name} must be an http(s) URL.`);
  } else if (url.username || url.password) {
    read.problems.push(`${name} must not contain a user name or password.`);
  } else if (url.search || url.hash) {
    read.problems.push(`${name} must not have a query or fragment.`);
  } else if (
    url.protocol === 'http:' &&
    !LOOPBACK.has(url.hostname) &&
    !flag(read.raw('SMARTSTREAM_ALLOW_HTTP_UPSTREAM'))
  ) {
    read.problems.push(
      `${name} must use https: the API key and password travel to it (http is accepted for ` +
        'localhost, or with SMARTSTREAM_ALLOW_HTTP_UPSTREAM=1).',
    );
  }
  return value;
}

/** The Node server's limits (docs/proxy-hardening.md). */
function serverLimits(read: Reader) {
  const ms = (name: string, fallback: number, min: number, max: number) =>
    read.integer(name, fallback, min, max);
  return {
    headersTimeoutMs: ms(
      'SMARTSTREAM_HEADERS_TIMEOUT_MS',
      SERVER_DEFAULTS.headersTimeoutMs,
      100,
      600_000,
    ),
    requestTimeoutMs: ms(
      'SMARTSTREAM_REQUEST_TIMEOUT_MS',
      SERVER_DEFAULTS.requestTimeoutMs,
      100,
      600_000,
    ),
    keepAliveTimeoutMs: ms(
      'SMARTSTREAM_KEEP_ALIVE_TIMEOUT_MS',
      SERVER_DEFAULTS.keepAliveTimeoutMs,
      0,
      600_000,
    ),
    maxConnections: ms('SMARTSTREAM_MAX_CONNECTIONS', SERVER_DEFAULTS.maxConnections, 1, 1_000_000),
    shutdownGraceMs: ms(
      'SMARTSTREAM_SHUTDOWN_GRACE_MS',
      SERVER_DEFAULTS.shutdownGraceMs,
      0,
      600_000,
    ),
  };
}

/** The hardening settings: budget fairness and pauses, cache bytes, the server's limits. */
function hardening(read: Reader) {
  const ms = (name: string, fallback: number, min: number, max: number) =>
    read.integer(name, fallback, min, max);
  const budget = read.integer(
    'SMARTSTREAM_BUDGET_PER_MINUTE',
    PROXY_DEFAULTS.budgetPerMinute,
    1,
    100_000,
  );
  const clientBudget = read.raw('SMARTSTREAM_CLIENT_BUDGET_PER_MINUTE');
  return {
    budgetPerMinute: budget,
    clientBudgetPerMinute:
      clientBudget === undefined
        ? undefined
        : read.integer('SMARTSTREAM_CLIENT_BUDGET_PER_MINUTE', 1, 1, 100_000),
    trustProxy: flag(read.raw('SMARTSTREAM_TRUST_PROXY')),
    budgetRampMs: ms('SMARTSTREAM_BUDGET_RAMP_MS', PROXY_DEFAULTS.budgetRampMs, 0, 3_600_000),
    maxUpstreamPauseMs: ms(
      'SMARTSTREAM_MAX_UPSTREAM_PAUSE_MS',
      PROXY_DEFAULTS.maxUpstreamPauseMs,
      1_000,
      3_600_000,
    ),
    maxBytes:
      read.integer('SMARTSTREAM_CACHE_MAX_MB', PROXY_DEFAULTS.maxBytes / 2 ** 20, 1, 65_536) *
      2 ** 20,
    staleDeadlineMs: ms(
      'SMARTSTREAM_STALE_DEADLINE_MS',
      PROXY_DEFAULTS.staleDeadlineMs,
      0,
      120_000,
    ),
    server: serverLimits(read),
  };
}

/**
 * The shared store: a Redis URL (never quoted back: it may hold a password), the number of
 * replicas and the share of the budget one replica may spend while Redis is unreachable.
 */
function sharedStore(read: Reader, budgetPerMinute: number) {
  const url = read.raw('SMARTSTREAM_REDIS_URL')?.trim();
  if (url !== undefined && !/^rediss?:\/\/[^\s]+$/.test(url)) {
    read.problems.push('SMARTSTREAM_REDIS_URL must be a redis:// or rediss:// URL.');
  }
  const replicas = read.integer('SMARTSTREAM_REPLICAS', 1, 1, 1_000);
  const fallback = Math.max(1, Math.floor(budgetPerMinute / replicas));
  const share = read.integer('SMARTSTREAM_BUDGET_LOCAL_SHARE', fallback, 1, budgetPerMinute);
  if (url === undefined) {
    if (replicas > 1) {
      read.problems.push(
        'SMARTSTREAM_REPLICAS is above 1 without SMARTSTREAM_REDIS_URL: each replica would ' +
          'spend the whole budget. Set SMARTSTREAM_REDIS_URL, or SMARTSTREAM_BUDGET_PER_MINUTE ' +
          "to each replica's share.",
      );
    }
    return {};
  }
  return {redisUrl: url, replicas, budgetLocalShare: share};
}

function origins(read: Reader): string[] | '*' {
  const name = 'SMARTSTREAM_ALLOWED_ORIGINS';
  const items = read.list(name);
  if (!items) return [];
  if (items.length === 1 && items[0] === '*') return '*';
  if (!items.length) read.problems.push(`${name} lists no origin.`);
  const out: string[] = [];
  for (const item of items) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    const bare = item.replace(/\/$/, '');
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== bare) {
      read.problems.push(
        `${name} must be "*" or comma-separated origins such as https://www.example.com ` +
          `(scheme, host and port only); got ${JSON.stringify(item)}.`,
      );
      continue;
    }
    out.push(url.origin);
  }
  return out;
}

/** The secrets and the merchants, each checked, none ever quoted back. */
function account(read: Reader) {
  const apiKey = read.secret('SMARTSTREAM_API_KEY', (value) =>
    /^[\x21-\x7e]+$/.test(value)
      ? value.length < 8
        ? 'is too short to be an API key.'
        : undefined
      : 'must be printable ASCII without spaces (it is sent as a header).',
  );
  const mail = read.secret('SMARTSTREAM_MAIL_ADDRESS', (value) =>
    /^[^\s@]+@[^\s@]+$/.test(value.trim()) ? undefined : 'is not a mail address.',
  );
  const password = read.secret('SMARTSTREAM_PASSWORD', (value) =>
    value.length < 4 ? 'is too short to be a password.' : undefined,
  );
  const merchants = read.list('SMARTSTREAM_MERCHANTS') ?? [];
  if (read.raw('SMARTSTREAM_MERCHANTS') !== undefined && !merchants.length) {
    read.problems.push('SMARTSTREAM_MERCHANTS lists no merchant.');
  }
  for (const merchant of merchants) {
    if (!ID_PATTERN.test(merchant)) {
      read.problems.push(
        `SMARTSTREAM_MERCHANTS must be comma-separated merchant ids (letters, digits, _ and -); ` +
          `got ${JSON.stringify(merchant)}.`,
      );
    }
  }
  return {apiKey, credentials: {mail_address: mail.trim(), password}, merchants};
}

/** The cache windows (seconds in the environment) and the most entries. */
function cacheWindows(read: Reader) {
  const d = PROXY_DEFAULTS;
  const s = (name: string, fallbackMs: number, maxS: number) =>
    read.integer(name, fallbackMs / 1000, 0, maxS) * 1000;
  return {
    ttlMs: s('SMARTSTREAM_CACHE_TTL', d.ttlMs, WEEK_S),
    staleWhileRevalidateMs: s('SMARTSTREAM_CACHE_STALE', d.staleWhileRevalidateMs, WEEK_S),
    staleIfErrorMs: s('SMARTSTREAM_CACHE_STALE_IF_ERROR', d.staleIfErrorMs, 4 * WEEK_S),
    negativeTtlMs: s('SMARTSTREAM_CACHE_NEGATIVE_TTL', d.negativeTtlMs, WEEK_S),
    maxEntries: read.integer('SMARTSTREAM_CACHE_MAX_ENTRIES', d.maxEntries, 1, 1_000_000),
  };
}

/**
 * Reads and checks the proxy's settings.
 *
 * Required: `SMARTSTREAM_API_BASE`, `SMARTSTREAM_API_KEY`, `SMARTSTREAM_MAIL_ADDRESS`,
 * `SMARTSTREAM_PASSWORD`, `SMARTSTREAM_MERCHANTS` (comma-separated) and
 * `SMARTSTREAM_ALLOWED_ORIGINS` (comma-separated origins, or `*`).
 * Optional (seconds unless named `_MS`): `SMARTSTREAM_CACHE_TTL` (60), `SMARTSTREAM_CACHE_STALE`
 * (600), `SMARTSTREAM_CACHE_STALE_IF_ERROR` (86400), `SMARTSTREAM_CACHE_NEGATIVE_TTL` (30),
 * `SMARTSTREAM_CACHE_MAX_ENTRIES` (1000), `SMARTSTREAM_BUDGET_PER_MINUTE` (50),
 * `SMARTSTREAM_UPSTREAM_TIMEOUT_MS` (8000), `SMARTSTREAM_ALLOW_HTTP_UPSTREAM`, `PORT` (8788),
 * `HOST` (127.0.0.1), and the hardening settings of docs/proxy-hardening.md:
 * `SMARTSTREAM_TRUST_PROXY`, `SMARTSTREAM_CLIENT_BUDGET_PER_MINUTE`, `SMARTSTREAM_BUDGET_RAMP_MS`,
 * `SMARTSTREAM_MAX_UPSTREAM_PAUSE_MS`, `SMARTSTREAM_CACHE_MAX_MB`, `SMARTSTREAM_STALE_DEADLINE_MS`,
 * `SMARTSTREAM_HEADERS_TIMEOUT_MS`, `SMARTSTREAM_REQUEST_TIMEOUT_MS`,
 * `SMARTSTREAM_KEEP_ALIVE_TIMEOUT_MS`, `SMARTSTREAM_MAX_CONNECTIONS`, `SMARTSTREAM_SHUTDOWN_GRACE_MS`;
 * and, for replicas (docs/deployment.md): `SMARTSTREAM_REDIS_URL`, `SMARTSTREAM_REPLICAS` (1),
 * `SMARTSTREAM_BUDGET_LOCAL_SHARE` (budget ÷ replicas).
 * @throws {ProxyConfigError} naming every missing or malformed variable.
 */
export function loadProxyConfig(env: ProxyEnv = process.env): ProxyConfig {
  const read = new Reader(env);
  const base = apiBase(read);
  const {apiKey, credentials, merchants} = account(read);
  const allowedOrigins = origins(read);
  const windows = cacheWindows(read);
  const {budgetPerMinute, maxBytes, staleDeadlineMs, server, ...budgetOptions} = hardening(read);
  const upstreamTimeoutMs = read.integer(
    'SMARTSTREAM_UPSTREAM_TIMEOUT_MS',
    PROXY_DEFAULTS.upstreamTimeoutMs,
    100,
    120_000,
  );
  const shared = sharedStore(read, budgetPerMinute);
  const port = read.integer('PORT', DEFAULT_PROXY_PORT, 0, 65_535);
  const host = read.raw('HOST')?.trim() ?? DEFAULT_PROXY_HOST;

  if (read.problems.length) throw new ProxyConfigError(read.problems);
  return {
    apiBase: base,
    apiKey,
    credentials,
    merchants: [...new Set(merchants)],
    allowedOrigins,
    cache: {...windows, maxBytes, staleDeadlineMs},
    budgetPerMinute,
    ...budgetOptions,
    ...server,
    upstreamTimeoutMs,
    ...shared,
    port,
    host,
  };
}
