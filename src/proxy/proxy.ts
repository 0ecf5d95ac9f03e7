import {CatalogClient, type Credentials, type RetryOptions} from '../client/index.js';
import {ClientShares, UpstreamBudget, type BudgetState} from './budget.js';
import type {PlainAnswer, PlainRequest} from '../server/plain-http.js';
import {ResponseStore, strongEtag, type StoredResponse} from './cache.js';
import {
  acceptsGzip,
  clientOf,
  errorBody,
  JSON_TYPE,
  matchesEtag,
  parseRetryAfter,
  seconds,
  secondsLeft,
  STATUS_TEXT,
} from './http-answer.js';
import {classify, MESSAGES, type Failure} from './classify.js';
import {describeError, secretFreeLogger, type ProxyLogger} from './log.js';
import {emptyStats, increment, renderMetrics, type ProxyStats} from './metrics.js';
import {
  ALLOWED_METHODS,
  checkPath,
  ID_PATTERN,
  isCatalogPath,
  LIMIT_MAX,
  listKey,
  parseCatalogRequest,
  type CatalogRoute,
  type ListRoute,
  type Refusal,
} from './request.js';

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
}

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
  /** Upstream requests that may be sent now. */
  budgetRemaining(): number;
  /** What `/healthz` reports: budget state and entries and bytes per cache. */
  health(): ProxyHealth;
};

