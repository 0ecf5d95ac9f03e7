// Pieces of HTTP every side speaks: reason phrases and Retry-After.

/**
 * Reason phrases. Node's adapter writes whatever `statusText` holds, an empty one included
 * ("HTTP/1.1 403 "); a table rather than node:http's, so that it runs on any fetch runtime.
 */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  414: 'URI Too Long',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The reason phrase of a status, or `''` for one the table does not hold. */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

/**
 * `Retry-After` in milliseconds: delta-seconds (fractions too) or an HTTP date, counted from
 * `now` and never negative. Undefined when absent or unreadable: an HTTP date names its month,
 * so a bare number such as `-5`, which `Date.parse` would read as a year, is no date.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
