// Small pieces of HTTP the proxy's answers are made of: no state, no node: imports.
import type {PlainRequest} from '../server/plain-http.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

// The proxy's modules read the reason phrases here; they are the API's (`src/api/`).
export {STATUS_TEXT} from '../api/index.js';

export function errorBody(code: string, message: string): string {
  return JSON.stringify({code, message});
}

export function seconds(ms: number): number {
  return Math.max(0, Math.floor(ms / 1000));
}

/** Whole seconds left, rounded up: an answer stored a moment ago still says the full TTL. */
export function secondsLeft(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/**
 * True when `Accept-Encoding` accepts gzip: `gzip` with a q-value above 0, or, when gzip is
 * not named, `*` with one. A named `gzip;q=0` refuses it whatever `*` says (RFC 9110 12.5.3).
 */
export function acceptsGzip(headers: PlainRequest['headers']): boolean {
  const header = headers.get('accept-encoding');
  if (!header) return false;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(coding!.trim(), q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  return (weights.get('gzip') ?? weights.get('*') ?? 0) > 0;
}

/** Weak comparison, as `If-None-Match` requires; `*` matches any current answer. */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * Who asked, for each client's share of the budget: the socket's address, or the first
 * `X-Forwarded-For` hop when the proxy is told it sits behind a proxy that sets that header.
 * Undefined when neither is known (a fetch `Request` has no address): then no share applies,
 * since one share for every visitor would cut the whole budget to a client's.
 */
export function clientOf(request: PlainRequest, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const first = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  return request.clientAddress;
}
