/** The reference's error codes (plus RATE_LIMITED, which the common spec implies), by status. */
export const ERRORS = {
  BAD_REQUEST: {status: 400, message: 'Invalid request parameters'},
  UNAUTHORIZED: {status: 401, message: 'Authentication failed'},
  FORBIDDEN: {status: 403, message: 'Forbidden'},
  GEO_RULE: {status: 403, message: 'Access from this IP address is not permitted'},
  MEDIA_NOT_FOUND: {status: 404, message: 'The specified media does not exist'},
  NOT_FOUND: {status: 404, message: 'Not found'},
  METHOD_NOT_ALLOWED: {status: 405, message: 'Method not allowed'},
  RATE_LIMITED: {status: 429, message: 'Too many requests; retry later'},
  SERVER_ERROR: {status: 500, message: 'An unexpected error has occurred'},
  BAD_GATEWAY: {status: 502, message: 'Bad gateway'},
  SERVICE_UNAVAILABLE: {status: 503, message: 'Service temporarily unavailable'},
  GATEWAY_TIMEOUT: {status: 504, message: 'Gateway timeout'},
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** The code a fault of a given status answers with, so clients see what a real failure sends. */
export function codeForStatus(status: number): ErrorCode {
  const exact = (Object.keys(ERRORS) as ErrorCode[]).find(
    (code) => ERRORS[code].status === status && code !== 'FORBIDDEN' && code !== 'NOT_FOUND',
  );
  if (exact) return exact;
  return status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST';
}

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, PUT, DELETE, POST, OPTIONS',
  'access-control-allow-headers': 'X-Streaks-Api-Key, Authorization, Content-Type, X-Mock-Country',
  'access-control-expose-headers': 'Retry-After',
  'access-control-max-age': '600',
};

function withCors(headers: Record<string, string>): Headers {
  return new Headers({...CORS_HEADERS, ...headers});
}

export function preflightResponse(): Response {
  return new Response(null, {status: 204, statusText: 'No Content', headers: withCors({})});
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The reason phrase, which the Node adapter would otherwise send empty ("HTTP/1.1 403 "). A
 * table rather than node:http's, so the handler runs on any fetch-standard runtime.
 */
export function statusText(status: number): string {
  return REASONS[status] ?? '';
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    statusText: statusText(status),
    headers: withCors({'content-type': 'application/json; charset=utf-8', ...headers}),
  });
}

export function errorResponse(
  code: ErrorCode,
  message: string = ERRORS[code].message,
  headers: Record<string, string> = {},
  status: number = ERRORS[code].status,
): Response {
  return jsonResponse({code, message}, status, headers);
}

export function bodyResponse(
  body: BodyInit | null,
  status: number,
  headers: Record<string, string>,
): Response {
  return new Response(body, {status, statusText: statusText(status), headers: withCors(headers)});
}

/** Thrown by validators; the router turns it into a `400 BAD_REQUEST` with this message. */
export class BadRequest extends Error {}
