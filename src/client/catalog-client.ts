import {ResponseCache, type CacheEntry, type CacheListener, type EntryKind} from './cache.js';
import {
  abortedError,
  badRequest,
  CatalogError,
  errorFromResponse,
  invalidResponse,
} from './errors.js';
import {
  normalizeAuthToken,
  normalizeMedia,
  normalizeMediaGroupList,
  normalizeMediaList,
  type NormalizeContext,
} from './normalize.js';
import {anySignal, defaultSleep, waitFor} from './signals.js';
import type {
  AuthToken,
  CatalogClientOptions,
  Credentials,
  ListMediaGroupsParams,
  ListMediaParams,
  Media,
  MediaGroupList,
  MediaList,
  MediaPatch,
  MediaSelector,
  RequestOptions,
} from './types.js';
import {
  validateCredentials,
  validateListGroupsParams,
  validateListMediaParams,
  validateMerchant,
  validatePatch,
  validateSelector,
  type Query,
  type Selector,
} from './validate.js';

/** Defaults of {@link CatalogClientOptions}. */
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

/** A token is refreshed this long before it expires, so no request goes out with a dying one. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;
/** After a failed background refresh, the stale value is served this long before trying again. */
const MAX_REFRESH_BACKOFF_MS = 30_000;

/** Selects a media entry for {@link CatalogClient.subscribe}. */
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

