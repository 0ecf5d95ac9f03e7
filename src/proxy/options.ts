// The proxy's options, their defaults and their checks: what every other piece reads.
import {ID_PATTERN} from '../api/index.js';
import type {Credentials, RetryOptions} from '../client/index.js';
import type {ProxyLogger} from './log.js';
import type {ProxyStore} from './store/index.js';

/** Cache lifetimes and bounds. Every field is optional. */
export interface ProxyCacheOptions {
  /** How long an answer is fresh. Default 60 s. */
  ttlMs?: number;
  /** After that, how long it is served stale while one background refresh runs. Default 10 min. */
  staleWhileRevalidateMs?: number;
  /** After `ttlMs`, how long it is served when upstream fails or the budget is spent. Default 1 day. */
  staleIfErrorMs?: number;
  /** How long an upstream 404, 403 `GEO_RULE` or 400 is remembered. Default 30 s. */
  negativeTtlMs?: number;
  /** After a failed refresh, how long the key is not tried again. Default 5 s. */
  errorTtlMs?: number;
  /** Most cached answers. Default 1000. */
  maxEntries?: number;
  /**
   * Most bytes of cached answers (approximate: text plus a fixed overhead per entry). Default
   * 64 MiB. Negative and empty answers get an eighth of it more, cut list pages a quarter.
   */
  maxBytes?: number;
  /**
   * How long a request that has a stale-if-error copy waits for upstream before it gets that
   * copy (the refresh goes on in the background). Default 1000 ms.
   */
  staleDeadlineMs?: number;
}

/** Options of {@link createCatalogProxy}. */
export interface CatalogProxyOptions {
  /** The Catalog API (or the mock): origin plus optional path prefix. */
  apiBase: string;
  /** Base for relative poster/thumbnail paths. Default: the origin of `apiBase`. */
  assetBase?: string;
  /** Sent upstream as `X-Streaks-Api-Key`. A secret. */
  apiKey: string;
  /** Used to obtain upstream tokens. Secrets. */
  credentials: Credentials;
  /** Merchant ids the proxy serves; any other is refused with 403. */
  merchants: readonly string[];
  /** Origins allowed to read answers cross-origin (CORS), or `'*'` for any. */
  allowedOrigins: readonly string[] | '*';
  cache?: ProxyCacheOptions;
  /** Upstream requests per minute, token requests included. Default 50, the API's limit. */
  budgetPerMinute?: number;
  /** Longest pause after an upstream 429, whatever its `Retry-After` says. Default 60 s. */
  maxUpstreamPauseMs?: number;
  /**
   * After start the budget grows from a tenth to all of `budgetPerMinute` over this time: the
   * process before a restart may have spent the API's minute. 0: the whole budget at once.
   * Default 60 000 ms.
   */
  budgetRampMs?: number;
  /**
   * Upstream requests for never-seen keys one client may cause per minute. Default a fifth of
   * `budgetPerMinute`, rounded up.
   */
  clientBudgetPerMinute?: number;
  /**
   * Key each client's share by the first `X-Forwarded-For` hop instead of the socket address:
   * only behind a proxy or CDN that sets that header itself. Default false.
   */
  trustProxy?: boolean;
  /** Time-out of one upstream attempt. Default 8000 ms. */
  upstreamTimeoutMs?: number;
  /**
   * Upstream retries of failed GETs (each one spends budget). Default one retry after
   * 100-1000 ms. A 429 is never retried: the proxy serves stale or 503 instead.
   */
  retry?: RetryOptions | false;
  /** `fetch` for upstream requests. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Clock for cache ages, the budget and token expiry. Default `Date.now`. */
  now?: () => number;
  /** Where log lines go. Default `console`. Lines never contain a secret. */
  log?: ProxyLogger;
  /**
   * Where the shared state lives: the budget, cached answers, the token and the locks that
   * collapse misses. Default a `MemoryStore` built from the options above, right for
   * exactly one process. Replicas share one store, e.g. `createRedisStore` of
   * `smartstream-widgets/proxy/redis`; its own budget and bounds then apply (the budget
   * options here only shape the default store). The proxy does not close a store it was given.
   */
  store?: ProxyStore;
}

export const PROXY_DEFAULTS = Object.freeze({
  ttlMs: 60_000,
  staleWhileRevalidateMs: 600_000,
  staleIfErrorMs: 86_400_000,
  negativeTtlMs: 30_000,
  errorTtlMs: 5_000,
  maxEntries: 1000,
  maxBytes: 64 * 1024 * 1024,
  staleDeadlineMs: 1_000,
  budgetPerMinute: 50,
  maxUpstreamPauseMs: 60_000,
  budgetRampMs: 60_000,
  upstreamTimeoutMs: 8_000,
  retry: {retries: 1, baseDelayMs: 100, maxDelayMs: 1_000},
});

