import {answerCodeForStatus, ERRORS, statusText, type ErrorCode} from '../api/index.js';

// The mock's modules read these here; they are the API's (`src/api/`).
export {ERRORS, statusText, type ErrorCode};

/** The code a fault of a given status answers with, so clients see what a real failure sends. */
export const codeForStatus = answerCodeForStatus;

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
