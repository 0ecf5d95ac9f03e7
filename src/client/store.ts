import {ResponseCache, type CacheEntry, type EntryKind} from './cache.js';
import {abortedError, CatalogError} from './errors.js';
import type {ReaderConfig} from './options.js';
import {mediaPath} from './paths.js';
import {waitFor} from './signals.js';
import {Transport, type Authorizer, type HttpRequest, type RetryControl} from './transport.js';
import type {Media} from './types.js';

/**
 * The first media reads of a turn ask at once, without waiting for a list in flight. Measured
 * on a slow phone (docs/performance.md): a card beside a gallery that does not bring its
 * media is ready a round trip sooner, while one the gallery brings costs one more request (a
 * caching proxy answers it from its cache) and no time. With the list's, these fit in a
 * browser's six connections per origin (HTTP/1.1), so none queues; the reads after them wait.
 */
const ASK_AT_ONCE_READS = 4;

/**
 * After a failed background refresh, the stale value is served this long (at most the ttl)
 * before trying again.
 */
const MAX_REFRESH_BACKOFF_MS = 30_000;

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

/** One cacheable GET: the request, where its answer is kept, how it is read and kept. */
export interface Read<V = unknown> extends HttpRequest {
  key: string;
  kind: EntryKind;
  parse(json: unknown): V;
  store(value: V): void;
  /** A media read's choice (see `MediaRequestOptions`); unset, the store's rule. */
  waitForLists?: boolean;
}

interface Turn {
  ended: Promise<void>;
  reads: number;
}

interface SharedGet {
  promise: Promise<unknown>;
  waiters: number;
  /** A background refresh runs to the end whoever waits. */
  keepAlive: boolean;
  sleeper: AbortController | undefined;
}

/**
 * The GET path: the cache (fresh, stale with a background refresh), one request in flight per
 * resource however many callers ask (single-flight), and media reads that wait for a list that
 * may bring them. Results are kept only when no mutation began meanwhile (`generations`).
 */
export class ReadStore {
  readonly _cache: ResponseCache | undefined;
  /** Per-merchant mutation counter: a GET stores its result only if none began meanwhile. */
  readonly _generations = new Map<string, number>();
  /** Request and cache counters; the transport counts its requests here. */
  readonly _stats: ClientStats = {requests: 0, freshHits: 0, staleHits: 0, deduplicated: 0};
  /** How the store asks; {@link CatalogClient} sends its mutations through it too. */
  readonly _transport: Transport;
  readonly _config: ReaderConfig;
  private readonly _inflight = new Map<string, SharedGet>();
  /** Media lists in flight per merchant: a media read that misses waits for them first. */
  private readonly _listsInFlight = new Map<string, Set<Promise<unknown>>>();
  /** The media reads asked in this macrotask, and its end. */
  private _turn: Turn | undefined;
  /** Bumped by `clear()`, so requests in flight then do not refill the cache. */
  private _epoch = 0;

  /**
   * With `config.cache` undefined (`cache: false`), every call asks the server. `auth` adds
   * credentials to every request (see {@link Authorizer}).
   */
  constructor(config: ReaderConfig, auth?: Authorizer) {
    this._config = config;
    this._transport = new Transport(config, this._stats, auth);
    this._cache = config.cache && new ResponseCache(config.cache);
  }

  /** The answer of a GET: from the cache, the same request in flight, or a new request. */
  async get<V>(spec: Read<V>, signal: AbortSignal | undefined, listsAwaited = false): Promise<V> {
    if (signal?.aborted) throw abortedError(signal.reason);
    if (!this._cache) {
      return spec.parse(await this._transport._request(spec, {signal, retry: true}));
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
      await this._settleLists(spec.merchant, signal, spec.waitForLists);
      return this.get(spec, signal, true);
    }
    const shared = this._shared(spec, false);
    if (shared.waiters > 0) this._stats.deduplicated++;
    shared.waiters++;
    return waitFor(shared.promise as Promise<V>, signal, () => {
      shared.waiters--;
      if (shared.waiters === 0 && !shared.keepAlive && shared.sleeper) {
        // Nobody waits and nothing is on the wire: stop retrying, and let the next caller
        // start afresh rather than join a request that is about to give up.
        for (const [key, value] of this._inflight) {
          if (value === shared) this._inflight.delete(key);
        }
        shared.sleeper.abort();
      }
    });
  }

  /** Stores a media under its id, its ref id and the key it was asked by. */
  _storeMedia(merchant: string, media: Media, requestedKey?: string): void {
    const {_cache: cache} = this;
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

  /** Forgets every cached response; requests in flight do not refill it. */
  clear(): void {
    this._epoch++;
    this._inflight.clear();
    this._cache?.clear();
  }

  private _generation(merchant: string): string {
    return `${this._epoch}.${this._generations.get(merchant) ?? 0}`;
  }

  /**
   * Waits until no media list of the merchant is in flight, unless the read asks at once: as
   * the caller says (`wait`), else when it is one of the first few of its turn. Those go beside
   * the list's request, however long the turn's task runs (rendering a page's elements on a
   * slow phone takes hundreds of ms). The others wait for the turn's end (one macrotask, so a
   * list placed after the cards in the document is on the wire by then) and then for the
   * lists. A list's failure is the list's.
   */
  private async _settleLists(
    merchant: string,
    signal: AbortSignal | undefined,
    wait: boolean | undefined,
  ): Promise<void> {
    const turn = this._currentTurn();
    const first = ++turn.reads <= ASK_AT_ONCE_READS;
    if (!(wait ?? !first)) return;
    await waitFor(turn.ended, signal);
    let lists = this._listsInFlight.get(merchant);
    while (lists?.size) {
      await waitFor(Promise.allSettled([...lists]), signal);
      lists = this._listsInFlight.get(merchant);
    }
  }

  private _currentTurn(): Turn {
    if (!this._turn) {
      let end!: () => void;
      const turn: Turn = {ended: new Promise<void>((resolve) => (end = resolve)), reads: 0};
      setTimeout(() => {
        this._turn = undefined;
        end();
      }, 0);
      this._turn = turn;
    }
    return this._turn;
  }

  /** Starts one background refresh of a stale entry; the stale value stays on failure. */
  private _revalidate<V>(spec: Read<V>, entry: CacheEntry) {
    const {_config: config} = this;
    if (
      entry.refreshFailedAt !== undefined &&
      config.now() - entry.refreshFailedAt < Math.min(config.cache!.ttlMs, MAX_REFRESH_BACKOFF_MS)
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
      entry.refreshFailedAt = config.now();
    });
  }

  /** The in-flight GET for this key and generation, started if there is none. */
  private _shared<V>(spec: Read<V>, keepAlive: boolean): SharedGet {
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
        const json = await this._transport._request(spec, {retry: true, control});
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
}