/** The options checked, with every default filled in. */
export interface ProxySettings {
  now: () => number;
  cache: Required<ProxyCacheOptions>;
  budgetPerMinute: number;
  maxUpstreamPauseMs: number;
  budgetRampMs: number;
  clientBudgetPerMinute: number;
  trustProxy: boolean;
  upstreamTimeoutMs: number;
  retry: (RetryOptions & {maxRetryAfterMs: number}) | false;
  merchants: ReadonlySet<string>;
  /** Allowed origins; undefined: any. */
  origins: ReadonlySet<string> | undefined;
}

function nonNegative(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative number.`);
  }
  return value;
}

function checkOptions(options: CatalogProxyOptions) {
  if (!options || typeof options !== 'object') throw new TypeError('options must be an object.');
  let base: URL | undefined;
  try {
    base = new URL(options.apiBase);
  } catch {
    base = undefined;
  }
  if (!base || !/^https?:$/.test(base.protocol) || base.username || base.password) {
    throw new TypeError('apiBase must be an http(s) URL without user name or password.');
  }
  if (typeof options.apiKey !== 'string' || !/^[\x21-\x7e]+$/.test(options.apiKey)) {
    throw new TypeError('apiKey must be a non-empty string of printable ASCII characters.');
  }
  const creds = options.credentials;
  if (
    !creds ||
    typeof creds.mail_address !== 'string' ||
    !creds.mail_address.trim() ||
    typeof creds.password !== 'string' ||
    !creds.password
  ) {
    throw new TypeError('credentials must be {mail_address, password}, both non-empty.');
  }
  if (
    !Array.isArray(options.merchants) ||
    !options.merchants.length ||
    !options.merchants.every((m) => typeof m === 'string' && ID_PATTERN.test(m))
  ) {
    throw new TypeError('merchants must be a non-empty list of merchant ids ([A-Za-z0-9_-]).');
  }
  const origins = options.allowedOrigins;
  if (
    origins !== '*' &&
    !(Array.isArray(origins) && origins.every((o) => typeof o === 'string' && o.length))
  ) {
    throw new TypeError("allowedOrigins must be '*' or a list of origins.");
  }
}

function cacheSettings(cache: ProxyCacheOptions): Required<ProxyCacheOptions> {
  const d = PROXY_DEFAULTS;
  const ms = (name: keyof ProxyCacheOptions) => nonNegative(cache[name], `cache.${name}`, d[name]);
  return {
    ttlMs: ms('ttlMs'),
    staleWhileRevalidateMs: ms('staleWhileRevalidateMs'),
    staleIfErrorMs: ms('staleIfErrorMs'),
    negativeTtlMs: ms('negativeTtlMs'),
    errorTtlMs: ms('errorTtlMs'),
    maxEntries: Math.max(1, ms('maxEntries')),
    maxBytes: Math.max(1, ms('maxBytes')),
    staleDeadlineMs: ms('staleDeadlineMs'),
  };
}

/** Checks the options and fills in the defaults. @throws {TypeError} naming the bad option. */
export function resolveSettings(options: CatalogProxyOptions): ProxySettings {
  checkOptions(options);
  const d = PROXY_DEFAULTS;
  const budgetPerMinute = nonNegative(
    options.budgetPerMinute,
    'budgetPerMinute',
    d.budgetPerMinute,
  );
  if (!Number.isInteger(budgetPerMinute) || budgetPerMinute < 1) {
    throw new TypeError('budgetPerMinute must be an integer >= 1.');
  }
  const perClient = Math.ceil(budgetPerMinute / 5);
  return {
    now: options.now ?? Date.now,
    cache: cacheSettings(options.cache ?? {}),
    budgetPerMinute,
    maxUpstreamPauseMs: nonNegative(
      options.maxUpstreamPauseMs,
      'maxUpstreamPauseMs',
      d.maxUpstreamPauseMs,
    ),
    budgetRampMs: nonNegative(options.budgetRampMs, 'budgetRampMs', d.budgetRampMs),
    clientBudgetPerMinute: Math.max(
      1,
      nonNegative(options.clientBudgetPerMinute, 'clientBudgetPerMinute', perClient),
    ),
    trustProxy: options.trustProxy === true,
    upstreamTimeoutMs: nonNegative(
      options.upstreamTimeoutMs,
      'upstreamTimeoutMs',
      d.upstreamTimeoutMs,
    ),
    retry: options.retry === false ? false : {...d.retry, ...options.retry, maxRetryAfterMs: 0},
    merchants: new Set(options.merchants),
    origins: options.allowedOrigins === '*' ? undefined : new Set(options.allowedOrigins),
  };
}
