import {badRequest} from './errors.js';
import {
  GEO_CODES,
  PUBLISH_STATUSES,
  type ListMediaGroupsParams,
  type ListMediaParams,
  type MediaPatch,
} from './types.js';

/** A validated media selector. */
export type Selector = {kind: 'id'; value: string} | {kind: 'refId'; value: string};

/** Largest `limit` accepted: the reference gives none; 100 is what the mock and proxy allow. */
export const MAX_LIMIT = 100;

const SORT_COLUMN = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null)
    return String(value);
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function validateMerchant(merchant: unknown): string {
  if (typeof merchant !== 'string' || !merchant.trim()) {
    throw badRequest(`merchant must be a non-empty string (got ${describe(merchant)}).`);
  }
  return merchant.trim();
}

function nonEmptyId(value: unknown, name: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || !value.trim()) {
    throw badRequest(`${name} must be a non-empty string (got ${describe(value)}).`);
  }
  return value.trim();
}

export function validateSelector(selector: unknown): Selector {
  if (!selector || typeof selector !== 'object') {
    throw badRequest(`selector must be {id} or {refId} (got ${describe(selector)}).`);
  }
  const {id, refId} = selector as {id?: unknown; refId?: unknown};
  const hasId = id !== undefined && id !== null && id !== '';
  const hasRef = refId !== undefined && refId !== null && refId !== '';
  if (hasId && hasRef) throw badRequest('give either id or refId, not both.');
  if (hasId) return {kind: 'id', value: nonEmptyId(id, 'id')};
  if (hasRef) return {kind: 'refId', value: nonEmptyId(refId, 'refId')};
  throw badRequest(
    `id or refId must be a non-empty string (got id ${describe(id)}, refId ${describe(refId)}).`,
  );
}

function positiveInt(value: unknown, name: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw badRequest(`${name} must be an integer from 1 to ${max} (got ${describe(value)}).`);
  }
  return value;
}

/** Query parameters in the API's own names, validated; absent ones are left out. */
export type Query = Record<string, string>;

function pagingQuery(params: ListMediaGroupsParams): Query {
  const query: Query = {};
  if (params.limit != null) query.limit = String(positiveInt(params.limit, 'limit', MAX_LIMIT));
  if (params.page != null) {
    query.page = String(positiveInt(params.page, 'page', Number.MAX_SAFE_INTEGER));
  }
  if (params.sort != null) {
    if (typeof params.sort !== 'string' || !SORT_COLUMN.test(params.sort)) {
      throw badRequest(
        `sort must be a column name such as "updated_at" (got ${describe(params.sort)}).`,
      );
    }
    query.sort = params.sort;
  }
  if (params.order != null) {
    const order = typeof params.order === 'string' ? params.order.toLowerCase() : '';
    if (order !== 'asc' && order !== 'desc') {
      throw badRequest(`order must be "asc" or "desc" (got ${describe(params.order)}).`);
    }
    query.order = order;
  }
  return query;
}

function checkKnownKeys(params: object, known: readonly string[], what: string) {
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && !known.includes(key))
      throw badRequest(`${what}.${key} is not a known parameter.`);
  }
}

const LIST_MEDIA_KEYS = ['limit', 'page', 'sort', 'order', 'mediaGroupId', 'liveEventId', 'jobId'];
const LIST_GROUPS_KEYS = ['limit', 'page', 'sort', 'order'];

export function validateListMediaParams(params: unknown): Query {
  if (params === undefined || params === null) return {};
  if (!isPlainObject(params)) throw badRequest('params must be an object.');
  checkKnownKeys(params, LIST_MEDIA_KEYS, 'params');
  const p = params as ListMediaParams;
  const query = pagingQuery(p);
  // An empty filter is no filter: elements pass their unset attributes straight through.
  if (p.mediaGroupId != null && p.mediaGroupId !== '') {
    query.media_group_id = nonEmptyId(p.mediaGroupId, 'mediaGroupId');
  }
  if (p.liveEventId != null && p.liveEventId !== '') {
    query.live_event_id = nonEmptyId(p.liveEventId, 'liveEventId');
  }
  if (p.jobId != null && p.jobId !== '') query.job_id = nonEmptyId(p.jobId, 'jobId');
  return query;
}

export function validateListGroupsParams(params: unknown): Query {
  if (params === undefined || params === null) return {};
  if (!isPlainObject(params)) throw badRequest('params must be an object.');
  checkKnownKeys(params, LIST_GROUPS_KEYS, 'params');
  return pagingQuery(params as ListMediaGroupsParams);
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

// The API's DateString: ISO 8601 with an explicit offset, as in `2018-02-22T12:03:36.427+09:00`.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function dateString(value: unknown, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw badRequest(`${name} is an invalid Date.`);
    return value.toISOString();
  }
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw badRequest(
      `${name} must be a Date or an ISO 8601 date-time with an offset (got ${describe(value)}).`,
    );
  }
  return value;
}