interface HttpRequest {
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  merchant: string;
  path: string;
  query?: Query;
  json?: unknown;
  form?: FormData;
  /** False for the token request itself. */
  authorize: boolean;
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

interface TokenState {
  token: string;
  refreshAt: number;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function merchantPath(merchant: string): string {
  return `/v1/merchants/${enc(merchant)}`;
}

function mediaPath(merchant: string, selector: Selector): string {
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
 * The SmartSTREAM Catalog API client: typed, cached, deduplicating, retrying.
 *
 * Runs unchanged in browsers and Node 20. In a browser, give it only `apiBase` (a proxy or
 * the mock): `apiKey` and `credentials` are secrets for server-side use.
 *
 * Every failure is a {@link CatalogError}. Returned objects are frozen: the cache shares them.
 */
export class CatalogClient {
  /** The normalized `apiBase`. */
  readonly apiBase: string;
  /** The normalized `assetBase` that relative image paths resolve against. */
  readonly assetBase: string;

  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;
  readonly #apiKey: string | undefined;
  readonly #credentials: Credentials | undefined;
  readonly #timeoutMs: number;
  readonly #retry: Required<NonNullable<Exclude<CatalogClientOptions['retry'], false>>>;
  readonly #cache: ResponseCache | undefined;
  readonly #refreshBackoffMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #random: () => number;

  readonly #inflight = new Map<string, SharedGet>();
  /** Media lists in flight per merchant: a media read that misses waits for them first. */
  readonly #listsInFlight = new Map<string, Set<Promise<unknown>>>();
  /** The next macrotask, shared by every read that waits in this one: they go on together. */
  #turn: Promise<void> | undefined;
  /** Per-merchant mutation counter: a GET stores its result only if none began meanwhile. */
  readonly #generations = new Map<string, number>();
  /** Bumped by `clear()`, so requests in flight then do not refill the cache. */
  #epoch = 0;
  readonly #tokens = new Map<string, TokenState>();
  readonly #tokenRefreshes = new Map<string, Promise<string>>();
  readonly #stats: ClientStats = {requests: 0, freshHits: 0, staleHits: 0, deduplicated: 0};

  /** @throws {CatalogError} `BAD_REQUEST` for an invalid option. */
  constructor(options: CatalogClientOptions) {
    if (!options || typeof options !== 'object') throw badRequest('options must be an object.');
    this.apiBase = normalizeApiBase(options.apiBase);
    this.assetBase =
      options.assetBase === undefined
        ? new URL(this.apiBase).origin
        : normalizeApiBase(options.assetBase, 'assetBase');
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw badRequest('fetch must be a function.');
    }
    // Called through a wrapper: a bare `fetch` reference called as a method throws "Illegal invocation".
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#headers = {...options.headers};
    this.#apiKey = options.apiKey || undefined;
    this.#credentials =
      options.credentials === undefined ? undefined : validateCredentials(options.credentials);
    this.#timeoutMs = nonNegative(options.timeoutMs, 'timeoutMs', CLIENT_DEFAULTS.timeoutMs);
    const retry = options.retry === false ? {retries: 0} : (options.retry ?? {});
    this.#retry = {
      retries: nonNegative(retry.retries, 'retry.retries', CLIENT_DEFAULTS.retries),
      baseDelayMs: nonNegative(retry.baseDelayMs, 'retry.baseDelayMs', CLIENT_DEFAULTS.baseDelayMs),
      maxDelayMs: nonNegative(retry.maxDelayMs, 'retry.maxDelayMs', CLIENT_DEFAULTS.maxDelayMs),
      maxRetryAfterMs: nonNegative(
        retry.maxRetryAfterMs,
        'retry.maxRetryAfterMs',
        CLIENT_DEFAULTS.maxRetryAfterMs,
      ),
    };
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#random = options.random ?? Math.random;
    if (options.cache === false) {
      this.#cache = undefined;
      this.#refreshBackoffMs = 0;
    } else {
      const cache = options.cache ?? {};
      const ttlMs = nonNegative(cache.ttlMs, 'cache.ttlMs', CLIENT_DEFAULTS.ttlMs);
      this.#cache = new ResponseCache({
        ttlMs,
        staleMs: nonNegative(cache.staleMs, 'cache.staleMs', CLIENT_DEFAULTS.staleMs),
        maxEntries: Math.max(
          1,
          nonNegative(cache.maxEntries, 'cache.maxEntries', CLIENT_DEFAULTS.maxEntries),
        ),
        now: this.#now,
      });
      this.#refreshBackoffMs = Math.min(ttlMs, MAX_REFRESH_BACKOFF_MS);
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
    return this.#get<Media>(
      {
        key: path,
        kind: 'media',
        merchant: m,
        request: {
          method: 'GET',
          merchant: m,
          path,
          authorize: true,
          notFoundCode: 'MEDIA_NOT_FOUND',
        },
        parse: (json) => normalizeMedia(json, this.#context(m)),
        store: (media) => this.#storeMedia(m, media, path),
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
    return this.#get<MediaList>(
      {
        key,
        kind: 'media-list',
        merchant: m,
        request: {method: 'GET', merchant: m, path, query, authorize: true},
        parse: (json) => normalizeMediaList(json, this.#context(m)),
        store: (list) => {
          for (const media of list.medias) this.#storeMedia(m, media);
          this.#cache?.set(key, 'media-list', m, list);
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
    return this.#get<MediaGroupList>(
      {
        key,
        kind: 'group-list',
        merchant: m,
        request: {method: 'GET', merchant: m, path, query, authorize: true},
        parse: (json) => normalizeMediaGroupList(json, this.#context(m)),
        store: (list) => this.#cache?.set(key, 'group-list', m, list),
      },
      options.signal,
    );
  }

  // ---- mutations -----------------------------------------------------------------------

  /**
   * Edits a media (`PUT`). The body is JSON, or `multipart/form-data` when `thumbnail_image`
   * or `poster_image` is a `Blob`/`File`. Afterwards the cache holds the returned media and
   * the merchant's media lists are invalidated. Never retried.
   */
  async updateMedia(
    merchant: string,
    selector: MediaSelector,
    patch: MediaPatch,
    options: RequestOptions = {},
  ): Promise<Media> {
    const m = validateMerchant(merchant);
    const sel = validateSelector(selector);
    const {fields, files} = validatePatch(patch);
    const request: HttpRequest = {
      method: 'PUT',
      merchant: m,
      path: mediaPath(m, sel),
      authorize: true,
      notFoundCode: 'MEDIA_NOT_FOUND',
    };
    if (Object.keys(files).length) {
      request.form = toFormData(fields, files);
    } else {
      request.json = fields;
    }
    return this.#mutate(m, sel, request, options.signal, 'update');
  }

  /** Deletes a media. Afterwards its entries and the merchant's media lists are invalidated. */
  async deleteMedia(
    merchant: string,
    selector: MediaSelector,
    options: RequestOptions = {},
  ): Promise<Media> {
    const m = validateMerchant(merchant);
    const sel = validateSelector(selector);
    const request: HttpRequest = {
      method: 'DELETE',
      merchant: m,
      path: mediaPath(m, sel),
      authorize: true,
      notFoundCode: 'MEDIA_NOT_FOUND',
    };
    try {
      return await this.#mutate(m, sel, request, options.signal, 'delete');
    } catch (error) {
      // The reference documents MEDIA_GROUP_NOT_FOUND here where MEDIA_NOT_FOUND is meant.
      if (CatalogError.is(error) && error.code === 'MEDIA_GROUP_NOT_FOUND') {
        throw new CatalogError({
          status: error.status,
          code: 'MEDIA_NOT_FOUND',
          message: error.message,
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * Obtains an access token (`POST /auth-token/`). The client also uses it for this
   * merchant's later requests. Server-side use only: the credentials are secrets.
   */
  async authenticate(
    merchant: string,
    credentials: Credentials,
    options: RequestOptions = {},
  ): Promise<AuthToken> {
    const m = validateMerchant(merchant);
    const creds = validateCredentials(credentials);
    const token = await this.#obtainToken(m, creds, options.signal);
    return {token: token.token, expiration: token.expiration};
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
    return this.#cache?.peek(key)?.value as Media | undefined;
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
   * invalidated. `key` is a media selector or a key from {@link CatalogClient.cacheKey}.
   * @returns a function that unsubscribes.
   */
  subscribe(key: string | MediaEntrySelector, listener: CacheListener): () => void {
    const resolved =
      typeof key === 'string'
        ? key
        : mediaPath(validateMerchant(key.merchant), validateSelector(key));
    return this.#cache ? this.#cache.subscribe(resolved, listener) : () => {};
  }

  /**
   * The cache key of a call, for {@link CatalogClient.subscribe}: an element showing a list
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
    this.#epoch++;
    this.#inflight.clear();
    this.#cache?.clear();
  }

  /** Request and cache counters since the client was made. */
  stats(): ClientStats {
    return {...this.#stats};
  }

  // ---- GET path: cache, deduplication ---------------------------------------------------

  #context(merchant: string): NormalizeContext {
    return {assetBase: this.assetBase, merchant};
  }

  #generation(merchant: string): string {
    return `${this.#epoch}.${this.#generations.get(merchant) ?? 0}`;
  }

  async #get<V>(
    spec: GetSpec<V>,
    signal: AbortSignal | undefined,
    listsAwaited = false,
  ): Promise<V> {
    if (signal?.aborted) throw abortedError(signal.reason);
    if (!this.#cache) {
      return spec.parse(await this.#request(spec.request, {signal, retry: true}));
    }
    const hit = this.#cache.lookup(spec.key);
    if (hit) {
      if (hit.freshness === 'fresh') {
        this.#stats.freshHits++;
      } else {
        this.#stats.staleHits++;
        this.#revalidate(spec, hit.entry);
      }
      return hit.entry.value as V;
    }
    if (spec.kind === 'media' && !listsAwaited) {
      // A list of the merchant may bring this media: a card next to a gallery costs nothing.
      await this.#settleLists(spec.merchant, signal);
      return this.#get(spec, signal, true);
    }
    const shared = this.#shared(spec, false);
    if (shared.waiters > 0) this.#stats.deduplicated++;
    shared.waiters++;
    return waitFor(shared.promise as Promise<V>, signal, () => {
      shared.waiters--;
      if (shared.waiters === 0 && !shared.keepAlive && shared.sleeper) {
        // Nobody waits and nothing is on the wire: stop retrying, and let the next caller
        // start afresh rather than join a request that is about to give up.
        this.#forget(shared);
        shared.sleeper.abort();
      }
    });
  }

  /**
   * Waits until no media list of the merchant is in flight. Elements that start together (a
   * page's cards and its gallery) start their requests in one turn, in document order, so the
   * wait begins with one macrotask: a list placed after the cards is on the wire by then.
   * A list's failure is the list's; the media read goes on.
   */
  async #settleLists(merchant: string, signal: AbortSignal | undefined): Promise<void> {
    await waitFor(this.#nextTurn(), signal);
    let lists = this.#listsInFlight.get(merchant);
    while (lists?.size) {
      await waitFor(Promise.allSettled([...lists]), signal);
      lists = this.#listsInFlight.get(merchant);
    }
  }

  #nextTurn(): Promise<void> {
    this.#turn ??= new Promise((resolve) =>
      setTimeout(() => {
        this.#turn = undefined;
        resolve();
      }, 0),
    );
    return this.#turn;
  }

  /** Starts one background refresh of a stale entry; the stale value stays on failure. */
  #revalidate<V>(spec: GetSpec<V>, entry: CacheEntry) {
    if (
      entry.refreshFailedAt !== undefined &&
      this.#now() - entry.refreshFailedAt < this.#refreshBackoffMs
    ) {
      return;
    }
    this.#shared(spec, true).promise.catch((error: unknown) => {
      if (CatalogError.is(error) && error.status === 404 && this.#cache?.peek(spec.key) === entry) {
        // Gone on the server: serving it stale would hide that, so drop it and tell subscribers.
        this.#cache.delete(spec.key);
        return;
      }
      entry.refreshFailedAt = this.#now();
    });
  }

  #forget(shared: SharedGet) {
    for (const [key, value] of this.#inflight) {
      if (value === shared) this.#inflight.delete(key);
    }
  }

  /** The in-flight GET for this key and generation, started if there is none. */
  #shared<V>(spec: GetSpec<V>, keepAlive: boolean): SharedGet {
    const generation = this.#generation(spec.merchant);
    const inflightKey = `${generation} ${spec.key}`;
    const existing = this.#inflight.get(inflightKey);
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
        const json = await this.#request(spec.request, {retry: true, control});
        const value = spec.parse(json);
        // A mutation (or clear) since this request began makes its result possibly older
        // than what the client knows: hand it to the callers that asked, but do not keep it.
        if (this.#generation(spec.merchant) === generation) spec.store(value);
        return value;
      } finally {
        if (this.#inflight.get(inflightKey) === shared) this.#inflight.delete(inflightKey);
      }
    })();
    // Every waiter may have left; the rejection is theirs, not unhandled.
    shared.promise.catch(() => {});
    this.#inflight.set(inflightKey, shared);
    if (spec.kind === 'media-list') this.#trackList(spec.merchant, shared.promise);
    return shared;
  }

  #trackList(merchant: string, promise: Promise<unknown>) {
    const lists = this.#listsInFlight.get(merchant) ?? new Set();
    this.#listsInFlight.set(merchant, lists);
    lists.add(promise);
    const done = () => {
      lists.delete(promise);
      if (!lists.size && this.#listsInFlight.get(merchant) === lists) {
        this.#listsInFlight.delete(merchant);
      }
    };
    promise.then(done, done);
  }

