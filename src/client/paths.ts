import type {Query, Selector} from './validate.js';

// The Catalog API's paths, as every hop (API, proxy, mock) serves them. Each part is
// percent-encoded, so an id cannot step out of its segment.

const enc = encodeURIComponent;

export function merchantPath(merchant: string): string {
  return `/v1/merchants/${enc(merchant)}`;
}

export function mediaPath(merchant: string, selector: Selector): string {
  const tail = selector.kind === 'id' ? enc(selector.value) : `ref:${enc(selector.value)}`;
  return `${merchantPath(merchant)}/medias/${tail}`;
}

/** The cache keys of a media: its id's path, and its reference id's when it has one. */
export function mediaKeys(merchant: string, media: {id: string; ref_id?: string | null}): string[] {
  const keys = [mediaPath(merchant, {kind: 'id', value: media.id})];
  if (media.ref_id) keys.push(mediaPath(merchant, {kind: 'refId', value: media.ref_id}));
  return keys;
}

/** The media list; its trailing slash is the API's. */
export function mediaListPath(merchant: string): string {
  return `${merchantPath(merchant)}/medias/`;
}

export function groupListPath(merchant: string): string {
  return `${merchantPath(merchant)}/media_groups`;
}

export function authTokenPath(merchant: string): string {
  return `${merchantPath(merchant)}/auth-token/`;
}

/**
 * `?a=1&b=2` with the keys sorted, or `''`: one spelling per query, so a query is one cache key
 * (and one proxy cache entry) whatever order the caller gave.
 */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const keys = Object.keys(query).sort();
  if (!keys.length) return '';
  return '?' + keys.map((key) => `${enc(key)}=${enc(query[key]!)}`).join('&');
}
