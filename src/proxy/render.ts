// Answers: status, headers (Cache-Control, ETag, Vary, Retry-After), gzip and 304s; cache hits
// from answers made once (prebuilt.ts).
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
import {PrebuiltCache, variantOf} from './prebuilt.js';
import type {Refusal} from './request.js';
import type {CacheEntry} from './store/index.js';

/** CDNs may keep error answers this long at most. */
export const ERROR_MAX_AGE_S = 5;
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

/**
 * Turns what a key's handling came to into an answer for one request.
 * Members are `private`, not `#`, as in prebuilt.ts (every cache hit runs them).
 */
export class Renderer {
  private readonly ctx: ProxyContext;
  private readonly prebuilt: PrebuiltCache;
  /** Accept-Encoding values seen and whether each takes gzip: browsers send a handful. */
  private readonly gzipTaken = new Map<string, boolean>();

  constructor(ctx: ProxyContext) {
    this.ctx = ctx;
    this.prebuilt = new PrebuiltCache(ctx.settings.cache.maxBytes);
  }

  /** Synchronous unless a gzip body is still being made. */
  render(
    served: Served,
    request: PlainRequest,
    method: string,
    cors: Cors,
  ): PlainAnswer | Promise<PlainAnswer> {
    const {stats, settings} = this.ctx;
    if (!('failure' in served) && served.entry.status === 200 && served.entry.etag) {
      return this.withValidators(served.entry, served.cache, request, method, cors);
    }
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
    headers['cache-control'] = this.cacheControl(entry, cache);
    return respond(stats, entry.status, entry.body, headers, method);
  }

  /**
   * A 200 with its ETag: the answer made for the same variant, state, age and CORS headers
   * when there is one (every hit within the same second), else a new one, kept for the next.
   */
  private withValidators(
    entry: CacheEntry,
    cache: CacheState,
    request: PlainRequest,
    method: string,
    cors: Cors,
  ): PlainAnswer | Promise<PlainAnswer> {
    const {stats} = this.ctx;
    const prebuilt = this.prebuilt.of(entry.etag!, entry.body);
    // A list page is tens of kilobytes of JSON that gzip cuts about six times. A CDN in front
    // may compress too; it then asks without gzip or passes this through.
    const gzip = prebuilt.compressible && this.takesGzip(request.headers.get('accept-encoding'));
    const maxAge = this.maxAge(entry, cache);
    const variant = variantOf(gzip, method);
    const ifNoneMatch = request.headers.get('if-none-match');
    if (!ifNoneMatch) {
      const made = prebuilt.answer(variant, cache, maxAge, cors.headers);
      if (made) {
        increment(stats.responses, '200');
        return made;
      }
    }
    const headers: Record<string, string> = {...cors.headers, 'x-cache': cache};
    headers['cache-control'] = this.freshFor(maxAge);
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
    // Another representation, another strong validator; either one still matches on revalidation.
    const etag = entry.etag!;
    const gzipTag = `${etag.slice(0, -1)}-gzip"`;
    headers.etag = gzip ? gzipTag : etag;
    const matched = [headers.etag, gzipTag, etag].find((tag) => matchesEtag(ifNoneMatch, tag));
    if (matched) {
      stats.notModified++;
      // The 304 names the copy the client holds, so that is the copy its cache freshens.
      return respond(stats, 304, null, {...headers, etag: matched}, method);
    }
    const made = (body: Uint8Array<ArrayBuffer>) => {
      const answer = respond(stats, 200, body, headers, method);
      prebuilt.remember(variant, cache, maxAge, cors.headers, answer);
      return answer;
    };
    if (!gzip) return made(prebuilt.identity);
    headers['content-encoding'] = 'gzip';
    return prebuilt.gzip ? made(prebuilt.gzip) : prebuilt.gzipped().then(made);
  }

  private takesGzip(header: string | null): boolean {
    if (!header) return false;
    let taken = this.gzipTaken.get(header);
    if (taken === undefined) {
      taken = acceptsGzip({get: () => header});
      if (this.gzipTaken.size >= 64) this.gzipTaken.clear();
      if (header.length <= 256) this.gzipTaken.set(header, taken);
    }
    return taken;
  }

  /** A 200's max-age: what is left of its freshness, or a few seconds once it is stale. */
  private maxAge(entry: CacheEntry, state: CacheState): number {
    const t = this.ctx.settings.now();
    const stale = state === 'STALE' || t >= entry.freshUntil;
    // A stale answer is kept briefly downstream: a refresh is under way or upstream is failing,
    // and asking again at once would only return the same bytes.
    return stale
      ? Math.min(ERROR_MAX_AGE_S, seconds(this.ctx.settings.cache.ttlMs))
      : secondsLeft(entry.freshUntil - t);
  }

  private freshFor(maxAge: number): string {
    const times = this.ctx.settings.cache;
    return (
      `public, max-age=${maxAge}, stale-while-revalidate=${seconds(times.staleWhileRevalidateMs)}, ` +
      `stale-if-error=${seconds(times.staleIfErrorMs)}`
    );
  }

  private cacheControl(entry: CacheEntry, state: CacheState): string {
    if (entry.status !== 200) {
      const left = secondsLeft(entry.freshUntil - this.ctx.settings.now());
      return `public, max-age=${Math.min(ERROR_MAX_AGE_S, left)}`;
    }
    return this.freshFor(this.maxAge(entry, state));
  }
}
