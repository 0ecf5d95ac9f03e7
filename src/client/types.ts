/**
 * Models of the SmartSTREAM Catalog API, as the client returns them: the API's own field
 * names, with the reference's quirks normalized away (see `normalize.ts`).
 *
 * Returned objects are frozen because the cache shares them between every caller.
 */

import type {GeoCode, PublishStatus} from '../api/index.js';

export {GEO_CODES, PUBLISH_STATUSES} from '../api/index.js';
export type {GeoCode, PublishStatus};

/** A poster or thumbnail. `src` is always an absolute `http:` or `https:` URL. */
export interface ImageRef {
  readonly src: string;
}

/** A subtitle or caption track of a media. */
export interface TextTrack {
  /** `subtitles`, `captions`, ... (empty when the API sent none). */
  readonly kind: string;
  /** BCP 47 language tag such as `ja` (empty when the API sent none). */
  readonly lang: string;
  readonly mime_type: string | null;
  /** Absolute `http:`/`https:` URL, or `null` when the API sent none or an unsafe one. */
  readonly src: string | null;
  readonly label?: string;
}

/**
 * A media a script hands to `<ss-media-card>`'s `media` property: only `id` is required; the
 * card reads it like an API answer (missing arrays empty, image paths made absolute).
 */
export type MediaInput = Partial<Media> & Pick<Media, 'id'>;

/** A media (video or live event), as returned by Retrieve Media, the list, Edit and Delete. */
export interface Media {
  readonly merchant_id: string;
  readonly id: string;
  readonly ref_id: string | null;
  readonly live_event_id: string | null;
  readonly name: string;
  readonly description: string;
  /** Milliseconds; `null` for live media. */
  readonly duration: number | null;
  /** `file`, `live`, `scheduled live` or `null`. */
  readonly encode_type: string | null;
  /** Always an object (`{}` when the API sent none). */
  readonly custom_fields: Readonly<Record<string, unknown>>;
  /** Always an array, lower-case (the reference types it as a string). */
  readonly publish_geo_rule: readonly string[];
  readonly poster: ImageRef | null;
  /** Always present; the reference's `thumbnaill` spelling is read too. */
  readonly thumbnail: ImageRef | null;
  readonly seek_preview_config: unknown;
  /** Always an array of strings. */
  readonly tags: readonly string[];
  readonly offline_enabled: boolean;
  /** Always an array. */
  readonly text_tracks: readonly TextTrack[];
  readonly created_at: string | null;
  readonly updated_at: string | null;
  /** Fields the reference does not document are passed through unchanged. */
  readonly [field: string]: unknown;
}

/** A media group, as returned by Retrieve Media Group List. */
export interface MediaGroup {
  readonly merchant_id: string;
  readonly id: string;
  readonly ref_id: string | null;
  readonly name: string;
  readonly description: string;
  readonly created_at: string | null;
  readonly updated_at: string | null;
  readonly [field: string]: unknown;
}

/**
 * Result of {@link CatalogClient.listMedia}. The reference does not say whether `count` is
 * the total or the page size; it is passed through as the API sends it.
 */
export interface MediaList {
  readonly count: number;
  readonly medias: readonly Media[];
}

/** Result of {@link CatalogClient.listMediaGroups}. */
export interface MediaGroupList {
  readonly count: number;
  readonly media_groups: readonly MediaGroup[];
}

/** Result of {@link CatalogClient.authenticate}. */
export interface AuthToken {
  readonly token: string;
  /** ISO date string; the API's `expiration` or, from STREAKS, `expired_at`. */
  readonly expiration: string;
}

/** Selects a media by its id or by its reference id (`/medias/ref:<ref_id>`). */
export type MediaSelector = {id: string; refId?: undefined} | {refId: string; id?: undefined};

/** Sort order; upper case is accepted too. */
export type SortOrder = 'asc' | 'desc' | 'ASC' | 'DESC';

/** Query of {@link CatalogClient.listMedia}. Every field is optional. */
export interface ListMediaParams {
  /** Records per page, 1 to 100. */
  limit?: number;
  /** Page number, from 1. */
  page?: number;
  /** Sort column such as `updated_at`. */
  sort?: string;
  order?: SortOrder;
  mediaGroupId?: string;
  liveEventId?: string;
  jobId?: string;
}

