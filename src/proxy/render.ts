// Answers: status, headers (Cache-Control, ETag, Vary, Retry-After), gzip and 304s.
import type {PlainAnswer, PlainRequest} from '../server/plain-http.js';
import type {CacheState, ProxyContext, Served} from './context.js';
import type {Cors} from './cors.js';
import {
  acceptsGzip,
  errorBody,
  JSON_TYPE,
  matchesEtag,
  seconds,
  secondsLeft,
  STATUS_TEXT,
} from './http-answer.js';
import {increment, type ProxyStats} from './metrics.js';
import type {Refusal} from './request.js';
import type {CacheEntry} from './store/index.js';

/** CDNs may keep error answers this long at most. */
export const ERROR_MAX_AGE_S = 5;
/** Smaller answers are sent as they are: gzip would save less than its own overhead. */
const GZIP_MIN_BYTES = 1024;

const encoder = new TextEncoder();

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? encoder.encode(body).byteLength : body.byteLength;
}

export function respond(
  stats: ProxyStats,
  status: number,
  body: string | Uint8Array<ArrayBuffer> | null,
  headers: Record<string, string>,
  method: string,
  contentType = JSON_TYPE,
): PlainAnswer {
  const out: Record<string, string> = {...headers, 'x-content-type-options': 'nosniff'};
  if (body !== null) {
    out['content-type'] = contentType;
    out['content-length'] = String(byteLength(body));
  }
  increment(stats.responses, String(status));
  return {
    status,
    statusText: STATUS_TEXT[status] ?? '',
    headers: out,
    body: method === 'HEAD' || status === 304 ? null : body,
  };
}

export function refused(
  stats: ProxyStats,
  refusal: Refusal,
  method: string,
  headers: Record<string, string>,
  cacheControl: string,
): PlainAnswer {
  increment(stats.refused, refusal.code);
  const all = {...headers, ...refusal.headers, 'cache-control': cacheControl};
  return respond(stats, refusal.status, errorBody(refusal.code, refusal.message), all, method);
}

/** Turns what a key's handling came to into an answer for one request. */
export class Renderer {
  readonly #ctx: ProxyContext;
  /** Each cached answer gzipped once, on its first request that accepts it. */
  readonly #gzipped = new WeakMap<CacheEntry, Promise<Uint8Array<ArrayBuffer>>>();

  constructor(ctx: ProxyContext) {
    this.#ctx = ctx;
  }

  async render(
    served: Served,
    request: PlainRequest,
    method: string,
    cors: Cors,
  ): Promise<PlainAnswer> {
    const {stats, settings} = this.#ctx;
    const headers: Record<string, string> = {...cors.headers, 'x-cache': 'MISS'};
    if ('failure' in served) {
      const {failure} = served;
      headers['cache-control'] = 'no-store';
      if (failure.retryAfterMs !== undefined) {
        headers['retry-after'] = String(Math.max(1, Math.ceil(failure.retryAfterMs / 1000)));
      }
      const body = errorBody(failure.code, failure.message);
      return respond(stats, failure.status, body, headers, method);
    }
    const {entry, cache} = served;
    headers['x-cache'] = cache;
    if (entry.status >= 500) {
      // A remembered failure: upstream failed moments ago for this key.
      headers['cache-control'] = 'no-store';
      const left = Math.ceil((entry.expiresAt - settings.now()) / 1000);
      headers['retry-after'] = String(Math.max(1, left));
      return respond(stats, entry.status, entry.body, headers, method);
    }
    headers['cache-control'] = this.#cacheControl(entry, cache);
    if (entry.status !== 200 || !entry.etag) {
      return respond(stats, entry.status, entry.body, headers, method);
    }
    return this.#withValidators(entry, request, method, headers);
  }

  async #withValidators(
    entry: CacheEntry,
    request: PlainRequest,
    method: string,
    headers: Record<string, string>,
  ): Promise<PlainAnswer> {
    const {stats} = this.#ctx;
    const etag = entry.etag!;
    // A list page is tens of kilobytes of JSON that gzip cuts about six times. A CDN in front
    // may compress too; it then asks without gzip or passes this through.
    const gzip = entry.body.length >= GZIP_MIN_BYTES && acceptsGzip(request.headers);
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    // Another representation, another strong validator; either one still matches on revalidation.
    const gzipTag = `${etag.slice(0, -1)}-gzip"`;
    headers.etag = gzip ? gzipTag : etag;
    const ifNoneMatch = request.headers.get('if-none-match');
    const matched = [headers.etag, gzipTag, etag].find((tag) => matchesEtag(ifNoneMatch, tag));
    if (matched) {
      stats.notModified++;
      // The 304 names the copy the client holds, so that is the copy its cache freshens.
      return respond(stats, 304, null, {...headers, etag: matched}, method);
    }
    if (!gzip) return respond(stats, 200, entry.body, headers, method);
    headers['content-encoding'] = 'gzip';
    return respond(stats, 200, await this.#gzipOf(entry), headers, method);
  }

  #cacheControl(entry: CacheEntry, state: CacheState): string {
    const t = this.#ctx.settings.now();
    const times = this.#ctx.settings.cache;
    if (entry.status !== 200) {
      return `public, max-age=${Math.min(ERROR_MAX_AGE_S, secondsLeft(entry.freshUntil - t))}`;
    }
    const stale = state === 'STALE' || t >= entry.freshUntil;
    // A stale answer is kept briefly downstream: a refresh is under way or upstream is failing,
    // and asking again at once would only return the same bytes.
    const maxAge = stale
      ? Math.min(ERROR_MAX_AGE_S, seconds(times.ttlMs))
      : secondsLeft(entry.freshUntil - t);
    return (
      `public, max-age=${maxAge}, stale-while-revalidate=${seconds(times.staleWhileRevalidateMs)}, ` +
      `stale-if-error=${seconds(times.staleIfErrorMs)}`
    );
  }

  #gzipOf(entry: CacheEntry): Promise<Uint8Array<ArrayBuffer>> {
    let bytes = this.#gzipped.get(entry);
    if (!bytes) {
      const stream = new Blob([entry.body]).stream().pipeThrough(new CompressionStream('gzip'));
      bytes = new Response(stream).arrayBuffer().then((buffer) => new Uint8Array(buffer));
      this.#gzipped.set(entry, bytes);
    }
    return bytes;
  }
}
