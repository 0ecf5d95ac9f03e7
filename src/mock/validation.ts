import {
  DEFAULT_LIMIT,
  DEFAULT_ORDER,
  DEFAULT_SORT,
  DESCRIPTION_MAX_LENGTH,
  EDIT_MEDIA_FIELDS,
  EDIT_MEDIA_IMAGES,
  GEO_CODES,
  isGeoCode,
  isImageUrl,
  isPublishStatus,
  LIMIT_MAX,
  MAX_IMAGE_BYTES,
  NAME_MAX_LENGTH,
  parseIsoDateTime,
  PUBLISH_STATUSES,
  REF_ID_FORBIDDEN,
  REF_ID_MAX_LENGTH,
  sortOrder,
  type EditMediaField,
} from '../api/index.js';
import {BadRequest} from './http.js';
import type {AccessControlHosts, AccessControlIps, PublishStatus} from './types.js';

export interface ListQuery<Column extends string> {
  limit: number;
  page: number;
  sort: Column;
  order: 'asc' | 'desc';
}

function positiveInteger(params: URLSearchParams, name: string, fallback: number, max?: number) {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const range = max === undefined ? `an integer >= 1` : `an integer from 1 to ${max}`;
  if (!/^\d+$/.test(raw.trim())) throw new BadRequest(`${name} must be ${range}; got "${raw}"`);
  const value = Number(raw.trim());
  if (value < 1 || (max !== undefined && value > max) || !Number.isSafeInteger(value)) {
    throw new BadRequest(`${name} must be ${range}; got "${raw}"`);
  }
  return value;
}

export function parseListQuery<Column extends string>(
  params: URLSearchParams,
  columns: readonly Column[],
): ListQuery<Column> {
  const limit = positiveInteger(params, 'limit', DEFAULT_LIMIT, LIMIT_MAX);
  const page = positiveInteger(params, 'page', 1);
  const sort = params.get('sort') ?? DEFAULT_SORT;
  if (!(columns as readonly string[]).includes(sort)) {
    throw new BadRequest(`sort must be one of ${columns.join(', ')}; got "${sort}"`);
  }
  const order = sortOrder(params.get('order') ?? DEFAULT_ORDER);
  if (!order) throw new BadRequest(`order must be asc or desc; got "${params.get('order')}"`);
  return {limit, page, sort: sort as Column, order};
}

/** A validated PUT body: only the fields the caller sent. */
export interface MediaPatch {
  name?: string;
  description?: string;
  ref_id?: string | null;
  publish_status?: PublishStatus;
  publish_geo_rule?: string[];
  publish_start_at?: string | null;
  publish_end_at?: string | null;
  thumbnail_image?: File;
  poster_image?: File;
  thumbnail_image_url?: string | null;
  poster_image_url?: string | null;
  access_control_ips?: AccessControlIps | null;
  access_control_hosts?: AccessControlHosts | null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(field: string, value: unknown, maxLength: number, allowEmpty: boolean): string {
  if (typeof value !== 'string') throw new BadRequest(`${field} must be a string`);
  if (!allowEmpty && !value.trim()) throw new BadRequest(`${field} must not be empty`);
  if (value.length > maxLength)
    throw new BadRequest(`${field} must be at most ${maxLength} characters`);
  return value;
}

function dateTime(field: string, value: unknown): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || parseIsoDateTime(value) === undefined) {
    throw new BadRequest(
      `${field} must be an ISO 8601 date-time with an offset, e.g. 2024-04-01T09:00:00+09:00`,
    );
  }
  return value;
}

function stringList(field: string, value: unknown, check: (item: string) => boolean, what: string) {
  if (!Array.isArray(value)) throw new BadRequest(`${field} must be an array of ${what}`);
  for (const item of value) {
    if (typeof item !== 'string' || !check(item)) {
      throw new BadRequest(`${field} must be an array of ${what}; got ${JSON.stringify(item)}`);
    }
  }
  return value as string[];
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** 4 or 6 for an IP address, else 0. Uses the URL parser for IPv6, so no Node import is needed. */
function ipVersion(value: string): 0 | 4 | 6 {
  if (IPV4.test(value)) return 4;
  if (!value.includes(':') || /[[\]/%]/.test(value)) return 0;
  try {
    new URL(`http://[${value}]/`);
    return 6;
  } catch {
    return 0;
  }
}

function isIpOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length || !address) return false;
  const version = ipVersion(address);
  if (!version) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

const HOSTNAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i;

