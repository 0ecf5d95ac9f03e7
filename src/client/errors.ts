import {codeForStatus, errorMessage} from '../api/index.js';

// Was defined here; kept importable from here until every importer reads it from `api/`.
export {codeForStatus};

/**
 * Codes a {@link CatalogError} carries. The Catalog API's own codes come first; the rest are
 * the client's. A code the API sends that is not listed here is passed through as is.
 */
export type CatalogErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'GEO_RULE'
  | 'MEDIA_NOT_FOUND'
  | 'MEDIA_GROUP_NOT_FOUND'
  | 'SERVER_ERROR'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'REQUEST_TIMEOUT'
  | 'RATE_LIMITED'
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'INVALID_RESPONSE'
  | 'REDIRECT'
  | 'AUTH_FAILED'
  // What an element reports when the cause is its configuration (see docs/errors.md).
  | 'WRONG_API_BASE'
  | 'NOT_LISTENING'
  | 'CREDENTIALS_REQUIRED'
  | 'MERCHANT_NOT_ALLOWED'
  | 'ORIGIN_NOT_ALLOWED'
  | (string & {});

/** Fields of a {@link CatalogError}. */
export interface CatalogErrorInit {
  /** HTTP status; 0 when no response was received (network, time-out, abort, validation). */
  status: number;
  code: CatalogErrorCode;
  message: string;
  cause?: unknown;
  /** Delay the server asked for in `Retry-After`, in milliseconds. */
  retryAfterMs?: number;
}

/**
 * Every failure of a {@link CatalogClient} call. `status` is the HTTP status (0 for network
 * errors, time-outs, aborts and argument validation), `code` a stable machine-readable code.
 */
export class CatalogError extends Error {
  /** HTTP status, or 0 when no response was received. */
  readonly status: number;
  /** Machine-readable code such as `MEDIA_NOT_FOUND` or `TIMEOUT`. */
  readonly code: CatalogErrorCode;
  /** Delay the server asked for in `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: CatalogErrorInit) {
    super(init.message, {cause: init.cause});
    this.name = 'CatalogError';
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    // Engines older than ES2022 ignore the `cause` option.
    if (!('cause' in this)) {
      Object.defineProperty(this, 'cause', {value: init.cause, writable: true, configurable: true});
    }
  }

  /**
   * True for a `CatalogError` of this or another copy of the package (pages can load two,
   * and `instanceof` fails across copies).
   */
  static is(value: unknown): value is CatalogError {
    return (
      value instanceof CatalogError ||
      (value instanceof Error &&
        value.name === 'CatalogError' &&
        typeof (value as Partial<CatalogError>).code === 'string' &&
        typeof (value as Partial<CatalogError>).status === 'number')
    );
  }
}

/** Argument validation failure: thrown before any request is made. */
export function badRequest(message: string): CatalogError {
  return new CatalogError({status: 0, code: 'BAD_REQUEST', message});
}

export function invalidResponse(message: string, status = 200, cause?: unknown): CatalogError {
  return new CatalogError({status, code: 'INVALID_RESPONSE', message, cause});
}

export function abortedError(reason: unknown): CatalogError {
  return new CatalogError({
    status: 0,
    code: 'ABORTED',
    message: 'The request was aborted.',
    cause: reason,
  });
}

/** A non-empty string, else undefined. */
function text(value: unknown): string | undefined {
  return (typeof value === 'string' && value) || undefined;
}

/**
 * Reads `{code, message}` or `{error: {code, message}}` (or `{error: "message"}`) from an
 * error body already parsed as JSON.
 */
export function errorBodyFields(body: unknown): {code?: string; message?: string} {
  if (!body || typeof body !== 'object') return {};
  const outer = body as Record<string, unknown>;
  const inner =
    outer.error && typeof outer.error === 'object'
      ? (outer.error as Record<string, unknown>)
      : outer;
  const code = (typeof inner.code === 'string' && inner.code.trim()) || undefined;
  const message = text(inner.message) ?? text(outer.error) ?? text(outer.message);
  return {code, message};
}

/** What a response body turned out to be. */
export type BodyKind = 'json' | 'html' | 'text' | 'empty';

/**
 * The error for a non-2xx response. A JSON body's code wins; a JSON body without one, or no
 * body, gets a code from the status; an HTML page or other non-JSON text (a gateway's, a
 * misconfigured `apiBase`'s) is `INVALID_RESPONSE` with the real status, so retries still
 * see a 502. A 429 is always `RATE_LIMITED`: callers branch on it to back off.
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  options: {bodyKind: BodyKind; notFoundCode?: string; retryAfterMs?: number},
): CatalogError {
  const {bodyKind} = options;
  const fields = bodyKind === 'json' ? errorBodyFields(body) : {};
  let code: CatalogErrorCode =
    status === 429 ? 'RATE_LIMITED' : (fields.code ?? codeForStatus(status, options.notFoundCode));
  // The reference's message as a sentence, for an answer that sent none.
  let message = fields.message ?? `${errorMessage(code) ?? `HTTP ${status}`}.`;
  if (status !== 429 && (bodyKind === 'html' || bodyKind === 'text')) {
    code = 'INVALID_RESPONSE';
    message = `HTTP ${status}: expected a JSON error but got ${
      bodyKind === 'html' ? 'an HTML page' : 'a body that is not JSON'
    }.`;
  }
  return new CatalogError({
    status,
    code,
    message,
    retryAfterMs: options.retryAfterMs,
    cause: body === undefined ? undefined : {body},
  });
}
