import {
  isSnapshotEntry,
  ResponseCache,
  type CacheEntry,
  type CacheListener,
  type CacheSnapshotEntry,
  type EntryKind,
} from './cache.js';
import {
  abortedError,
  badRequest,
  CatalogError,
  errorFromResponse,
  invalidResponse,
} from './errors.js';
import {
  deepFreeze,
  normalizeMedia,
  normalizeMediaGroupList,
  normalizeMediaList,
  type NormalizeContext,
} from './normalize.js';
import {anySignal, defaultSleep, waitFor} from './signals.js';
import type {
  CatalogReaderOptions,
  ListMediaGroupsParams,
  ListMediaParams,
  Media,
  MediaGroupList,
  MediaList,
  MediaSelector,
  RequestOptions,
} from './types.js';
import {
  validateListGroupsParams,
  validateListMediaParams,
  validateMerchant,
  validateSelector,
  type Query,
  type Selector,
} from './validate.js';

/** Defaults of {@link CatalogReaderOptions}. */
export const CLIENT_DEFAULTS = Object.freeze({
  timeoutMs: 10_000,
  retries: 2,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  ttlMs: 60_000,
  staleMs: 300_000,
  maxEntries: 500,
});

/** After a failed background refresh, the stale value is served this long before trying again. */
const MAX_REFRESH_BACKOFF_MS = 30_000;
/**
 * Media reads in one turn that ask at once rather than wait for a list in flight: with the
 * list's, they fit in a browser's six connections per origin (HTTP/1.1), so none queues.
 */
const ASK_AT_ONCE_READS = 4;

/** Selects a media entry for {@link CatalogReader.subscribe}. */
export type MediaEntrySelector = {merchant: string} & MediaSelector;

/** Counters for benchmarks and tests. */
export interface ClientStats {
  /** `fetch` calls made, token requests included. */
  requests: number;
  /** Calls answered from a fresh cache entry. */
  freshHits: number;
  /** Calls answered from a stale entry (a background refresh was started or running). */
  staleHits: number;
  /** Calls that joined an identical request already in flight. */
  deduplicated: number;
}

/** One API exchange, as the retry loop and {@link CatalogReader._send} see it. */
export interface HttpRequest {
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  merchant: string;
  path: string;
  query?: Query;
  json?: unknown;
  form?: FormData;
  /** The token request itself, which carries no token. */
  anonymous?: boolean;
  /** Code for a 404 without a code in the body. */
  notFoundCode?: string;
}

/** How a shared GET tells the retry loop whether anybody still waits for it. */
interface RetryControl {
  active(): boolean;
  setSleeper(sleeper: AbortController | undefined): void;
}

interface SharedGet {
  promise: Promise<unknown>;
  waiters: number;
  /** A background refresh runs to the end whoever waits. */
  keepAlive: boolean;
  sleeper: AbortController | undefined;
}