  #storeMedia(merchant: string, media: Media, requestedKey?: string) {
    const cache = this.#cache;
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

  // ---- mutations ------------------------------------------------------------------------

  async #mutate(
    merchant: string,
    selector: Selector,
    request: HttpRequest,
    signal: AbortSignal | undefined,
    kind: 'update' | 'delete',
  ): Promise<Media> {
    const selectedKey = mediaPath(merchant, selector);
    const cachedId = (this.#cache?.peek(selectedKey)?.value as Media | undefined)?.id;
    this.#bumpGeneration(merchant);
    let media: Media | undefined;
    try {
      media = normalizeMedia(
        await this.#request(request, {signal, retry: false}),
        this.#context(merchant),
      );
      return media;
    } finally {
      // Also after a failure: the server may have applied the change before the error.
      this.#bumpGeneration(merchant);
      this.#afterMutation(
        merchant,
        selectedKey,
        [cachedId, media?.id],
        kind === 'update' ? media : undefined,
      );
    }
  }

  #bumpGeneration(merchant: string) {
    this.#generations.set(merchant, (this.#generations.get(merchant) ?? 0) + 1);
  }

  #afterMutation(
    merchant: string,
    selectedKey: string,
    ids: (string | undefined)[],
    updated?: Media,
  ) {
    const cache = this.#cache;
    if (!cache) return;
    const mediaIds = new Set(ids.filter((id): id is string => !!id));
    const keep = new Set<string>();
    if (updated) {
      // Stored first, so a card subscribed to the media gets the new value, never an
      // `undefined` that would make it fetch again.
      this.#storeMedia(merchant, updated, selectedKey);
      keep.add(mediaPath(merchant, {kind: 'id', value: updated.id}));
      if (updated.ref_id) keep.add(mediaPath(merchant, {kind: 'refId', value: updated.ref_id}));
      keep.add(selectedKey);
    }
    cache.deleteWhere(
      (entry) =>
        entry.merchant === merchant &&
        (entry.kind === 'media-list' ||
          (entry.kind === 'media' &&
            !keep.has(entry.key) &&
            (entry.key === selectedKey || mediaIds.has((entry.value as Media).id)))),
    );
  }

  // ---- HTTP: retries, tokens, one attempt -----------------------------------------------

  async #request(
    request: HttpRequest,
    options: {signal?: AbortSignal; retry: boolean; control?: RetryControl},
  ): Promise<unknown> {
    const {signal, control} = options;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#authorizedAttempt(request, signal);
      } catch (error) {
        if (!CatalogError.is(error) || !options.retry || request.method !== 'GET') throw error;
        if (attempt >= this.#retry.retries || !isRetryable(error)) throw error;
        if (signal?.aborted) throw abortedError(signal.reason);
        if (control && !control.active()) throw error;
        const delay = this.#backoff(attempt, error);
        if (delay === undefined) throw error;
        const sleeper = new AbortController();
        control?.setSleeper(sleeper);
        const combined = anySignal([signal, sleeper.signal]);
        try {
          // Raced with the signal too, so an injected sleep that ignores it cannot delay an abort.
          await waitFor(this.#sleep(delay, combined.signal), combined.signal);
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
  #backoff(attempt: number, error: CatalogError): number | undefined {
    if (error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= this.#retry.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    const ceiling = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** attempt);
    return Math.floor(this.#random() * ceiling);
  }

  async #authorizedAttempt(
    request: HttpRequest,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    if (!request.authorize) return this.#attempt(request, undefined, signal);
    let token = this.#credentials
      ? await waitFor(this.#validToken(request.merchant), signal)
      : this.#tokens.get(request.merchant)?.token;
    try {
      return await this.#attempt(request, token, signal);
    } catch (error) {
      if (!token || !this.#credentials || !CatalogError.is(error) || error.status !== 401)
        throw error;
      // Refresh once and retry once; a second 401 means the credentials themselves fail.
      token = await waitFor(this.#tokenAfter401(request.merchant, token), signal);
      return this.#attempt(request, token, signal);
    }
  }

  #validToken(merchant: string): Promise<string> {
    const state = this.#tokens.get(merchant);
    if (state && this.#now() < state.refreshAt) return Promise.resolve(state.token);
    return this.#refreshToken(merchant);
  }

  #tokenAfter401(merchant: string, rejected: string): Promise<string> {
    const state = this.#tokens.get(merchant);
    // Another request already replaced the rejected token: use the new one.
    if (state && state.token !== rejected && this.#now() < state.refreshAt) {
      return Promise.resolve(state.token);
    }
    if (state?.token === rejected) this.#tokens.delete(merchant);
    return this.#refreshToken(merchant);
  }

  /** One token request per merchant at a time, however many requests wait for it. */
  #refreshToken(merchant: string): Promise<string> {
    let pending = this.#tokenRefreshes.get(merchant);
    if (!pending) {
      pending = this.#obtainToken(merchant, this.#credentials!, undefined)
        .then((token) => token.token)
        .finally(() => this.#tokenRefreshes.delete(merchant));
      this.#tokenRefreshes.set(merchant, pending);
    }
    return pending;
  }

  async #obtainToken(merchant: string, credentials: Credentials, signal: AbortSignal | undefined) {
    const json = await this.#request(
      {
        method: 'POST',
        merchant,
        path: `${merchantPath(merchant)}/auth-token/`,
        json: {mail_address: credentials.mail_address, password: credentials.password},
        authorize: false,
      },
      {signal, retry: false},
    );
    const token = normalizeAuthToken(json);
    const now = this.#now();
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, Math.max(0, (token.expiresAt - now) / 2));
    this.#tokens.set(merchant, {token: token.token, refreshAt: token.expiresAt - margin});
    return token;
  }

  /** One HTTP exchange under the time-out, combined with the caller's signal. */
  async #attempt(request: HttpRequest, token: string | undefined, signal: AbortSignal | undefined) {
    const headers: Record<string, string> = {Accept: 'application/json', ...this.#headers};
    if (this.#apiKey) headers['X-Streaks-Api-Key'] = this.#apiKey;
    if (token) headers.Authorization = `Bearer ${token}`;
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
      this.#timeoutMs > 0 ? setTimeout(() => timeout.abort(), this.#timeoutMs) : undefined;
    const combined = anySignal([signal, timeout.signal]);
    let response: Response;
    let text: string;
    try {
      this.#stats.requests++;
      response = await this.#fetch(url, {
        method: request.method,
        headers,
        body,
        signal: combined.signal,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal.reason);
      if (timeout.signal.aborted) {
        throw new CatalogError({
          status: 0,
          code: 'TIMEOUT',
          message: `No complete response within ${this.#timeoutMs} ms.`,
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
    return this.#interpret(request, response, text);
  }

  #interpret(request: HttpRequest, response: Response, text: string): unknown {
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
        retryAfterMs: this.#retryAfter(response.headers.get('retry-after')),
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
  #retryAfter(value: string | null): number | undefined {
    if (!value) return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - this.#now());
  }
}

function nonNegative(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw badRequest(`${name} must be a non-negative number (got ${String(value)}).`);
  }
  return value;
}

/** Multipart body in the Rails convention the API follows: arrays as `key[]`, objects as JSON. */
function toFormData(fields: Record<string, unknown>, files: Record<string, Blob>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) {
      form.append(key, '');
    } else if (Array.isArray(value)) {
      for (const item of value) form.append(`${key}[]`, String(item));
    } else if (typeof value === 'object') {
      form.append(key, JSON.stringify(value));
    } else {
      form.append(key, String(value));
    }
  }
  for (const [key, blob] of Object.entries(files)) {
    const name = (blob as Blob & {name?: string}).name || key;
    form.append(key, blob, name);
  }
  return form;
}