/** The body of `/healthz`. */
export interface ProxyHealth {
  /** `paused` while an upstream 429 keeps the proxy from sending anything upstream. */
  status: 'ok' | 'paused';
  cacheEntries: number;
  budgetRemaining: number;
  budget: BudgetState;
  caches: ReturnType<ResponseStore['sizes']>;
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

/** Upstream list requests ask for pages of this size; client pages are cut from them. */
const CHUNK_SIZE = LIMIT_MAX;
/** CDNs may keep error answers this long at most. */
const ERROR_MAX_AGE_S = 5;
/** Pause after an upstream 429 that names no delay. */
const DEFAULT_429_PAUSE_MS = 30_000;
/** Shortest pause after an upstream 429, `Retry-After: 0` included. */
const MIN_429_PAUSE_MS = 1_000;
const EXPOSED_HEADERS = 'ETag, Retry-After, X-Cache';
/** Request headers a preflight may ask for; never `Authorization` or `Cookie`. */
const PREFLIGHT_HEADERS = new Set([
  'accept',
  'accept-language',
  'content-language',
  'if-none-match',
  'cache-control',
]);
type CacheState = 'HIT' | 'STALE' | 'MISS';

type Outcome = {ok: true; entry: StoredResponse} | {ok: false; failure: Failure};
type Served = {entry: StoredResponse; cache: CacheState} | {failure: Failure};

interface Cors {
  allowed: boolean;
  headers: Record<string, string>;
}

const encoder = new TextEncoder();

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? encoder.encode(body).byteLength : body.byteLength;
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

/**
 * Creates the read-only caching proxy: a fetch-standard handler (Node, Deno, Bun, edge
 * workers) that serves the Catalog API's GET paths for the configured merchants from a
 * cache, holds the credentials, and never sends upstream more than the budget allows.
 */
export function createCatalogProxy(options: CatalogProxyOptions): CatalogProxy {
  checkOptions(options);
  const now = options.now ?? Date.now;
  const cacheOptions = options.cache ?? {};
  const budgetPerMinute = nonNegative(
    options.budgetPerMinute,
    'budgetPerMinute',
    PROXY_DEFAULTS.budgetPerMinute,
  );
  if (!Number.isInteger(budgetPerMinute) || budgetPerMinute < 1) {
    throw new TypeError('budgetPerMinute must be an integer >= 1.');
  }
  const store = new ResponseStore({
    ttlMs: nonNegative(cacheOptions.ttlMs, 'cache.ttlMs', PROXY_DEFAULTS.ttlMs),
    staleWhileRevalidateMs: nonNegative(
      cacheOptions.staleWhileRevalidateMs,
      'cache.staleWhileRevalidateMs',
      PROXY_DEFAULTS.staleWhileRevalidateMs,
    ),
    staleIfErrorMs: nonNegative(
      cacheOptions.staleIfErrorMs,
      'cache.staleIfErrorMs',
      PROXY_DEFAULTS.staleIfErrorMs,
    ),
    negativeTtlMs: nonNegative(
      cacheOptions.negativeTtlMs,
      'cache.negativeTtlMs',
      PROXY_DEFAULTS.negativeTtlMs,
    ),
    errorTtlMs: nonNegative(cacheOptions.errorTtlMs, 'cache.errorTtlMs', PROXY_DEFAULTS.errorTtlMs),
    maxEntries: Math.max(
      1,
      nonNegative(cacheOptions.maxEntries, 'cache.maxEntries', PROXY_DEFAULTS.maxEntries),
    ),
    maxBytes: Math.max(
      1,
      nonNegative(cacheOptions.maxBytes, 'cache.maxBytes', PROXY_DEFAULTS.maxBytes),
    ),
    now,
  });
  const cacheTimes = store.options;
  const staleDeadlineMs = nonNegative(
    cacheOptions.staleDeadlineMs,
    'cache.staleDeadlineMs',
    PROXY_DEFAULTS.staleDeadlineMs,
  );
  const budget = new UpstreamBudget({
    perMinute: budgetPerMinute,
    maxPauseMs: nonNegative(
      options.maxUpstreamPauseMs,
      'maxUpstreamPauseMs',
      PROXY_DEFAULTS.maxUpstreamPauseMs,
    ),
    rampMs: nonNegative(options.budgetRampMs, 'budgetRampMs', PROXY_DEFAULTS.budgetRampMs),
    now,
  });
  const shares = new ClientShares({
    perClient: Math.max(
      1,
      nonNegative(
        options.clientBudgetPerMinute,
        'clientBudgetPerMinute',
        Math.ceil(budgetPerMinute / 5),
      ),
    ),
    now,
  });
  const trustProxy = options.trustProxy === true;
  const merchants = new Set(options.merchants);
  const allowAll = options.allowedOrigins === '*';
  const origins = new Set(allowAll ? [] : options.allowedOrigins);
  const stats = emptyStats();

  // Tokens the upstream issued, so the logger can cut them out too.
  const issuedTokens: string[] = [];
  const secrets = [options.apiKey, options.credentials.mail_address, options.credentials.password];
  const log = secretFreeLogger(options.log ?? console, () => [...secrets, ...issuedTokens]);
  let lastBudgetWarning = -Infinity;

  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  /** Every upstream request, token requests and retries included, spends one budget token. */
  const budgetedFetch: typeof fetch = async (input, init) => {
    if (!budget.tryTake()) {
      stats.budgetRefused++;
      warnBudgetSpent();
      // Shaped like an upstream 429 so the client gives up at once (it never waits out a
      // Retry-After: see `retry` below) and the proxy treats both alike.
      const wait = Math.max(1, Math.ceil(budget.msUntilAvailable() / 1000));
      return new Response(errorBody('RATE_LIMITED', 'The upstream budget is spent.'), {
        status: 429,
        headers: {'content-type': JSON_TYPE, 'retry-after': String(wait)},
      });
    }
    const url = new URL(input instanceof Request ? input.url : String(input));
    const tokenRequest = /\/auth-token\/?$/.test(url.pathname);
    stats.upstreamRequests++;
    if (tokenRequest) {
      stats.tokenRefreshes++;
      log.info(`requesting an upstream token (${stats.tokenRefreshes} so far)`);
    }
    const response = await baseFetch(input, init);
    if (tokenRequest && response.ok) await learnToken(response.clone());
    if (response.status !== 429) return response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    // At least a second, even for `Retry-After: 0`; at most the cap, whatever upstream says.
    const pauseMs = budget.pause(Math.max(MIN_429_PAUSE_MS, retryAfterMs ?? DEFAULT_429_PAUSE_MS));
    log.warn(`upstream answered 429; sending nothing upstream for ${Math.ceil(pauseMs / 1000)} s`);
    // The client gives up on a 429 with a Retry-After (see `retry` below); the one it reads
    // is the pause applied, so clients are never told more than the cap.
    const headers = new Headers(response.headers);
    headers.set('retry-after', String(Math.ceil(pauseMs / 1000)));
    return new Response(response.body, {status: 429, statusText: response.statusText, headers});
  };

  async function learnToken(response: Response) {
    try {
      const body = (await response.json()) as {token?: unknown};
      if (typeof body.token === 'string' && body.token) {
        issuedTokens.push(body.token);
        if (issuedTokens.length > 4) issuedTokens.shift();
      }
    } catch {
      // The client reports an unreadable token response; nothing to learn here.
    }
  }

  function warnBudgetSpent() {
    const t = now();
    if (t - lastBudgetWarning < 60_000) return;
    lastBudgetWarning = t;
    log.warn(
      `upstream budget of ${budget.capacity}/min spent; serving stale answers or 503 for ` +
        `${Math.ceil(budget.msUntilAvailable() / 1000)} s`,
    );
  }

  const retry =
    options.retry === false
      ? false
      : {...PROXY_DEFAULTS.retry, ...options.retry, maxRetryAfterMs: 0};
  const client = new CatalogClient({
    apiBase: options.apiBase,
    assetBase: options.assetBase,
    apiKey: options.apiKey,
    credentials: options.credentials,
    fetch: budgetedFetch,
    timeoutMs: nonNegative(
      options.upstreamTimeoutMs,
      'upstreamTimeoutMs',
      PROXY_DEFAULTS.upstreamTimeoutMs,
    ),
    retry,
    // The proxy caches serialized answers itself; a second cache would only add staleness.
    cache: false,
    now,
  });

  const inflight = new Map<string, Promise<Outcome>>();

  function callUpstream(route: CatalogRoute): Promise<unknown> {
    switch (route.kind) {
      case 'media':
        return client.getMedia(route.merchant, route.selector);
      case 'media-list':
        return client.listMedia(route.merchant, route.params);
      case 'group-list':
        return client.listMediaGroups(route.merchant, route.params);
    }
  }

  function busy(retryAfterMs: number | undefined): Failure {
    const told = Math.min(retryAfterMs ?? 0, budget.maxPauseMs);
    const wait = Math.max(1000, told, budget.msUntilAvailable());
    return {
      status: 503,
      code: 'RATE_LIMITED',
      message: `The catalog is busy: the upstream request budget is spent. Retry in ${Math.ceil(wait / 1000)} s.`,
      retryAfterMs: wait,
    };
  }

  /**
   * Whether a miss may go upstream now: a refresh of a known key may while any budget is left;
   * a never-seen key needs budget above the reserve kept for known keys, and a share of the
   * asking client's own.
   */
  function admit(key: string, client: string | undefined): Failure | undefined {
    const remaining = budget.remaining();
    if (remaining > 0 && store.isKnown(key)) return undefined;
    if (remaining <= Math.floor(budget.allowed() / LOW_BUDGET_RESERVE_DIVISOR)) {
      // Certain (or kept) to be refused: skip the client and its token logic altogether.
      stats.budgetRefused++;
      warnBudgetSpent();
      return busy(undefined);
    }
    if (client === undefined || shares.tryTake(client)) return undefined;
    stats.clientRefused++;
    const wait = Math.max(1000, shares.msUntilAvailable(client));
    return {
      status: 429,
      code: 'RATE_LIMITED',
      message: `Too many uncached requests from this client. Retry in ${Math.ceil(wait / 1000)} s.`,
      retryAfterMs: wait,
    };
  }

  async function fetchAndStore(
    key: string,
    route: CatalogRoute,
    client: string | undefined,
  ): Promise<Outcome> {
    const refusal = admit(key, client);
    if (refusal) {
      stats.upstreamFailures++;
      store.noteFailure(key, {status: refusal.status, body: ''}, false);
      return {ok: false, failure: refusal};
    }
    try {
      const value = await callUpstream(route);
      const items = route.kind === 'media' ? undefined : listItems(route, value);
      const body = JSON.stringify(value);
      return {ok: true, entry: await store.storeOk(key, body, items?.length === 0)};
    } catch (error) {
      const classified = classify(error, key, log, busy);
      if (classified.kind === 'negative') {
        const {status, code} = classified;
        const body = errorBody(code, MESSAGES[code] ?? 'Not found.');
        return {ok: true, entry: store.storeNegative(key, status, body)};
      }
      stats.upstreamFailures++;
      const {failure} = classified;
      store.noteFailure(
        key,
        {status: failure.status, body: errorBody(failure.code, failure.message)},
        classified.kind === 'failed',
      );
      return {ok: false, failure};
    }
  }

  /** One upstream request per key at a time, however many clients wait for it. */
  function refresh(key: string, route: CatalogRoute, client: string | undefined): Promise<Outcome> {
    const pending = inflight.get(key);
    if (pending) {
      stats.collapsed++;
      return pending;
    }
    const started = fetchAndStore(key, route, client);
    inflight.set(key, started);
    void started.finally(() => {
      if (inflight.get(key) === started) inflight.delete(key);
    });
    return started;
  }

  /** One cache key's answer: fresh, stale (with one background refresh), or fetched now. */
  async function serve(
    key: string,
    route: CatalogRoute,
    client: string | undefined,
    tally = true,
  ): Promise<Served> {
    const entry = store.get(key);
    const t = now();
    if (entry && t < entry.freshUntil) {
      if (tally) stats.hits++;
      return {entry, cache: 'HIT'};
    }
    if (entry && (t < entry.staleUntil || (entry.retryAt !== undefined && t < entry.retryAt))) {
      const canRefresh =
        t < entry.staleUntil &&
        !inflight.has(key) &&
        (entry.retryAt ?? 0) <= t &&
        budget.remaining() > 0;
      if (canRefresh) void refresh(key, route, client);
      if (tally) stats.staleServed++;
      return {entry, cache: 'STALE'};
    }
    if (tally) stats.misses++;
    const pending = refresh(key, route, client);
    // With a stale-if-error copy in hand, a hanging upstream costs the client a short wait,
    // not the refresh's time-outs; the refresh goes on and updates the entry when it lands.
    if (!entry) {
      const outcome = await pending;
      return outcome.ok ? {entry: outcome.entry, cache: 'MISS'} : {failure: outcome.failure};
    }
    const outcome = await withDeadline(pending, staleDeadlineMs);
    if (outcome?.ok) return {entry: outcome.entry, cache: 'MISS'};
    if (tally) stats.staleServed++;
    return {entry, cache: 'STALE'};
  }

  /**
   * A list page, served from upstream chunks of the largest page size. Every page size and
   * page number of one query shares the same few chunks, so a visitor paging through a
   * gallery (or another page asking for another `limit`) costs the budget one request per
   * hundred records instead of one per page. Relies on `count` being the total and on the
   * order being stable across pages, which the reference's paging implies.
   */
  async function serveListPage(
    key: string,
    route: ListRoute,
    client: string | undefined,
  ): Promise<Served> {
    const {limit, page} = route.params;
    // Without both, the page depends on upstream defaults the proxy cannot see.
    if (limit === undefined || page === undefined) return serve(key, route, client);
    const start = (page - 1) * limit;
    const first = Math.floor(start / CHUNK_SIZE);
    const last = Math.floor((start + limit - 1) / CHUNK_SIZE);
    const chunks = await Promise.all(
      Array.from({length: last - first + 1}, (_, i) => {
        const chunk = {...route, params: {...route.params, limit: CHUNK_SIZE, page: first + i + 1}};
        return serve(listKey(chunk), chunk, client, false);
      }),
    );
    const served =
      chunks.find((c) => 'failure' in c || c.entry.status !== 200) ??
      (await cutPage(key, route, chunks, start - first * CHUNK_SIZE));
    if ('failure' in served || served.cache === 'MISS') stats.misses++;
    else if (served.cache === 'HIT') stats.hits++;
    else stats.staleServed++;
    return served;
  }

  async function cutPage(
    key: string,
    route: ListRoute,
    chunks: Served[],
    offset: number,
  ): Promise<Served> {
    const entries = chunks.map((c) => (c as {entry: StoredResponse}).entry);
    const states = chunks.map((c) => (c as {cache: CacheState}).cache);
    const cache: CacheState = states.includes('MISS')
      ? 'MISS'
      : states.includes('STALE')
        ? 'STALE'
        : 'HIT';
    const stamp = entries.map((e) => e.storedAt + ':' + e.etag).join(' ');
    const known = store.getPage(key);
    if (known?.stamp === stamp) return {entry: known.entry, cache};
    const field = route.kind === 'media-list' ? 'medias' : 'media_groups';
    const bodies = entries.map((e) => JSON.parse(e.body) as Record<string, unknown>);
    const items = bodies.flatMap((b) => b[field] as unknown[]);
    const body = JSON.stringify({
      count: bodies[0]!.count,
      [field]: items.slice(offset, offset + route.params.limit!),
    });
    const entry: StoredResponse = {
      status: 200,
      body,
      etag: await strongEtag(body),
      storedAt: Math.max(...entries.map((e) => e.storedAt)),
      freshUntil: Math.min(...entries.map((e) => e.freshUntil)),
      staleUntil: Math.min(...entries.map((e) => e.staleUntil)),
      expiresAt: Math.min(...entries.map((e) => e.expiresAt)),
    };
    store.setPage(key, {stamp, entry});
    return {entry, cache};
  }

  // ---- responses ------------------------------------------------------------------------

  function respond(
    status: number,
    body: string | Uint8Array<ArrayBuffer> | null,
    headers: Record<string, string>,
    method: string,
    contentType = JSON_TYPE,
  ): ProxyAnswer {
    const out: Record<string, string> = {...headers, 'x-content-type-options': 'nosniff'};
    if (body !== null) {
      out['content-type'] = contentType;
      out['content-length'] = String(byteLength(body));
    }
    increment(stats.responses, String(status));
    return {
      status,
      statusText: STATUS_TEXT[status] ?? '',
      headers: out,
      body: method === 'HEAD' || status === 304 ? null : body,
    };
  }

  function refused(
    refusal: Refusal,
    method: string,
    headers: Record<string, string>,
    cacheControl: string,
  ): ProxyAnswer {
    increment(stats.refused, refusal.code);
    return respond(
      refusal.status,
      errorBody(refusal.code, refusal.message),
      {...headers, ...refusal.headers, 'cache-control': cacheControl},
      method,
    );
  }

  function corsFor(origin: string | null): Cors {
    if (allowAll) {
      return {
        allowed: true,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-expose-headers': EXPOSED_HEADERS,
        },
      };
    }
    // Answers differ by Origin, so shared caches must key on it.
    const vary = {vary: 'Origin'};
    if (origin === null) return {allowed: true, headers: vary};
    if (!origins.has(origin)) return {allowed: false, headers: vary};
    return {
      allowed: true,
      headers: {
        ...vary,
        'access-control-allow-origin': origin,
        'access-control-expose-headers': EXPOSED_HEADERS,
      },
    };
  }

