// The shapes of ids, reference ids, sort columns, dates and image URLs.

/** Merchant ids, media ids and the list filters (group, live event and job ids). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reference ids in a path, decoded: what Edit Media accepts (1 to 255 characters, no "/" or
 * white space, Japanese included), less backslashes and control characters, which no catalog
 * needs.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
export const REF_ID_PATTERN = /^[^/\\\s\u0000-\u001f\u007f]{1,255}$/;

/** What a `ref_id` that Edit Media stores must not contain: "/" or white space. */
export const REF_ID_FORBIDDEN = /[/\s]/;

/**
 * A sort column's shape. The reference names no columns; the mock and the proxy accept the
 * ones in `limits.ts`, a client passes any column of this shape on to the API.
 */
export const SORT_COLUMN_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** The API's DateString: ISO 8601 with an explicit offset, as in `2018-02-22T12:03:36.427+09:00`. */
export const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds for an ISO 8601 date-time with an explicit offset, else undefined. */
export function parseIsoDateTime(value: string): number | undefined {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
  const ms = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`,
  );
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2024-02-30 over into March; a real calendar date must survive the round trip.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23) return undefined;
  return ms;
}

/** True for what `thumbnail_image_url`/`poster_image_url` accept: an http(s) URL or a path from `/`. */
export function isImageUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (value.startsWith('/')) return !value.startsWith('//');
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}
