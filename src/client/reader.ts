import {isSnapshotEntry, type CacheListener, type CacheSnapshotEntry} from './cache.js';
import {
  deepFreeze,
  normalizeMedia,
  normalizeMediaGroupList,
  normalizeMediaList,
} from './normalize.js';
import {readerConfig} from './options.js';
import {groupListPath, mediaListPath, mediaPath, queryString} from './paths.js';
import {ReadStore, type ClientStats} from './store.js';
import type {
  CatalogReaderOptions,
  ListMediaGroupsParams,
  ListMediaParams,
  Media,
  MediaGroupList,
  MediaList,
  MediaSelector,
  MediaRequestOptions,
  RequestOptions,
} from './types.js';
import {
  validateListGroupsParams,
  validateListMediaParams,
  validateMerchant,
  validateSelector,
} from './validate.js';

export {CLIENT_DEFAULTS, normalizeApiBase} from './options.js';
export type {ClientStats} from './store.js';

/** Selects a media entry for {@link CatalogReader.subscribe}. */
export type MediaEntrySelector = {merchant: string} & MediaSelector;

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

  private readonly _store: ReadStore;

  /**
   * @param store only for {@link CatalogClient}, which brings a store whose transport adds
   * its credentials; `options` are then those of `store._config`.
   * @throws {CatalogError} `BAD_REQUEST` for an invalid option.
   */
  constructor(options: CatalogReaderOptions, store?: ReadStore) {
    store ??= new ReadStore(readerConfig(options, new.target === CatalogReader));
    this.apiBase = store._config.apiBase;
    this.assetBase = store._config.assetBase;
    this._store = store;
  }
  // ---- reads ---------------------------------------------------------------------------

  /**
   * Retrieves one media by id or reference id (`/medias/ref:<ref_id>`).
   * @throws {CatalogError} `MEDIA_NOT_FOUND`, `GEO_RULE`, `UNAUTHORIZED`, ...
   */
  async getMedia(
    merchant: string,
    selector: MediaSelector,
    options: MediaRequestOptions = {},
  ): Promise<Media> {
    const m = validateMerchant(merchant);
    const path = mediaPath(m, validateSelector(selector));
    return this._store.get<Media>(
      {
        method: 'GET',
        merchant: m,
        path,
        notFoundCode: 'MEDIA_NOT_FOUND',
        key: path,
        kind: 'media',
        parse: (json) => normalizeMedia(json, {assetBase: this.assetBase, merchant: m}),
        store: (media) => this._store._storeMedia(m, media, path),
        waitForLists: options.waitForLists,
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
    const path = mediaListPath(m);
    const key = path + queryString(query);
    return this._store.get<MediaList>(
      {
        method: 'GET',
        merchant: m,
        path,
        query,
        key,
        kind: 'media-list',
        parse: (json) => normalizeMediaList(json, {assetBase: this.assetBase, merchant: m}),
        store: (list) => {
          for (const media of list.medias) this._store._storeMedia(m, media);
          this._store._cache?.set(key, 'media-list', m, list);
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
    const path = groupListPath(m);
    const key = path + queryString(query);
    return this._store.get<MediaGroupList>(
      {
        method: 'GET',
        merchant: m,
        path,
        query,
        key,
        kind: 'group-list',
        parse: (json) => normalizeMediaGroupList(json, {assetBase: this.assetBase, merchant: m}),
        store: (list) => this._store._cache?.set(key, 'group-list', m, list),
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
    return this._peek(() => this.cacheKey('getMedia', merchant, selector)) as Media | undefined;
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
    const cache = this._store._cache;
    if (!cache) return [];
    return [...cache.entries()]
      .filter((entry) => cache.freshness(entry))
      .map(({refreshFailedAt: _, ...entry}) => entry);
  }

  /**
   * Stores entries of a {@link CatalogReader.snapshot} as if fetched at their own time (never
   * later than now), so their freshness is honest. Entries that are not well-formed are skipped.
   */
  prime(entries: readonly CacheSnapshotEntry[]): void {
    const cache = this._store._cache;
    if (!cache || !Array.isArray(entries)) return;
    const now = this._store._config.now();
    for (const entry of entries) {
      if (!isSnapshotEntry(entry)) continue;
      const storedAt = Math.min(entry.storedAt, now);
      cache.set(entry.key, entry.kind, entry.merchant, deepFreeze(entry.value), storedAt);
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
    const resolved = typeof key === 'string' ? key : this.cacheKey('getMedia', key.merchant, key);
    return this._store._cache ? this._store._cache.subscribe(resolved, listener) : () => {};
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
    if (call === 'listMedia') return mediaListPath(m) + queryString(validateListMediaParams(arg));
    return groupListPath(m) + queryString(validateListGroupsParams(arg));
  }

  /** Forgets every cached response; requests in flight do not refill it. For tests. */
  clear(): void {
    this._store.clear();
  }

  /** Request and cache counters since the client was made. */
  stats(): ClientStats {
    return {...this._store._stats};
  }

  private _peek(key: () => string): unknown {
    try {
      return this._store._cache?.peek(key())?.value;
    } catch {
      return undefined;
    }
  }
}
