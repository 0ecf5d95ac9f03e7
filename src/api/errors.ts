// Error codes, their statuses and messages: the reference's table, plus the codes a server in
// front of the API (the mock, the proxy, a gateway) answers with for the other statuses.

/**
 * The reference's messages, with those of the codes its statuses imply: RATE_LIMITED (the
 * common spec's rate limit), FORBIDDEN, NOT_FOUND and REQUEST_TIMEOUT. What a reader of the
 * API needs; apart from {@link ERRORS}, so that the browser bundle carries no more.
 */
const MESSAGES = {
  BAD_REQUEST: 'Invalid request parameters',
  UNAUTHORIZED: 'Authentication failed',
  FORBIDDEN: 'Forbidden',
  GEO_RULE: 'Access from this IP address is not permitted',
  NOT_FOUND: 'Not found',
  MEDIA_NOT_FOUND: 'The specified media does not exist',
  MEDIA_GROUP_NOT_FOUND: 'The specified media group does not exist',
  REQUEST_TIMEOUT: 'The server timed out waiting for the request',
  RATE_LIMITED: 'Too many requests; retry later',
  SERVER_ERROR: 'An unexpected error has occurred',
};

/** The message of a code the API (or its statuses) names, else undefined. */
export function errorMessage(code: string): string | undefined {
  // A code from an answer may be any string, `toString` included.
  const message = (MESSAGES as Record<string, unknown>)[code];
  return typeof message === 'string' ? message : undefined;
}

/**
 * Each code a server answers with, its status and message: the API's, and those a server in
 * front of it (the mock, a gateway) sends for the statuses the reference leaves unnamed.
 */
export const ERRORS = {
  BAD_REQUEST: {status: 400, message: MESSAGES.BAD_REQUEST},
  UNAUTHORIZED: {status: 401, message: MESSAGES.UNAUTHORIZED},
  FORBIDDEN: {status: 403, message: MESSAGES.FORBIDDEN},
  GEO_RULE: {status: 403, message: MESSAGES.GEO_RULE},
  NOT_FOUND: {status: 404, message: MESSAGES.NOT_FOUND},
  MEDIA_NOT_FOUND: {status: 404, message: MESSAGES.MEDIA_NOT_FOUND},
  MEDIA_GROUP_NOT_FOUND: {status: 404, message: MESSAGES.MEDIA_GROUP_NOT_FOUND},
  METHOD_NOT_ALLOWED: {status: 405, message: 'Method not allowed'},
  REQUEST_TIMEOUT: {status: 408, message: MESSAGES.REQUEST_TIMEOUT},
  RATE_LIMITED: {status: 429, message: MESSAGES.RATE_LIMITED},
  SERVER_ERROR: {status: 500, message: MESSAGES.SERVER_ERROR},
  BAD_GATEWAY: {status: 502, message: 'Bad gateway'},
  SERVICE_UNAVAILABLE: {status: 503, message: 'Service temporarily unavailable'},
  GATEWAY_TIMEOUT: {status: 504, message: 'Gateway timeout'},
} as const;

/** A code of {@link ERRORS}. */
export type ErrorCode = keyof typeof ERRORS;

/**
 * The code an error answer without one stands for, as a reader of the API understands it:
 * every 5xx is `SERVER_ERROR`, a status the API does not use is `HTTP_ERROR`, and a 404 is
 * `notFoundCode` (what was asked for decides: `MEDIA_NOT_FOUND` for a media).
 */
export function codeForStatus(status: number, notFoundCode = 'NOT_FOUND'): string {
  if (status === 400 || status === 422) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return notFoundCode;
  if (status === 408) return 'REQUEST_TIMEOUT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'SERVER_ERROR';
  return 'HTTP_ERROR';
}

/**
 * The code a server answers a status with, as the API would: its own codes for its statuses
 * (`GEO_RULE` for 403, `MEDIA_NOT_FOUND` for 404), a gateway's for 502 to 504, else
 * `SERVER_ERROR` for a 5xx and `BAD_REQUEST` for the rest.
 */
export function answerCodeForStatus(status: number): ErrorCode {
  const exact = (Object.keys(ERRORS) as ErrorCode[]).find(
    (code) => ERRORS[code].status === status && code !== 'FORBIDDEN' && code !== 'NOT_FOUND',
  );
  if (exact) return exact;
  return status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST';
}
