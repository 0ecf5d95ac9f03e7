import {
  DESCRIPTION_MAX_LENGTH,
  EDIT_MEDIA_FIELDS,
  EDIT_MEDIA_IMAGES,
  GEO_CODES,
  isGeoCode,
  isImageUrl,
  isPublishStatus,
  LIMIT_MAX,
  NAME_MAX_LENGTH,
  parseIsoDateTime,
  PUBLISH_STATUSES,
  REF_ID_FORBIDDEN,
  REF_ID_MAX_LENGTH,
  SORT_COLUMN_PATTERN,
  sortOrder,
  type EditMediaField,
  type MediaKey,
} from '../api/index.js';
import {badRequest} from './errors.js';
import type {ListMediaGroupsParams, ListMediaParams} from './types.js';

/** A validated media selector. */
export type Selector = MediaKey;

/** Largest `limit` accepted (kept under this name for the modules that import it here). */
export const MAX_LIMIT = LIMIT_MAX;

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
  if (params.limit != null) query.limit = String(positiveInt(params.limit, 'limit', LIMIT_MAX));
  if (params.page != null) {
    query.page = String(positiveInt(params.page, 'page', Number.MAX_SAFE_INTEGER));
  }
  if (params.sort != null) {
    if (typeof params.sort !== 'string' || !SORT_COLUMN_PATTERN.test(params.sort)) {
      throw badRequest(
        `sort must be a column name such as "updated_at" (got ${describe(params.sort)}).`,
      );
    }
    query.sort = params.sort;
  }
  if (params.order != null) {
    const order = sortOrder(params.order);
    if (!order) throw badRequest(`order must be "asc" or "desc" (got ${describe(params.order)}).`);
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

const LIST_GROUPS_KEYS = ['limit', 'page', 'sort', 'order'];
const LIST_MEDIA_KEYS = [...LIST_GROUPS_KEYS, 'mediaGroupId', 'liveEventId', 'jobId'];

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

function dateString(value: unknown, name: string): string | null {
  if (value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw badRequest(`${name} is an invalid Date.`);
    return value.toISOString();
  }
  if (typeof value !== 'string' || parseIsoDateTime(value) === undefined) {
    throw badRequest(
      `${name} must be a Date or an ISO 8601 date-time with an offset (got ${describe(value)}).`,
    );
  }
  return value;
}

function imageUrl(value: unknown, name: string): string | null {
  if (value === null) return null;
  if (!isImageUrl(value)) {
    throw badRequest(`${name} must be an http(s) URL or a path from / (got ${describe(value)}).`);
  }
  return value;
}

function text(value: unknown, name: string, maxLength: number, allowEmpty: boolean): string {
  if (typeof value !== 'string')
    throw badRequest(`${name} must be a string (got ${describe(value)}).`);
  if (!allowEmpty && !value.trim()) throw badRequest(`${name} must not be empty.`);
  if (value.length > maxLength)
    throw badRequest(`${name} must be at most ${maxLength} characters.`);
  return value;
}

/** null (or '') removes the reference id. */
function refId(value: unknown, name: string): string | null {
  if (value === null || value === '') return null;
  if (REF_ID_FORBIDDEN.test(text(value, name, REF_ID_MAX_LENGTH, false))) {
    throw badRequest(`${name} must not contain "/" or spaces (got ${describe(value)}).`);
  }
  return value as string;
}

function publishStatus(value: unknown, name: string): string {
  if (!isPublishStatus(value)) {
    throw badRequest(
      `${name} must be one of ${PUBLISH_STATUSES.join(', ')} (got ${describe(value)}).`,
    );
  }
  return value;
}

function geoRule(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw badRequest(`${name} must be an array of country codes.`);
  const codes = value.map((code: unknown) =>
    typeof code === 'string' ? code.toLowerCase() : code,
  );
  const bad = codes.find((code) => !isGeoCode(code));
  if (bad !== undefined) {
    throw badRequest(
      `${name} has an unknown geo code ${describe(bad)} (allowed: ${GEO_CODES.join(', ')}).`,
    );
  }
  return [...new Set(codes)];
}

function accessControl(value: unknown, name: string): unknown {
  if (value !== null && !isPlainObject(value))
    throw badRequest(`${name} must be an object or null.`);
  return value;
}

type JsonField = Exclude<EditMediaField, 'thumbnail_image' | 'poster_image'>;

/** The check of each JSON field of Edit Media: its value as sent, or a `BAD_REQUEST`. */
const FIELD_CHECKS: Record<JsonField, (value: unknown, name: string) => unknown> = {
  name: (value, name) => text(value, name, NAME_MAX_LENGTH, false),
  description: (value, name) => text(value, name, DESCRIPTION_MAX_LENGTH, true),
  ref_id: refId,
  publish_status: publishStatus,
  publish_geo_rule: geoRule,
  publish_start_at: dateString,
  publish_end_at: dateString,
  thumbnail_image_url: imageUrl,
  poster_image_url: imageUrl,
  access_control_ips: accessControl,
  access_control_hosts: accessControl,
};

/** A validated Edit Media body: plain JSON values plus the image files, if any. */
export interface ValidatedPatch {
  fields: Record<string, unknown>;
  files: Record<string, Blob>;
}

export function validatePatch(patch: unknown): ValidatedPatch {
  if (!isPlainObject(patch)) throw badRequest('patch must be an object.');
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (!entries.length) throw badRequest('patch must set at least one field.');
  const fields: Record<string, unknown> = {};
  const files: Record<string, Blob> = {};
  for (const [key, value] of entries) {
    const name = `patch.${key}`;
    if (key === 'thumbnail_image' || key === 'poster_image') {
      if (!isBlob(value)) throw badRequest(`${name} must be a Blob or File.`);
      files[key] = value;
    } else if ((EDIT_MEDIA_FIELDS as readonly string[]).includes(key)) {
      fields[key] = FIELD_CHECKS[key as JsonField](value, name);
    } else {
      const known = EDIT_MEDIA_FIELDS.join(', ');
      throw badRequest(`${name} is not a field Edit Media accepts (${known}).`);
    }
  }
  for (const image of EDIT_MEDIA_IMAGES) {
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