/** Query of {@link CatalogClient.listMediaGroups}. Every field is optional. */
export interface ListMediaGroupsParams {
  limit?: number;
  page?: number;
  sort?: string;
  order?: SortOrder;
}

/** Restriction settings of Edit Media (`access_control_ips`, `access_control_hosts`). */
export type AccessControl = Record<string, unknown>;

/**
 * Body of {@link CatalogClient.updateMedia}: the fields Edit Media accepts. A `Blob`/`File`
 * in `thumbnail_image` or `poster_image` sends the request as `multipart/form-data`.
 */
export interface MediaPatch {
  name?: string;
  description?: string;
  /** `null` removes the reference id. */
  ref_id?: string | null;
  publish_status?: PublishStatus;
  publish_geo_rule?: readonly GeoCode[];
  /** ISO 8601 date-time with an offset, or a `Date`. */
  publish_start_at?: string | Date | null;
  publish_end_at?: string | Date | null;
  thumbnail_image?: Blob;
  poster_image?: Blob;
  /** An http(s) URL or a path from `/`; `null` removes the image. */
  thumbnail_image_url?: string | null;
  poster_image_url?: string | null;
  access_control_ips?: AccessControl | null;
  access_control_hosts?: AccessControl | null;
}

/** Per-call options. */
export interface RequestOptions {
  /** Aborting rejects this call at once with code `ABORTED`; other callers sharing the request are unaffected. */
  signal?: AbortSignal;
}

/** Options of `getMedia`. */
export interface MediaRequestOptions extends RequestOptions {
  /**
   * On a cache miss, whether to wait for the merchant's media lists in flight first (they may
   * bring the media: no request of its own) or to ask at once (a round trip sooner when they
   * do not). Unset: the first four reads of a task ask at once, later ones wait.
   */
  waitForLists?: boolean;
}

/** API credentials for server-side use; never ship them to a browser. */
export interface Credentials {
  mail_address: string;
  password: string;
}

/** Retry policy for GET requests. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number;
  /** Base of the exponential backoff. Default 300 ms. */
  baseDelayMs?: number;
  /** Cap of one backoff delay. Default 5000 ms. */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` the client waits for. A longer one is not waited out: the error is
   * thrown at once, with `retryAfterMs` set. Default 30 000 ms.
   */
  maxRetryAfterMs?: number;
}

/** Cache policy. */
export interface CacheOptions {
  /** How long a response is fresh. Default 60 000 ms. */
  ttlMs?: number;
  /** After that, how long it is served stale while one background refresh runs. Default 300 000 ms. */
  staleMs?: number;
  /** Least-recently-used entries beyond this are dropped. Default 500. */
  maxEntries?: number;
}

/** Options of {@link CatalogReader}: everything a browser needs, and no secret. */
export interface CatalogReaderOptions {
  /**
   * Origin, with an optional path prefix, that serves the Catalog paths (`/v1/merchants/...`):
   * the API, the proxy or the mock. A relative value is resolved against the page's location.
   */
  apiBase: string;
  /**
   * Base for relative poster/thumbnail paths: root-relative paths (`/uploads/a.jpg`) are
   * appended to it, so it may carry a path prefix. Default: the origin of `apiBase`.
   */
  assetBase?: string;
  /** `fetch` implementation. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Time-out of one attempt, headers and body; 0 turns it off. Default 10 000 ms. */
  timeoutMs?: number;
  /** GET retry policy; `false` (or `{retries: 0}`) disables retries. */
  retry?: RetryOptions | false;
  /** Cache policy; `false` disables caching and in-flight deduplication. */
  cache?: CacheOptions | false;

  /** Advanced/testing: the clock for cache ages, token expiry and `Retry-After` dates. Default `Date.now`. */
  now?: () => number;
  /**
   * Advanced/testing: waits between retries. Must reject when `signal` aborts.
   * Default: a `setTimeout`-based sleep.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Advanced/testing: source of backoff jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/** Options of {@link CatalogClient}: the reader's, plus the secrets only a server may hold. */
export interface CatalogClientOptions extends CatalogReaderOptions {
  /** Sent as `X-Streaks-Api-Key` (server-side use only). */
  apiKey?: string;
  /** Lets the client obtain and refresh its own bearer token per merchant (server-side use only). */
  credentials?: Credentials;
}
