import {
  GROUP_SORT_COLUMNS,
  groupListPath,
  ID_PATTERN,
  LIMIT_MAX,
  mediaListPath,
  mediaPath,
  MEDIA_SORT_COLUMNS,
  queryString,
  REF_ID_PATTERN,
  sortOrder,
} from '../api/index.js';
import type {ListMediaGroupsParams, ListMediaParams, MediaSelector} from '../client/index.js';

// What the proxy accepts, checked before anything goes upstream: the API's rules (`src/api/`)
// and the proxy's own bounds. The proxy's modules and its public entry read these here.

/**
 * Largest `page`. The API sets none, but every page number is a separate cache key that costs
 * an upstream request: an unbounded page lets anybody spend the budget on empty pages.
 */
export const PAGE_MAX = 1000;

/** Room for a ref id of 255 characters that each take three UTF-8 bytes, percent-encoded. */
export const MAX_PATH_LENGTH = 2400;
export const MAX_QUERY_LENGTH = 512;

/** A request the proxy serves, validated. */
export type CatalogRoute =
  | {kind: 'media'; merchant: string; selector: MediaSelector}
  | {kind: 'media-list'; merchant: string; params: ListMediaParams}
  | {kind: 'group-list'; merchant: string; params: ListMediaGroupsParams};

/** Why a request is refused: a JSON error the client gets without anything going upstream. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export type ParsedRequest =
  | {ok: true; route: CatalogRoute; key: string}
  /** `merchant`: a well-formed merchant id this proxy does not serve, for the log. */
  | {ok: false; refusal: Refusal; merchant?: string};

/** The methods served on catalog paths (OPTIONS is the CORS preflight). */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

function refuse(status: number, code: string, message: string, headers?: Record<string, string>) {
  return {ok: false as const, refusal: {status, code, message, headers}};
}

function badRequest(message: string) {
  return refuse(400, 'BAD_REQUEST', message);
}

type Shape =
  | {kind: 'media'; merchant: string; mediaKey: string}
  | {kind: 'media-list' | 'group-list'; merchant: string};

/** Splits a path into a catalog route shape, or undefined for a path the proxy does not serve. */
function matchShape(segments: string[]): Shape | undefined {
  // A trailing slash is optional: the reference spells `/medias/` with one, `/media_groups` without.
  if (segments.at(-1) === '' && segments.length > 1) segments = segments.slice(0, -1);
  const [empty, version, merchants, merchant, collection, mediaKey, ...rest] = segments;
  if (empty !== '' || version !== 'v1' || merchants !== 'merchants' || !merchant) return undefined;
  if (rest.length) return undefined;
  if (collection === 'medias') {
    return mediaKey === undefined
      ? {kind: 'media-list', merchant}
      : {kind: 'media', merchant, mediaKey};
  }
  if (collection === 'media_groups' && mediaKey === undefined) {
    return {kind: 'group-list', merchant};
  }
  return undefined;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Checks the path of a request: length, doubled slashes, encoded traversal. Runtimes resolve
 * plain `..` segments (and `%2e%2e`) while parsing the URL, before the handler sees it, so a
 * path that still carries an encoded dot, slash or backslash was built to get past a parser.
 */
export function checkPath(pathname: string, search: string): Refusal | undefined {
  if (pathname.length > MAX_PATH_LENGTH) {
    return {status: 414, code: 'URI_TOO_LONG', message: 'The path is too long.'};
  }
  if (search.length > MAX_QUERY_LENGTH) {
    return {status: 414, code: 'URI_TOO_LONG', message: 'The query string is too long.'};
  }
  if (pathname.includes('//')) {
    return {status: 400, code: 'BAD_REQUEST', message: 'The path has an empty segment (//).'};
  }
  if (/%(2e|2f|5c|00)/i.test(pathname) || pathname.includes('\\')) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The path has an encoded dot, slash, backslash or NUL.',
    };
  }
  return undefined;
}

/** True when the path is one the proxy serves (whatever the method or the values in it). */
export function isCatalogPath(pathname: string): boolean {
  return matchShape(pathname.split('/')) !== undefined;
}

/** Reads each known parameter once; a repeated one is ambiguous and refused. */
function readQuery(
  params: URLSearchParams,
  known: readonly string[],
): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!known.includes(name)) continue; // Unknown parameters are dropped, never forwarded.
    if (name in out) return `${name} is given more than once.`;
    out[name] = value;
  }
  return out;
}

function integerParam(
  raw: string | undefined,
  name: string,
  max: number,
): number | undefined | string {
  if (raw === undefined) return undefined;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    return `${name} must be an integer from 1 to ${max}.`;
  }
  return Number(raw);
}