function isHostOrUrl(value: string): boolean {
  if (HOSTNAME.test(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function objectOfLists<K extends string>(
  field: string,
  value: unknown,
  keys: readonly K[],
  check: (item: string) => boolean,
  what: string,
): Partial<Record<K, string[]>> | null {
  if (value === null) return null;
  if (!isPlainObject(value)) {
    throw new BadRequest(`${field} must be an object with ${keys.join(' and/or ')}`);
  }
  const out: Partial<Record<K, string[]>> = {};
  for (const [key, list] of Object.entries(value)) {
    if (!(keys as readonly string[]).includes(key)) {
      throw new BadRequest(`${field} accepts only ${keys.join(', ')}; got "${key}"`);
    }
    out[key as K] = stringList(`${field}.${key}`, list, check, what);
  }
  return out;
}

function imageUrl(field: string, value: unknown): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string') throw new BadRequest(`${field} must be a string`);
  if (isImageUrl(value)) return value;
  throw new BadRequest(`${field} must be an http(s) URL or a path starting with /`);
}

function imageFile(field: string, value: unknown): File {
  if (!(value instanceof File))
    throw new BadRequest(`${field} must be a file (multipart/form-data)`);
  if (value.size === 0) throw new BadRequest(`${field} is empty`);
  if (value.size > MAX_IMAGE_BYTES) throw new BadRequest(`${field} is larger than 5 MB`);
  if (value.type && !value.type.startsWith('image/')) {
    throw new BadRequest(`${field} must be an image; got ${value.type}`);
  }
  return value;
}

function geoRule(field: string, value: unknown): string[] {
  const what = `country codes (${GEO_CODES.join(', ')})`;
  return [...new Set(stringList(field, value, isGeoCode, what))];
}

function refId(field: string, value: unknown): string | null {
  if (value === null || value === '') return null;
  const id = str(field, value, REF_ID_MAX_LENGTH, false);
  if (REF_ID_FORBIDDEN.test(id)) throw new BadRequest('ref_id must not contain "/" or spaces');
  return id;
}

function publishStatus(field: string, value: unknown): PublishStatus {
  if (!isPublishStatus(value)) {
    throw new BadRequest(`${field} must be one of ${PUBLISH_STATUSES.join(', ')}`);
  }
  return value;
}

/** The check of each field of a PUT body: the value to store, or a `BadRequest`. */
const FIELD_CHECKS: Record<EditMediaField, (field: string, value: unknown) => unknown> = {
  name: (field, value) => str(field, value, NAME_MAX_LENGTH, false),
  description: (field, value) => str(field, value, DESCRIPTION_MAX_LENGTH, true),
  ref_id: refId,
  publish_status: publishStatus,
  publish_geo_rule: geoRule,
  publish_start_at: dateTime,
  publish_end_at: dateTime,
  thumbnail_image: imageFile,
  poster_image: imageFile,
  thumbnail_image_url: imageUrl,
  poster_image_url: imageUrl,
  access_control_ips: (field, value) =>
    objectOfLists(field, value, ['black_ips', 'white_ips'], isIpOrCidr, 'IPv4/IPv6 addresses'),
  access_control_hosts: (field, value) =>
    objectOfLists(
      field,
      value,
      ['black_hosts', 'white_hosts'],
      isHostOrUrl,
      'http(s) URLs or host names',
    ),
};

/** Validates a PUT body already turned into a plain object (JSON, or form fields decoded). */
export function parseMediaPatch(body: unknown): MediaPatch {
  if (!isPlainObject(body)) throw new BadRequest('The request body must be a JSON object');
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    if (!(EDIT_MEDIA_FIELDS as readonly string[]).includes(field)) {
      throw new BadRequest(`Unknown field "${field}"; accepted: ${EDIT_MEDIA_FIELDS.join(', ')}`);
    }
    patch[field] = FIELD_CHECKS[field as EditMediaField](field, value);
  }
  for (const kind of EDIT_MEDIA_IMAGES) {
    if (patch[`${kind}_image`] && `${kind}_image_url` in patch) {
      throw new BadRequest(`Send either ${kind}_image or ${kind}_image_url, not both`);
    }
  }
  return patch as MediaPatch;
}

const JSON_FORM_FIELDS = new Set([
  'publish_geo_rule',
  'access_control_ips',
  'access_control_hosts',
]);

/**
 * Turns multipart/urlencoded form data into the object shape the JSON body has. Structured
 * fields arrive as JSON text (`["jp","us"]`); a geo rule may also come as repeated
 * `publish_geo_rule` / `publish_geo_rule[]` fields or as `jp,us`.
 */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const geo: string[] = [];
  let sawGeo = false;
  for (const [rawKey, value] of form.entries()) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    if (key === 'publish_geo_rule' && typeof value === 'string') {
      sawGeo = true;
      const text = value.trim();
      if (text.startsWith('[')) {
        out[key] = parseJsonField(key, text);
        continue;
      }
      geo.push(
        ...text
          .split(',')
          .map((code) => code.trim())
          .filter(Boolean),
      );
      continue;
    }
    if (key in out) throw new BadRequest(`Field "${key}" was sent more than once`);
    out[key] =
      JSON_FORM_FIELDS.has(key) && typeof value === 'string' ? parseJsonField(key, value) : value;
  }
  if (sawGeo && !('publish_geo_rule' in out)) out.publish_geo_rule = geo;
  return out;
}

function parseJsonField(key: string, text: string): unknown {
  if (text === '' || text === 'null') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(`${key} must be JSON in a form field`);
  }
}
