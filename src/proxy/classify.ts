// What an upstream failure means for the proxy's clients.
import {errorMessage} from '../api/index.js';
import {CatalogError} from '../client/index.js';
import {describeError, type ProxyLogger} from './log.js';

/** What a client gets when there is nothing to serve. */
export interface Failure {
  status: number;
  code: string;
  message: string;
  retryAfterMs?: number;
}

export type Classified =
  /** An authoritative "no" about the content: cached briefly as that answer. */
  | {kind: 'negative'; status: number; code: string}
  /** Rate limited upstream or budget spent: serve stale, else 503 with Retry-After. */
  | {kind: 'busy'; failure: Failure}
  /** Upstream failed: serve stale, else this, remembered for a few seconds. */
  | {kind: 'failed'; failure: Failure};

/** The codes a negative (cached) answer keeps; a 404 with any other code becomes NOT_FOUND. */
const NEGATIVE_CODES = new Set([
  'MEDIA_NOT_FOUND',
  'MEDIA_GROUP_NOT_FOUND',
  'NOT_FOUND',
  'GEO_RULE',
  'BAD_REQUEST',
]);

/** The reference's message for a negative answer's code, as the proxy words its bodies. */
export function negativeMessage(code: string): string {
  return `${errorMessage(code) ?? 'Not found'}.`;
}

const CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,39}$/;

function failed(status: number, code: string, message: string): Classified {
  return {kind: 'failed', failure: {status, code, message}};
}

/**
 * Sorts an upstream error into a negative answer, "busy" or a failure. A failed login (the
 * client's `AUTH_FAILED`, whatever its HTTP status) is the proxy's failure, never an answer
 * about the content asked for.
 */
export function classify(
  error: unknown,
  key: string,
  log: ProxyLogger,
  busy: (retryAfterMs: number | undefined) => Failure,
): Classified {
  if (!CatalogError.is(error)) {
    log.error(`unexpected failure for ${key}: ${describeError(error)}`);
    return failed(502, 'SERVER_ERROR', 'The catalog API failed.');
  }
  const {status, code} = error;
  if (status === 429) return {kind: 'busy', failure: busy(error.retryAfterMs)};
  if (code === 'AUTH_FAILED') {
    log.error(`the proxy could not obtain an upstream token (HTTP ${status || 'none'})`);
    return failed(502, 'AUTH_FAILED', 'The proxy could not authenticate with the catalog API.');
  }
  if (code === 'REDIRECT') {
    log.error(`the upstream API answered ${key} with a redirect (HTTP ${status}); not followed`);
    const message = 'The catalog API answered with a redirect, which the proxy never follows.';
    return failed(502, 'REDIRECT', message);
  }
  if (status === 404) {
    return {kind: 'negative', status, code: NEGATIVE_CODES.has(code) ? code : 'NOT_FOUND'};
  }
  if (status === 403 && code === 'GEO_RULE') return {kind: 'negative', status, code};
  if (status === 400 || status === 422) {
    return {kind: 'negative', status: 400, code: 'BAD_REQUEST'};
  }
  const safeCode = CODE_PATTERN.test(code) ? code : 'HTTP_ERROR';
  log.warn(`upstream failed for ${key}: ${safeCode} (HTTP ${status || 'none'})`);
  if (status === 401 || status === 403) {
    log.error(`the upstream API refused the proxy's credentials (HTTP ${status})`);
    return failed(502, 'SERVER_ERROR', 'The proxy could not authenticate with the catalog API.');
  }
  if (code === 'TIMEOUT' || status === 408 || status === 504) {
    return failed(504, 'TIMEOUT', 'The catalog API did not answer in time.');
  }
  if (code === 'NETWORK_ERROR') {
    return failed(502, 'NETWORK_ERROR', 'The catalog API could not be reached.');
  }
  if (code === 'INVALID_RESPONSE') {
    return failed(
      502,
      'INVALID_RESPONSE',
      'The catalog API sent a response the proxy could not read.',
    );
  }
  return failed(502, 'SERVER_ERROR', `The catalog API failed${status ? ` (HTTP ${status})` : ''}.`);
}