interface Paging {
  limit?: number;
  page?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

function paging(query: Record<string, string>, columns: readonly string[]): Paging | string {
  const limit = integerParam(query.limit, 'limit', LIMIT_MAX);
  if (typeof limit === 'string') return limit;
  const page = integerParam(query.page, 'page', PAGE_MAX);
  if (typeof page === 'string') return page;
  const out: Paging = {};
  if (limit !== undefined) out.limit = limit;
  if (page !== undefined) out.page = page;
  if (query.sort !== undefined) {
    if (!columns.includes(query.sort)) return `sort must be one of ${columns.join(', ')}.`;
    out.sort = query.sort;
  }
  if (query.order !== undefined) {
    const order = sortOrder(query.order);
    if (!order) return 'order must be asc or desc.';
    out.order = order;
  }
  return out;
}

const FILTERS = [
  ['media_group_id', 'mediaGroupId'],
  ['live_event_id', 'liveEventId'],
  ['job_id', 'jobId'],
] as const;

/** The key of one media: its id, or `ref:` and a reference id. */
function parseMediaKey(merchant: string, encoded: string): ParsedRequest {
  const key = decode(encoded);
  if (key === undefined) return badRequest('The media id is not valid percent-encoding.');
  if (key.startsWith('ref:')) {
    const refId = key.slice(4);
    if (!REF_ID_PATTERN.test(refId)) {
      return badRequest('The ref id has characters or a length the proxy does not accept.');
    }
    // Encoded: unlike the other values in keys, a ref id may hold any printable character.
    const path = mediaPath(merchant, {kind: 'refId', value: refId});
    return {ok: true, route: {kind: 'media', merchant, selector: {refId}}, key: path};
  }
  if (!ID_PATTERN.test(key)) {
    return badRequest('The media id has characters or a length the API does not use.');
  }
  const path = mediaPath(merchant, {kind: 'id', value: key});
  return {ok: true, route: {kind: 'media', merchant, selector: {id: key}}, key: path};
}

function parseGroupList(merchant: string, search: URLSearchParams): ParsedRequest {
  const query = readQuery(search, ['limit', 'page', 'sort', 'order']);
  if (typeof query === 'string') return badRequest(query);
  const params = paging(query, GROUP_SORT_COLUMNS);
  if (typeof params === 'string') return badRequest(params);
  const route = {kind: 'group-list', merchant, params} as const;
  return {ok: true, route, key: listKey(route)};
}

function parseMediaList(merchant: string, search: URLSearchParams): ParsedRequest {
  const filters = FILTERS.map(([name]) => name);
  const query = readQuery(search, ['limit', 'page', 'sort', 'order', ...filters]);
  if (typeof query === 'string') return badRequest(query);
  const page = paging(query, MEDIA_SORT_COLUMNS);
  if (typeof page === 'string') return badRequest(page);
  const params: ListMediaParams = {...page};
  for (const [name, option] of FILTERS) {
    const value = query[name];
    // An empty filter is no filter, as the client treats it.
    if (value === undefined || value === '') continue;
    if (!ID_PATTERN.test(value)) {
      return badRequest(`${name} has characters or a length the API does not use.`);
    }
    params[option] = value;
  }
  const route = {kind: 'media-list', merchant, params} as const;
  return {ok: true, route, key: listKey(route)};
}

/**
 * Validates a GET/HEAD of a catalog path and returns the route and its cache key: the
 * normalized request (decoded ids, known parameters only, sorted, `order` in lower case),
 * so that spellings of one request share one cache entry.
 */
export function parseCatalogRequest(
  url: URL,
  method: string,
  merchants: ReadonlySet<string>,
): ParsedRequest {
  const shape = matchShape(url.pathname.split('/'));
  if (!shape) return refuse(404, 'NOT_FOUND', 'The proxy serves no such path.');
  if (method !== 'GET' && method !== 'HEAD') {
    return refuse(405, 'METHOD_NOT_ALLOWED', 'The proxy is read-only: use GET.', {
      allow: ALLOWED_METHODS,
    });
  }
  const merchant = decode(shape.merchant);
  if (merchant === undefined || !ID_PATTERN.test(merchant)) {
    return badRequest('The merchant id has characters or a length the API does not use.');
  }
  if (!merchants.has(merchant)) {
    const refusal = refuse(403, 'MERCHANT_NOT_ALLOWED', 'The proxy does not serve this merchant.');
    return {...refusal, merchant};
  }
  if (shape.kind === 'media') return parseMediaKey(merchant, shape.mediaKey);
  if (shape.kind === 'group-list') return parseGroupList(merchant, url.searchParams);
  return parseMediaList(merchant, url.searchParams);
}

export type ListRoute = Extract<CatalogRoute, {kind: 'media-list' | 'group-list'}>;

/**
 * The cache key of a list: the normalized request (known parameters only, sorted, `order` in
 * lower case), so that spellings of one request share one entry. Values in the key have
 * passed strict character sets, so encoding leaves them as they are.
 */
export function listKey(route: ListRoute): string {
  const {limit, page, sort, order} = route.params;
  if (route.kind === 'group-list') {
    return groupListPath(route.merchant) + queryString({limit, page, sort, order});
  }
  const values: Record<string, string | number | undefined> = {limit, page, sort, order};
  for (const [name, option] of FILTERS) values[name] = route.params[option];
  return mediaListPath(route.merchant) + queryString(values);
}
