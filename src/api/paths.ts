// The Catalog API's paths and query strings.

/** A media asked for by its id, or by its reference id (`/medias/ref:<ref_id>`). */
export type MediaKey = {kind: 'id'; value: string} | {kind: 'refId'; value: string};

/** Query parameters in the API's own names; absent ones are left out. */
export type Query = Record<string, string | number | undefined>;

const enc = encodeURIComponent;

/** `/v1/merchants/<merchant>`, the prefix of every Catalog path. */
export function merchantPath(merchant: string): string {
  return `/v1/merchants/${enc(merchant)}`;
}

/** Retrieve, Edit or Delete Media: `/v1/merchants/<m>/medias/<id>` or `.../medias/ref:<ref_id>`. */
export function mediaPath(merchant: string, key: MediaKey): string {
  const tail = key.kind === 'id' ? enc(key.value) : `ref:${enc(key.value)}`;
  return `${merchantPath(merchant)}/medias/${tail}`;
}

/** Retrieve Media List; the reference spells it with a trailing slash. */
export function mediaListPath(merchant: string): string {
  return `${merchantPath(merchant)}/medias/`;
}

/** Retrieve Media Group List; the reference spells it without a trailing slash. */
export function groupListPath(merchant: string): string {
  return `${merchantPath(merchant)}/media_groups`;
}

/** Authenticate (`POST`). */
export function authTokenPath(merchant: string): string {
  return `${merchantPath(merchant)}/auth-token/`;
}

/**
 * `?a=1&b=2`, names in sorted order, so that spellings of one request make one string (one
 * cache key); `''` when no value is set.
 */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const pairs = Object.keys(query)
    .filter((name) => query[name] !== undefined)
    .sort()
    .map((name) => `${enc(name)}=${enc(String(query[name]))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}
