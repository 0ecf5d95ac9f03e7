// Cross-origin reads: which origins may read answers, and preflights.
import type {PlainAnswer, PlainRequest} from '../server/plain-http.js';
import {ALLOWED_METHODS, isCatalogPath} from './request.js';
import {refused, respond} from './render.js';
import type {ProxyStats} from './metrics.js';

const EXPOSED_HEADERS = 'ETag, Retry-After, X-Cache';
/** Request headers a preflight may ask for; never `Authorization` or `Cookie`. */
const PREFLIGHT_HEADERS = new Set([
  'accept',
  'accept-language',
  'content-language',
  'if-none-match',
  'cache-control',
]);

export interface Cors {
  allowed: boolean;
  headers: Record<string, string>;
}

/** `origins` undefined: any origin. */
export function corsFor(origins: ReadonlySet<string> | undefined, origin: string | null): Cors {
  if (!origins) {
    return {
      allowed: true,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': EXPOSED_HEADERS,
      },
    };
  }
  // Answers differ by Origin, so shared caches must key on it.
  const vary = {vary: 'Origin'};
  if (origin === null) return {allowed: true, headers: vary};
  if (!origins.has(origin)) return {allowed: false, headers: vary};
  return {
    allowed: true,
    headers: {
      ...vary,
      'access-control-allow-origin': origin,
      'access-control-expose-headers': EXPOSED_HEADERS,
    },
  };
}

export function preflight(
  stats: ProxyStats,
  request: PlainRequest,
  url: URL,
  cors: Cors,
): PlainAnswer {
  if (!isCatalogPath(url.pathname)) {
    const refusal = {status: 404, code: 'NOT_FOUND', message: 'The proxy serves no such path.'};
    return refused(stats, refusal, 'OPTIONS', cors.headers, 'no-store');
  }
  const wanted = (request.headers.get('access-control-request-method') ?? 'GET').toUpperCase();
  if (wanted !== 'GET' && wanted !== 'HEAD') {
    const refusal = {
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      message: 'The proxy is read-only: use GET.',
      headers: {allow: ALLOWED_METHODS},
    };
    return refused(stats, refusal, 'OPTIONS', cors.headers, 'no-store');
  }
  const requested = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => PREFLIGHT_HEADERS.has(name));
  const headers: Record<string, string> = {
    ...cors.headers,
    allow: ALLOWED_METHODS,
    'access-control-allow-methods': 'GET, HEAD',
    'access-control-max-age': '600',
    'cache-control': 'no-store',
  };
  if (requested.length) headers['access-control-allow-headers'] = requested.join(', ');
  return respond(stats, 204, null, headers, 'OPTIONS');
}