function imageUrl(value: unknown, name: string): string {
  if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')) return value;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw badRequest(`${name} must be an http(s) URL or a path from / (got ${describe(value)}).`);
  }
  return value as string;
}

function text(value: unknown, name: string, maxLength: number, allowEmpty: boolean): string {
  if (typeof value !== 'string')
    throw badRequest(`${name} must be a string (got ${describe(value)}).`);
  if (!allowEmpty && !value.trim()) throw badRequest(`${name} must not be empty.`);
  if (value.length > maxLength)
    throw badRequest(`${name} must be at most ${maxLength} characters.`);
  return value;
}

/** A validated Edit Media body: plain JSON values plus the image files, if any. */
export interface ValidatedPatch {
  fields: Record<string, unknown>;
  files: Record<string, Blob>;
}

const PATCH_KEYS = [
  'name',
  'description',
  'ref_id',
  'publish_status',
  'publish_geo_rule',
  'publish_start_at',
  'publish_end_at',
  'thumbnail_image',
  'poster_image',
  'thumbnail_image_url',
  'poster_image_url',
  'access_control_ips',
  'access_control_hosts',
];

export function validatePatch(patch: unknown): ValidatedPatch {
  if (!isPlainObject(patch)) throw badRequest('patch must be an object.');
  const entries = Object.entries(patch as MediaPatch).filter(([, v]) => v !== undefined);
  if (!entries.length) throw badRequest('patch must set at least one field.');
  const fields: Record<string, unknown> = {};
  const files: Record<string, Blob> = {};
  for (const [key, value] of entries) {
    const name = `patch.${key}`;
    switch (key) {
      case 'name':
        fields[key] = text(value, name, 255, false);
        break;
      case 'description':
        fields[key] = text(value, name, 5000, true);
        break;
      case 'ref_id':
        // null (or '') removes the reference id.
        if (value === null || value === '') {
          fields[key] = null;
        } else if (/[/\s]/.test(text(value, name, 255, false))) {
          throw badRequest(`${name} must not contain "/" or spaces (got ${describe(value)}).`);
        } else {
          fields[key] = value;
        }
        break;
      case 'publish_status':
        if (!(PUBLISH_STATUSES as readonly unknown[]).includes(value)) {
          throw badRequest(
            `${name} must be one of ${PUBLISH_STATUSES.join(', ')} (got ${describe(value)}).`,
          );
        }
        fields[key] = value;
        break;
      case 'publish_geo_rule': {
        if (!Array.isArray(value)) throw badRequest(`${name} must be an array of country codes.`);
        const codes = value.map((code: unknown) =>
          typeof code === 'string' ? code.toLowerCase() : code,
        );
        const bad = codes.find((code) => !(GEO_CODES as readonly unknown[]).includes(code));
        if (bad !== undefined) {
          throw badRequest(
            `${name} has an unknown geo code ${describe(bad)} (allowed: ${GEO_CODES.join(', ')}).`,
          );
        }
        fields[key] = [...new Set(codes)];
        break;
      }
      case 'publish_start_at':
      case 'publish_end_at':
        fields[key] = value === null ? null : dateString(value, name);
        break;
      case 'thumbnail_image':
      case 'poster_image':
        if (!isBlob(value)) throw badRequest(`${name} must be a Blob or File.`);
        files[key] = value;
        break;
      case 'thumbnail_image_url':
      case 'poster_image_url':
        fields[key] = value === null ? null : imageUrl(value, name);
        break;
      case 'access_control_ips':
      case 'access_control_hosts':
        if (value !== null && !isPlainObject(value))
          throw badRequest(`${name} must be an object or null.`);
        fields[key] = value;
        break;
      default:
        throw badRequest(`${name} is not a field Edit Media accepts (${PATCH_KEYS.join(', ')}).`);
    }
  }
  for (const image of ['thumbnail', 'poster']) {
    if (files[`${image}_image`] && `${image}_image_url` in fields) {
      throw badRequest(`patch sets both ${image}_image and ${image}_image_url; send one.`);
    }
  }
  return {fields, files};
}

export function validateCredentials(
  credentials: unknown,
  name = 'credentials',
): {
  mail_address: string;
  password: string;
} {
  if (!credentials || typeof credentials !== 'object') {
    throw badRequest(`${name} must be {mail_address, password}.`);
  }
  const {mail_address, password} = credentials as Record<string, unknown>;
  if (typeof mail_address !== 'string' || !mail_address.trim()) {
    throw badRequest(`${name}.mail_address must be a non-empty string.`);
  }
  if (typeof password !== 'string' || !password) {
    throw badRequest(`${name}.password must be a non-empty string.`);
  }
  return {mail_address: mail_address.trim(), password};
}
