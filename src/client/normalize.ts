import {invalidResponse} from './errors.js';
import type {
  AuthToken,
  ImageRef,
  Media,
  MediaGroup,
  MediaGroupList,
  MediaList,
  TextTrack,
} from './types.js';

/** What normalization needs to know about the client. */
export interface NormalizeContext {
  /** Normalized asset base: absolute http(s), no trailing slash. */
  assetBase: string;
  /** Merchant of the request, used when a body leaves `merchant_id` out. */
  merchant: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fallback;
}

function strOrNull(value: unknown): string | null {
  const s = str(value);
  return s === '' ? null : s;
}

function requiredId(raw: Json, what: string): string {
  const id = str(raw.id).trim();
  if (!id) throw invalidResponse(`The ${what} in the response has no id.`);
  return id;
}

/**
 * Makes an asset URL absolute and safe to put in `src`: root-relative paths are appended to
 * the asset base (which may carry a path prefix), other relative ones resolved against it,
 * and anything that is not http(s) afterwards (`javascript:`, `data:`, ...) is dropped.
 */
export function resolveAssetUrl(src: unknown, assetBase: string): string | null {
  if (typeof src !== 'string') return null;
  const trimmed = src.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    if (trimmed.startsWith('/') && !trimmed.startsWith('//')) {
      url = new URL(assetBase + trimmed);
    } else {
      url = new URL(trimmed, assetBase + '/');
    }
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

function image(value: unknown, assetBase: string): ImageRef | null {
  const raw = typeof value === 'string' ? {src: value} : value;
  if (!isObject(raw)) return null;
  const src = resolveAssetUrl(raw.src, assetBase);
  return src ? {...raw, src} : null;
}

/** The reference types the geo rule as a string; examples send an array. */
function geoRule(value: unknown): string[] {
  let list: unknown[];
  if (Array.isArray(value)) {
    list = value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        list = Array.isArray(parsed) ? parsed : [];
      } catch {
        list = [];
      }
    } else {
      list = text.split(/[\s,]+/);
    }
  } else {
    list = [];
  }
  const codes = list
    .filter((code): code is string => typeof code === 'string')
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(codes)];
}

function tags(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.map((tag) => str(tag).trim()).filter(Boolean);
  }
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
  }
  return [];
}

function duration(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

function textTracks(value: unknown, assetBase: string): TextTrack[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((track) => ({
    ...track,
    kind: str(track.kind),
    lang: str(track.lang),
    mime_type: strOrNull(track.mime_type),
    src: resolveAssetUrl(track.src, assetBase),
  }));
}

/** Freezes a value and everything in it: cached values are shared. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Normalizes one media object of a response; throws `INVALID_RESPONSE` if it is not one. */
export function normalizeMedia(value: unknown, ctx: NormalizeContext): Media {
  if (!isObject(value)) throw invalidResponse('Expected a media object in the response.');
  const raw = value;
  const {thumbnaill, ...rest} = raw;
  const media: Media = {
    ...rest,
    merchant_id: str(raw.merchant_id) || ctx.merchant,
    id: requiredId(raw, 'media'),
    ref_id: strOrNull(raw.ref_id),
    live_event_id: strOrNull(raw.live_event_id),
    name: str(raw.name),
    description: str(raw.description),
    duration: duration(raw.duration),
    encode_type: strOrNull(raw.encode_type),
    custom_fields: isObject(raw.custom_fields) ? raw.custom_fields : {},
    publish_geo_rule: geoRule(raw.publish_geo_rule),
    poster: image(raw.poster, ctx.assetBase),
    thumbnail: image(raw.thumbnail ?? thumbnaill, ctx.assetBase),
    seek_preview_config: raw.seek_preview_config ?? null,
    tags: tags(raw.tags),
    offline_enabled: raw.offline_enabled === true || raw.offline_enabled === 'true',
    text_tracks: textTracks(raw.text_tracks, ctx.assetBase),
    created_at: strOrNull(raw.created_at),
    updated_at: strOrNull(raw.updated_at),
  };
  return deepFreeze(media);
}

export function normalizeMediaGroup(value: unknown, ctx: NormalizeContext): MediaGroup {
  if (!isObject(value)) throw invalidResponse('Expected a media group object in the response.');
  const raw = value;
  return deepFreeze({
    ...raw,
    merchant_id: str(raw.merchant_id) || ctx.merchant,
    id: requiredId(raw, 'media group'),
    ref_id: strOrNull(raw.ref_id),
    name: str(raw.name),
    description: str(raw.description),
    created_at: strOrNull(raw.created_at),
    updated_at: strOrNull(raw.updated_at),
  });
}

function listCount(raw: Json, length: number): number {
  const count = typeof raw.count === 'string' && raw.count.trim() ? Number(raw.count) : raw.count;
  if (count === undefined || count === null) return length;
  // Past 2^53 a count cannot be exact: an API answer that broken is not paged from.
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw invalidResponse('The list response has an invalid count.');
  }
  return count;
}

export function normalizeMediaList(value: unknown, ctx: NormalizeContext): MediaList {
  if (!isObject(value) || !Array.isArray(value.medias)) {
    throw invalidResponse('Expected {count, medias: [...]} in the response.');
  }
  const medias = value.medias.map((item) => normalizeMedia(item, ctx));
  return Object.freeze({count: listCount(value, medias.length), medias: Object.freeze(medias)});
}

export function normalizeMediaGroupList(value: unknown, ctx: NormalizeContext): MediaGroupList {
  if (!isObject(value) || !Array.isArray(value.media_groups)) {
    throw invalidResponse('Expected {count, media_groups: [...]} in the response.');
  }
  const groups = value.media_groups.map((item) => normalizeMediaGroup(item, ctx));
  return Object.freeze({
    count: listCount(value, groups.length),
    media_groups: Object.freeze(groups),
  });
}

/** Reads `{token, expiration}` or the STREAKS spelling `{token, expired_at}`. */
export function normalizeAuthToken(value: unknown): AuthToken & {expiresAt: number} {
  if (!isObject(value) || typeof value.token !== 'string' || !value.token) {
    throw invalidResponse('Expected {token, expiration} in the auth-token response.');
  }
  const expiration = value.expiration ?? value.expired_at;
  const expiresAt = typeof expiration === 'string' ? Date.parse(expiration) : NaN;
  if (Number.isNaN(expiresAt)) {
    throw invalidResponse('The auth-token response has no valid expiration.');
  }
  return {token: value.token, expiration: expiration as string, expiresAt};
}