  function preflight(request: ProxyRequest, url: URL, cors: Cors): ProxyAnswer {
    if (!isCatalogPath(url.pathname)) {
      const refusal = {status: 404, code: 'NOT_FOUND', message: 'The proxy serves no such path.'};
      return refused(refusal, 'OPTIONS', cors.headers, 'no-store');
    }
    const wanted = (request.headers.get('access-control-request-method') ?? 'GET').toUpperCase();
    if (wanted !== 'GET' && wanted !== 'HEAD') {
      const refusal = {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: 'The proxy is read-only: use GET.',
        headers: {allow: ALLOWED_METHODS},
      };
      return refused(refusal, 'OPTIONS', cors.headers, 'no-store');
    }
    const requested = (request.headers.get('access-control-request-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => PREFLIGHT_HEADERS.has(name));
    const headers: Record<string, string> = {
      ...cors.headers,
      allow: ALLOWED_METHODS,
      'access-control-allow-methods': 'GET, HEAD',
      'access-control-max-age': '600',
      'cache-control': 'no-store',
    };
    if (requested.length) headers['access-control-allow-headers'] = requested.join(', ');
    return respond(204, null, headers, 'OPTIONS');
  }

  function cacheControl(entry: StoredResponse, state: CacheState): string {
    const t = now();
    if (entry.status !== 200) {
      return `public, max-age=${Math.min(ERROR_MAX_AGE_S, secondsLeft(entry.freshUntil - t))}`;
    }
    const stale = state === 'STALE' || t >= entry.freshUntil;
    // A stale answer is kept briefly downstream: a refresh is under way or upstream is failing,
    // and asking again at once would only return the same bytes.
    const maxAge = stale
      ? Math.min(ERROR_MAX_AGE_S, seconds(cacheTimes.ttlMs))
      : secondsLeft(entry.freshUntil - t);
    return (
      `public, max-age=${maxAge}, stale-while-revalidate=${seconds(cacheTimes.staleWhileRevalidateMs)}, ` +
      `stale-if-error=${seconds(cacheTimes.staleIfErrorMs)}`
    );
  }

  /** Each cached answer gzipped once, on its first request that accepts it. */
  const gzipped = new WeakMap<StoredResponse, Promise<Uint8Array<ArrayBuffer>>>();

  function gzipOf(entry: StoredResponse): Promise<Uint8Array<ArrayBuffer>> {
    let bytes = gzipped.get(entry);
    if (!bytes) {
      const stream = new Blob([entry.body]).stream().pipeThrough(new CompressionStream('gzip'));
      bytes = new Response(stream).arrayBuffer().then((buffer) => new Uint8Array(buffer));
      gzipped.set(entry, bytes);
    }
    return bytes;
  }

  async function render(
    served: Served,
    request: ProxyRequest,
    method: string,
    cors: Cors,
  ): Promise<ProxyAnswer> {
    const headers: Record<string, string> = {...cors.headers, 'x-cache': 'MISS'};
    if ('failure' in served) {
      const {failure} = served;
      headers['cache-control'] = 'no-store';
      if (failure.retryAfterMs !== undefined) {
        headers['retry-after'] = String(Math.max(1, Math.ceil(failure.retryAfterMs / 1000)));
      }
      return respond(failure.status, errorBody(failure.code, failure.message), headers, method);
    }
    const {entry, cache} = served;
    headers['x-cache'] = cache;
    if (entry.status >= 500) {
      // A remembered failure: upstream failed moments ago for this key.
      headers['cache-control'] = 'no-store';
      headers['retry-after'] = String(Math.max(1, Math.ceil((entry.expiresAt - now()) / 1000)));
      return respond(entry.status, entry.body, headers, method);
    }
    headers['cache-control'] = cacheControl(entry, cache);
    if (entry.status !== 200 || !entry.etag) {
      return respond(entry.status, entry.body, headers, method);
    }
    // A list page is tens of kilobytes of JSON that gzip cuts about six times. A CDN in front
    // may compress too; it then asks without gzip or passes this through.
    const gzip = entry.body.length >= GZIP_MIN_BYTES && acceptsGzip(request.headers);
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    // Another representation, another strong validator; either one still matches on revalidation.
    const gzipTag = `${entry.etag.slice(0, -1)}-gzip"`;
    headers.etag = gzip ? gzipTag : entry.etag;
    const ifNoneMatch = request.headers.get('if-none-match');
    const matched = [headers.etag, gzipTag, entry.etag].find((tag) =>
      matchesEtag(ifNoneMatch, tag),
    );
    if (matched) {
      stats.notModified++;
      // The 304 names the copy the client holds, so that is the copy its cache freshens.
      return respond(304, null, {...headers, etag: matched}, method);
    }
    if (!gzip) return respond(200, entry.body, headers, method);
    headers['content-encoding'] = 'gzip';
    return respond(200, await gzipOf(entry), headers, method);
  }

  function serviceEndpoint(url: URL, method: string): ProxyAnswer {
    if (method !== 'GET' && method !== 'HEAD') {
      const refusal = {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: 'Use GET.',
        headers: {allow: 'GET, HEAD'},
      };
      return refused(refusal, method, {}, 'no-store');
    }
    const headers = {'cache-control': 'no-store'};
    if (url.pathname === '/healthz') {
      return respond(200, JSON.stringify(health()), headers, method);
    }
    const text = renderMetrics({...stats, inFlight: inflight.size}, health());
    return respond(200, text, headers, method, 'text/plain; version=0.0.4; charset=utf-8');
  }

  function health(): ProxyHealth {
    const state = budget.state();
    return {
      // Still 200: a paused proxy serves its cache, and a restart would not end the pause.
      status: state.pausedForMs > 0 ? 'paused' : 'ok',
      cacheEntries: store.size,
      budgetRemaining: state.remaining,
      budget: state,
      caches: store.sizes(),
    };
  }

  async function handle(request: ProxyRequest): Promise<ProxyAnswer> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const badPath = checkPath(url.pathname, url.search);
    if (badPath) return refused(badPath, method, {}, 'no-store');
    if (url.pathname === '/healthz' || url.pathname === '/metrics') {
      return serviceEndpoint(url, method);
    }
    const origin = request.headers.get('origin');
    const cors = corsFor(origin);
    if (!cors.allowed) {
      const refusal = {
        status: 403,
        code: 'ORIGIN_NOT_ALLOWED',
        message:
          "This origin may not use the catalog proxy: add it to the proxy's allowed origins.",
      };
      // The refusal itself is readable, so the page's widgets say "refused" instead of
      // reporting an opaque network error and retrying. It carries nothing but itself.
      const readable =
        method === 'OPTIONS'
          ? cors.headers
          : {...cors.headers, 'access-control-allow-origin': origin!};
      return refused(refusal, method, readable, 'no-store');
    }
    if (method === 'OPTIONS') return preflight(request, url, cors);
    const parsed = parseCatalogRequest(url, method, merchants);
    if (!parsed.ok) {
      return refused(parsed.refusal, method, cors.headers, `public, max-age=${ERROR_MAX_AGE_S}`);
    }
    stats.requests++;
    // No client signal: once upstream is asked, the answer is worth keeping for the next one.
    const {route} = parsed;
    const client = clientOf(request, trustProxy);
    const served =
      route.kind === 'media'
        ? await serve(parsed.key, route, client)
        : await serveListPage(parsed.key, route, client);
    return render(served, request, method, cors);
  }

  async function answer(request: ProxyRequest): Promise<ProxyAnswer> {
    try {
      return await handle(request);
    } catch (error) {
      log.error(`internal error: ${describeError(error)}`);
      increment(stats.responses, '500');
      return {
        status: 500,
        statusText: STATUS_TEXT[500]!,
        headers: {'content-type': JSON_TYPE, 'cache-control': 'no-store'},
        body: errorBody('SERVER_ERROR', 'An unexpected error has occurred.'),
      };
    }
  }

  const handler = async (request: Request): Promise<Response> => {
    const {status, statusText, headers, body} = await answer(request);
    return new Response(body, {status, statusText, headers});
  };

  return Object.assign(handler, {
    answer,
    stats: (): ProxyStats => ({...structuredClone(stats), inFlight: inflight.size}),
    budgetRemaining: () => budget.remaining(),
    health,
  });
}

/** A never-seen key is refused once the budget left is this fraction (1/n) of the allowance. */
const LOW_BUDGET_RESERVE_DIVISOR = 5;

/** The outcome, or undefined once `ms` have passed (the promise goes on). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The items of a list answer, to tell an empty one. */
function listItems(route: ListRoute, value: unknown): unknown[] | undefined {
  const field = route.kind === 'media-list' ? 'medias' : 'media_groups';
  const items = (value as Record<string, unknown> | null)?.[field];
  return Array.isArray(items) ? items : undefined;
}

/** Smaller answers are sent as they are: gzip would save less than its own overhead. */
const GZIP_MIN_BYTES = 1024;
