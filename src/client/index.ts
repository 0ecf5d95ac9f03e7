export {CatalogClient} from './catalog-client.js';
export {CatalogReader, CLIENT_DEFAULTS, normalizeApiBase} from './reader.js';
export type {ClientStats, MediaEntrySelector} from './reader.js';
export {CatalogError} from './errors.js';
export type {CatalogErrorCode, CatalogErrorInit} from './errors.js';
export {getSharedClient, setSharedClient} from './shared.js';
export {resolveAssetUrl} from './normalize.js';
export type {CacheListener, CacheSnapshotEntry} from './cache.js';
export {GEO_CODES, PUBLISH_STATUSES} from './types.js';
export type {
  AccessControl,
  AuthToken,
  CacheOptions,
  CatalogClientOptions,
  CatalogReaderOptions,
  Credentials,
  GeoCode,
  ImageRef,
  ListMediaGroupsParams,
  ListMediaParams,
  Media,
  MediaInput,
  MediaGroup,
  MediaGroupList,
  MediaList,
  MediaPatch,
  MediaSelector,
  PublishStatus,
  MediaRequestOptions,
  RequestOptions,
  RetryOptions,
  SortOrder,
  TextTrack,
} from './types.js';