interface GetSpec<V> {
  key: string;
  kind: EntryKind;
  merchant: string;
  request: HttpRequest;
  parse(json: unknown): V;
  store(value: V): void;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

export function merchantPath(merchant: string): string {
  return `/v1/merchants/${enc(merchant)}`;
}

export function mediaPath(merchant: string, selector: Selector): string {
  const tail = selector.kind === 'id' ? enc(selector.value) : `ref:${enc(selector.value)}`;
  return `${merchantPath(merchant)}/medias/${tail}`;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const keys = Object.keys(query).sort();
  if (!keys.length) return '';
  return '?' + keys.map((key) => `${enc(key)}=${enc(query[key]!)}`).join('&');
}

/**
 * Normalizes an `apiBase`: absolute (a relative one is resolved against the page), http(s),
 * no query, hash or trailing slash. Two spellings of one base give one shared client.
 */
export function normalizeApiBase(apiBase: unknown, name = 'apiBase'): string {
  if (typeof apiBase !== 'string' || !apiBase.trim()) {
    throw badRequest(`${name} must be a non-empty URL.`);
  }
  const pageUrl = (globalThis as {location?: {href?: string}}).location?.href;
  let url: URL;
  try {
    url = new URL(apiBase.trim(), pageUrl);
  } catch {
    throw badRequest(`${name} must be an absolute http(s) URL (got ${JSON.stringify(apiBase)}).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badRequest(`${name} must be an http(s) URL (got ${JSON.stringify(apiBase)}).`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function isRetryable(error: CatalogError): boolean {
  if (error.status === 0) return error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT';
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

function isHtml(contentType: string, text: string): boolean {
  return /\bhtml\b/i.test(contentType) || /^\s*<(!doctype|html|head|body|\?xml)/i.test(text);
}

/**
 * The read side of the SmartSTREAM Catalog API: typed, cached, deduplicating, retrying.
 * What the elements use, and all a browser needs: it sends no secret and changes nothing.
 * {@link CatalogClient} adds the API key, tokens and the mutations for server-side use.
 *
 * Runs unchanged in browsers and Node 20. Every failure is a {@link CatalogError}.
 * Returned objects are frozen: the cache shares them.
 */
export class CatalogReader {
  /** The normalized `apiBase`. */
  readonly apiBase: string;
  /** The normalized `assetBase` that relative image paths resolve against. */
  readonly assetBase: string;

  private readonly _fetch: typeof fetch;
  private readonly _headers: Record<string, string>;
  private readonly _timeoutMs: number;
  private readonly _retry: Required<NonNullable<Exclude<CatalogReaderOptions['retry'], false>>>;
  protected readonly _cache: ResponseCache | undefined;
  private readonly _refreshBackoffMs: number;
  protected readonly _now: () => number;
  private readonly _sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly _random: () => number;

  private readonly _inflight = new Map<string, SharedGet>();
  /** Media lists in flight per merchant: a media read that misses waits for them first. */
  private readonly _listsInFlight = new Map<string, Set<Promise<unknown>>>();
  /** The next macrotask, shared by every read that waits in this one, and how many do. */
  private _turn: {promise: Promise<number>; reads: number} | undefined;
  /** Per-merchant mutation counter: a GET stores its result only if none began meanwhile. */
  protected readonly _generations = new Map<string, number>();
  /** Bumped by `clear()`, so requests in flight then do not refill the cache. */
  private _epoch = 0;
  private readonly _stats: ClientStats = {requests: 0, freshHits: 0, staleHits: 0, deduplicated: 0};

  /** @throws {CatalogError} `BAD_REQUEST` for an invalid option. */
  constructor(options: CatalogReaderOptions) {
    if (!options || typeof options !== 'object') throw badRequest('options must be an object.');
    const secrets = options as {apiKey?: unknown; credentials?: unknown};
    if (new.target === CatalogReader && (secrets.apiKey || secrets.credentials)) {
      throw badRequest('CatalogReader sends no secrets: use CatalogClient, server side.');
    }
    this.apiBase = normalizeApiBase(options.apiBase);
    this.assetBase =
      options.assetBase === undefined
        ? new URL(this.apiBase).origin
        : normalizeApiBase(options.assetBase, 'assetBase');
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw badRequest('fetch must be a function.');
    }
    // Called through a wrapper: a bare `fetch` reference called as a method throws "Illegal invocation".
    this._fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this._headers = {...options.headers};
    this._timeoutMs = nonNegative(options.timeoutMs, 'timeoutMs', CLIENT_DEFAULTS.timeoutMs);
    const retry = options.retry === false ? {retries: 0} : (options.retry ?? {});
    this._retry = {
      retries: nonNegative(retry.retries, 'retry.retries', CLIENT_DEFAULTS.retries),
      baseDelayMs: nonNegative(retry.baseDelayMs, 'retry.baseDelayMs', CLIENT_DEFAULTS.baseDelayMs),
      maxDelayMs: nonNegative(retry.maxDelayMs, 'retry.maxDelayMs', CLIENT_DEFAULTS.maxDelayMs),
      maxRetryAfterMs: nonNegative(
        retry.maxRetryAfterMs,
        'retry.maxRetryAfterMs',
        CLIENT_DEFAULTS.maxRetryAfterMs,
      ),
    };
    this._now = options.now ?? Date.now;
    this._sleep = options.sleep ?? defaultSleep;
    this._random = options.random ?? Math.random;
    if (options.cache === false) {
      this._cache = undefined;
      this._refreshBackoffMs = 0;
    } else {
      const cache = options.cache ?? {};
      const ttlMs = nonNegative(cache.ttlMs, 'cache.ttlMs', CLIENT_DEFAULTS.ttlMs);
      this._cache = new ResponseCache({
        ttlMs,
        staleMs: nonNegative(cache.staleMs, 'cache.staleMs', CLIENT_DEFAULTS.staleMs),
        maxEntries: Math.max(
          1,
          nonNegative(cache.maxEntries, 'cache.maxEntries', CLIENT_DEFAULTS.maxEntries),
        ),
        now: this._now,
      });
      this._refreshBackoffMs = Math.min(ttlMs, MAX_REFRESH_BACKOFF_MS);
    }
  }
  // ---- reads ---------------------------------------------------------------------------

  /**
   * Retrieves one media by id or reference id (`/medias/ref:<ref_id>`).
   * @throws {CatalogError} `MEDIA_NOT_FOUND`, `GEO_RULE`, `UNAUTHORIZED`, ...
   */
  async getMedia(
    merchant: string,
    selector: MediaSelector,
    options: RequestOptions = {},
  ): Promise<Media> {
    const m = validateMerchant(merchant);
    const sel = validateSelector(selector);
    const path = mediaPath(m, sel);
    return this._get<Media>(
      {
        key: path,
        kind: 'media',
        merchant: m,
        request: {
          method: 'GET',
          merchant: m,
          path,
          notFoundCode: 'MEDIA_NOT_FOUND',
        },
        parse: (json) => normalizeMedia(json, this._context(m)),
        store: (media) => this._storeMedia(m, media, path),
      },
      options.signal,
    );
  }

  /**
   * Retrieves a page of media. The medias it returns seed the cache, so a card shown for
   * one of them afterwards costs no request.
   */
  async listMedia(
    merchant: string,
    params: ListMediaParams = {},
    options: RequestOptions = {},
  ): Promise<MediaList> {
    const m = validateMerchant(merchant);
    const query = validateListMediaParams(params);
    const path = `${merchantPath(m)}/medias/`;
    const key = path + queryString(query);
    return this._get<MediaList>(
      {
        key,
        kind: 'media-list',
        merchant: m,
        request: {method: 'GET', merchant: m, path, query},
        parse: (json) => normalizeMediaList(json, this._context(m)),
        store: (list) => {
          for (const media of list.medias) this._storeMedia(m, media);
          this._cache?.set(key, 'media-list', m, list);
        },
      },
      options.signal,
    );
  }

  /** Retrieves a page of media groups. */
  async listMediaGroups(
    merchant: string,
    params: ListMediaGroupsParams = {},
    options: RequestOptions = {},
  ): Promise<MediaGroupList> {
    const m = validateMerchant(merchant);
    const query = validateListGroupsParams(params);
    const path = `${merchantPath(m)}/media_groups`;
    const key = path + queryString(query);
    return this._get<MediaGroupList>(
      {
        key,
        kind: 'group-list',
        merchant: m,
        request: {method: 'GET', merchant: m, path, query},
        parse: (json) => normalizeMediaGroupList(json, this._context(m)),
        store: (list) => this._cache?.set(key, 'group-list', m, list),
      },
      options.signal,
    );
  }
  // ---- cache access for elements -------------------------------------------------------

  /**
   * The cached media, fresh or stale, without a request and without side effects; `undefined`
   * when not cached (or the arguments are invalid). Lets an element render at once.
   */
  peekMedia(merchant: string, selector: MediaSelector): Media | undefined {
    let key: string;
    try {
      key = mediaPath(validateMerchant(merchant), validateSelector(selector));
    } catch {
      return undefined;
    }
    return this._cache?.peek(key)?.value as Media | undefined;
  }

  /** The cached page of {@link CatalogReader.listMedia}, like {@link CatalogReader.peekMedia}. */
  peekMediaList(merchant: string, params: ListMediaParams = {}): MediaList | undefined {
    return this._peek(() => this.cacheKey('listMedia', merchant, params)) as MediaList | undefined;
  }

  /** The cached page of {@link CatalogReader.listMediaGroups}, like {@link CatalogReader.peekMedia}. */
  peekMediaGroupList(
    merchant: string,
    params: ListMediaGroupsParams = {},
  ): MediaGroupList | undefined {
    return this._peek(() => this.cacheKey('listMediaGroups', merchant, params)) as
      MediaGroupList | undefined;
  }

  /**
   * The cache's live entries with the time each was fetched: what a server render hands to
   * the page (see {@link CatalogReader.prime}).
   */
  snapshot(): CacheSnapshotEntry[] {
    if (!this._cache) return [];
    return [...this._cache.entries()]
      .filter((entry) => this._cache!.freshness(entry))
      .map(({key, kind, merchant, value, storedAt}) => ({key, kind, merchant, value, storedAt}));
  }

  /**
   * Stores entries of a {@link CatalogReader.snapshot} as if fetched at their own time (never
   * later than now), so their freshness is honest. Entries that are not well-formed are skipped.
   */
  prime(entries: readonly CacheSnapshotEntry[]): void {
    if (!this._cache || !Array.isArray(entries)) return;
    const now = this._now();
    for (const entry of entries) {
      if (!isSnapshotEntry(entry)) continue;
      this._cache.set(entry.key, entry.kind, entry.merchant, deepFreeze(entry.value));
      this._cache.backdate(entry.key, Math.min(entry.storedAt, now));
    }
  }

  private _peek(key: () => string): unknown {
    try {
      return this._cache?.peek(key())?.value;
    } catch {
      return undefined;
    }
  }

  /**
   * Calls `listener` whenever the cached media changes: a background refresh, a list that
   * contains it, an update (the new media) or a delete or invalidation (`undefined`).
   * @returns a function that unsubscribes.
   */
  subscribeMedia(
    merchant: string,
    selector: MediaSelector,
    listener: (media: Media | undefined) => void,
  ): () => void {
    return this.subscribe({merchant, ...selector} as MediaEntrySelector, listener as CacheListener);
  }

  /**
   * Calls `listener` whenever the entry changes, with the new value or `undefined` when it is
   * invalidated. `key` is a media selector or a key from {@link CatalogReader.cacheKey}.
   * @returns a function that unsubscribes.
   */
  subscribe(key: string | MediaEntrySelector, listener: CacheListener): () => void {
    const resolved =
      typeof key === 'string'
        ? key
        : mediaPath(validateMerchant(key.merchant), validateSelector(key));
    return this._cache ? this._cache.subscribe(resolved, listener) : () => {};
  }

  /**
   * The cache key of a call, for {@link CatalogReader.subscribe}: an element showing a list
   * can learn that a mutation invalidated it.
   */
  cacheKey(
    call: 'getMedia' | 'listMedia' | 'listMediaGroups',
    merchant: string,
    arg: MediaSelector | ListMediaParams | ListMediaGroupsParams = {},
  ): string {
    const m = validateMerchant(merchant);
    if (call === 'getMedia') return mediaPath(m, validateSelector(arg));
    if (call === 'listMedia')
      return `${merchantPath(m)}/medias/` + queryString(validateListMediaParams(arg));
    return `${merchantPath(m)}/media_groups` + queryString(validateListGroupsParams(arg));
  }

  /** Forgets every cached response; requests in flight do not refill it. For tests. */
  clear(): void {
    this._epoch++;
    this._inflight.clear();
    this._cache?.clear();
  }

  /** Request and cache counters since the client was made. */
  stats(): ClientStats {
    return {...this._stats};
  }
  // ---- GET path: cache, deduplication ---------------------------------------------------

  protected _context(merchant: string): NormalizeContext {
    return {assetBase: this.assetBase, merchant};
  }

  private _generation(merchant: string): string {
    return `${this._epoch}.${this._generations.get(merchant) ?? 0}`;
  }

  private async _get<V>(
    spec: GetSpec<V>,
    signal: AbortSignal | undefined,
    listsAwaited = false,
  ): Promise<V> {
    if (signal?.aborted) throw abortedError(signal.reason);
    if (!this._cache) {
      return spec.parse(await this._request(spec.request, {signal, retry: true}));
    }
    const hit = this._cache.lookup(spec.key);
    if (hit) {
      if (hit.freshness === 'fresh') {
        this._stats.freshHits++;
      } else {
        this._stats.staleHits++;
        this._revalidate(spec, hit.entry);
      }
      return hit.entry.value as V;
    }
    if (spec.kind === 'media' && !listsAwaited) {
      // A list of the merchant may bring this media: a card next to a gallery costs nothing.
      await this._settleLists(spec.merchant, signal);
      return this._get(spec, signal, true);
    }
    const shared = this._shared(spec, false);
    if (shared.waiters > 0) this._stats.deduplicated++;
    shared.waiters++;
    return waitFor(shared.promise as Promise<V>, signal, () => {
      shared.waiters--;
      if (shared.waiters === 0 && !shared.keepAlive && shared.sleeper) {
        // Nobody waits and nothing is on the wire: stop retrying, and let the next caller
        // start afresh rather than join a request that is about to give up.
        this._forget(shared);
        shared.sleeper.abort();
      }
    });
  }

  /**
   * Waits until no media list of the merchant is in flight, when the read is one of many
   * that start together (a page's cards and its gallery, in document order, in one turn: the
   * wait begins with one macrotask, so a list placed after the cards is on the wire by then).
   * A few reads ask at once instead: on a slow network the wait costs a whole round trip when
   * the list does not bring the media, while their own requests go out beside the list's
   * (a caching proxy answers them from its cache). A list's failure is the list's.
   */
  private async _settleLists(merchant: string, signal: AbortSignal | undefined): Promise<void> {
    const reads = await waitFor(this._nextTurn(), signal);
    if (reads <= ASK_AT_ONCE_READS) return;
    let lists = this._listsInFlight.get(merchant);
    while (lists?.size) {
      await waitFor(Promise.allSettled([...lists]), signal);
      lists = this._listsInFlight.get(merchant);
    }
  }

  private _nextTurn(): Promise<number> {
    if (!this._turn) {
      let resolve!: (reads: number) => void;
      const turn = {promise: new Promise<number>((r) => (resolve = r)), reads: 0};
      setTimeout(() => {
        this._turn = undefined;
        resolve(turn.reads);
      }, 0);
      this._turn = turn;
    }
    this._turn.reads++;
    return this._turn.promise;
  }

  /** Starts one background refresh of a stale entry; the stale value stays on failure. */
  private _revalidate<V>(spec: GetSpec<V>, entry: CacheEntry) {
    if (
      entry.refreshFailedAt !== undefined &&
      this._now() - entry.refreshFailedAt < this._refreshBackoffMs
    ) {
      return;
    }
    this._shared(spec, true).promise.catch((error: unknown) => {
      if (
        CatalogError.is(error) &&
        error.status === 404 &&
        error.code !== 'AUTH_FAILED' &&
        this._cache?.peek(spec.key) === entry
      ) {
        // Gone on the server: serving it stale would hide that, so drop it and tell subscribers.
        this._cache.delete(spec.key);
        return;
      }
      entry.refreshFailedAt = this._now();
    });
  }

  private _forget(shared: SharedGet) {
    for (const [key, value] of this._inflight) {
      if (value === shared) this._inflight.delete(key);
    }
  }

  /** The in-flight GET for this key and generation, started if there is none. */
  private _shared<V>(spec: GetSpec<V>, keepAlive: boolean): SharedGet {
    const generation = this._generation(spec.merchant);
    const inflightKey = `${generation} ${spec.key}`;
    const existing = this._inflight.get(inflightKey);
    if (existing) {
      if (keepAlive) existing.keepAlive = true;
      return existing;
    }
    const shared: SharedGet = {
      promise: Promise.resolve(),
      waiters: 0,
      keepAlive,
      sleeper: undefined,
    };
    const control: RetryControl = {
      active: () => shared.waiters > 0 || shared.keepAlive,
      setSleeper: (sleeper) => {
        shared.sleeper = sleeper;
      },
    };
    shared.promise = (async () => {
      try {
        const json = await this._request(spec.request, {retry: true, control});
        const value = spec.parse(json);
        // A mutation (or clear) since this request began makes its result possibly older
        // than what the client knows: hand it to the callers that asked, but do not keep it.
        if (this._generation(spec.merchant) === generation) spec.store(value);
        return value;
      } finally {
        if (this._inflight.get(inflightKey) === shared) this._inflight.delete(inflightKey);
      }
    })();
    // Every waiter may have left; the rejection is theirs, not unhandled.
    shared.promise.catch(() => {});
    this._inflight.set(inflightKey, shared);
    if (spec.kind === 'media-list') this._trackList(spec.merchant, shared.promise);
    return shared;
  }

  private _trackList(merchant: string, promise: Promise<unknown>) {
    const lists = this._listsInFlight.get(merchant) ?? new Set();
    this._listsInFlight.set(merchant, lists);
    lists.add(promise);
    const done = () => {
      lists.delete(promise);
      if (!lists.size && this._listsInFlight.get(merchant) === lists) {
        this._listsInFlight.delete(merchant);
      }
    };
    promise.then(done, done);
  }

  protected _storeMedia(merchant: string, media: Media, requestedKey?: string) {
    const cache = this._cache;
    if (!cache) return;
    const idKey = mediaPath(merchant, {kind: 'id', value: media.id});
    cache.set(idKey, 'media', merchant, media);
    if (media.ref_id)
      cache.set(
        mediaPath(merchant, {kind: 'refId', value: media.ref_id}),
        'media',
        merchant,
        media,
      );
    if (requestedKey && requestedKey !== idKey) cache.set(requestedKey, 'media', merchant, media);
  }
  // ---- HTTP: retries, one attempt -----------------------------------------------

  protected async _request(
    request: HttpRequest,
    options: {signal?: AbortSignal; retry: boolean; control?: RetryControl},
  ): Promise<unknown> {
    const {signal, control} = options;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this._send(request, signal);
      } catch (error) {
        if (!CatalogError.is(error) || !options.retry || request.method !== 'GET') throw error;
        if (attempt >= this._retry.retries || !isRetryable(error)) throw error;
        if (signal?.aborted) throw abortedError(signal.reason);
        if (control && !control.active()) throw error;
        const delay = this._backoff(attempt, error);
        if (delay === undefined) throw error;
        const sleeper = new AbortController();
        control?.setSleeper(sleeper);
        const combined = anySignal([signal, sleeper.signal]);
        try {
          // Raced with the signal too, so an injected sleep that ignores it cannot delay an abort.
          await waitFor(this._sleep(delay, combined.signal), combined.signal);
        } catch {
          throw signal?.aborted ? abortedError(signal.reason) : error;
        } finally {
          combined.dispose();
          control?.setSleeper(undefined);
        }
      }
    }
  }

  /** Full-jitter exponential backoff, or the server's `Retry-After` when it is not too long. */
  private _backoff(attempt: number, error: CatalogError): number | undefined {
    if (error.retryAfterMs !== undefined) {
      // `maxRetryAfterMs: 0` waits for no Retry-After, a `Retry-After: 0` included.
      const max = this._retry.maxRetryAfterMs;
      return max && error.retryAfterMs <= max ? error.retryAfterMs : undefined;
    }
    const ceiling = Math.min(this._retry.maxDelayMs, this._retry.baseDelayMs * 2 ** attempt);
    return Math.floor(this._random() * ceiling);
  }

  /** One attempt of a request; {@link CatalogClient} overrides it to add its credentials. */
  protected _send(request: HttpRequest, signal: AbortSignal | undefined): Promise<unknown> {
    return this._attempt(request, signal);
  }

  /** One HTTP exchange under the time-out, combined with the caller's signal. */
  protected async _attempt(
    request: HttpRequest,
    signal: AbortSignal | undefined,
    extraHeaders?: Record<string, string>,
  ): Promise<unknown> {
    // No Accept header from the read-only reader: Firefox does not hand a `<link rel=preload
    // as=fetch>` response to a fetch() that sets one (Mozilla bug 1854292), and every answer is JSON.
    const headers: Record<string, string> = {...this._headers, ...extraHeaders};
    let body: string | FormData | undefined;
    if (request.form) {
      body = request.form;
    } else if (request.json !== undefined) {
      // Only with a body: on a browser GET it would force a CORS preflight per request.
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const url = this.apiBase + request.path + queryString(request.query);

    const timeout = new AbortController();
    const timer =
      this._timeoutMs > 0 ? setTimeout(() => timeout.abort(), this._timeoutMs) : undefined;
    const combined = anySignal([signal, timeout.signal]);
    let response: Response;
    let text: string;
    try {
      this._stats.requests++;
      response = await this._fetch(url, {
        method: request.method,
        headers,
        body,
        signal: combined.signal,
        // Never followed where anything rides along, and never used: see redirectMode.
        redirect: redirectMode(headers),
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal.reason);
      if (timeout.signal.aborted) {
        throw new CatalogError({
          status: 0,
          code: 'TIMEOUT',
          message: `No complete response within ${this._timeoutMs} ms.`,
          cause: error,
        });
      }
      throw new CatalogError({
        status: 0,
        code: 'NETWORK_ERROR',
        message: `The request to ${url} failed (network error).`,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      combined.dispose();
    }
    return this._interpret(request, response, text);
  }

  private _interpret(request: HttpRequest, response: Response, text: string): unknown {
    // A browser shows a redirect as an opaque response with status 0; Node shows the 3xx.
    const {status} = response;
    const redirected = response.redirected || response.type == 'opaqueredirect';
    if (redirected || (status > 299 && status < 400 && status != 304)) {
      throw new CatalogError({
        // A followed redirect's status is the target's: 0 like the browser's opaque redirect.
        status: response.redirected ? 0 : status,
        code: 'REDIRECT',
        message: `Redirect from ${request.path} not followed.`,
      });
    }
    const html = isHtml(response.headers.get('content-type') ?? '', text);
    let json: unknown;
    let parsed = false;
    if (!html && text.trim()) {
      try {
        json = JSON.parse(text);
        parsed = true;
      } catch {
        parsed = false;
      }
    }
    if (!response.ok) {
      const bodyKind = parsed ? 'json' : html ? 'html' : text.trim() ? 'text' : 'empty';
      throw errorFromResponse(response.status, parsed ? json : text.slice(0, 500) || undefined, {
        bodyKind,
        notFoundCode: request.notFoundCode,
        retryAfterMs: this._retryAfter(response.headers.get('retry-after')),
      });
    }
    if (!parsed) {
      const what = html
        ? 'an HTML page'
        : text.trim()
          ? 'a body that is not JSON'
          : 'an empty body';
      throw invalidResponse(
        `Expected JSON from ${request.path} but got ${what}.`,
        response.status,
        {
          body: text.slice(0, 500),
        },
      );
    }
    return json;
  }

  /** `Retry-After` in milliseconds: delta-seconds or an HTTP date. */
  private _retryAfter(value: string | null): number | undefined {
    if (!value) return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - this._now());
  }
}
/**
 * `manual` whenever a header rides along (the client's secrets, the caller's own headers) or
 * outside a page, so nothing goes where a redirect points. A page's header-less GET carries
 * nothing a redirect could leak, and Firefox hands a `<link rel=preload as=fetch>` response only
 * to a fetch() that follows redirects (as it hands none to one that sets headers): it is followed
 * and its answer refused with `REDIRECT` all the same (see `_interpret`).
 */
function redirectMode(headers: Record<string, string>): RequestRedirect {
  const page = typeof document === 'object';
  return page && !Object.keys(headers).length ? 'follow' : 'manual';
}

function nonNegative(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw badRequest(`${name} must be a non-negative number (got ${String(value)}).`);
  }
  return value;
}
