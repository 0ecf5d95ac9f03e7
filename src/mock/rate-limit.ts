// The mock's per-caller rate limit: sliding one-minute windows, answered with 429 and Retry-After.
import {errorResponse} from './http.js';

const MINUTE_MS = 60_000;

/** Sliding one-minute windows of request times per caller. */
export class RateLimiter {
  private windows = new Map<string, number[]>();

  /** `limit` requests per minute per caller; 0 lets every request through. */
  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Records a request; returns 0 when it is allowed, else the seconds to wait. */
  hit(key: string): number {
    const now = this.now();
    const times = (this.windows.get(key) ?? []).filter((t) => t > now - MINUTE_MS);
    if (times.length >= this.limit) {
      this.windows.set(key, times);
      return Math.max(1, Math.ceil((times[0]! + MINUTE_MS - now) / 1000));
    }
    times.push(now);
    this.windows.set(key, times);
    return 0;
  }

  /** Counts the request against its caller: a `429 RATE_LIMITED` past the limit, else undefined. */
  check(request: Request, byApiKey: boolean): Response | undefined {
    if (!(this.limit > 0)) return undefined;
    const wait = this.hit(rateLimitKey(request, byApiKey));
    if (!wait) return undefined;
    return errorResponse(
      'RATE_LIMITED',
      `Rate limit of ${this.limit} requests per minute exceeded; retry in ${wait} s`,
      {'retry-after': String(wait)},
    );
  }

  clear(): void {
    this.windows.clear();
  }
}

/** Who a request counts against: its API key while auth is on, else its client. */
export function rateLimitKey(request: Request, byApiKey: boolean): string {
  const key = byApiKey ? request.headers.get('x-streaks-api-key') : null;
  if (key) return `key:${key}`;
  // The fetch API carries no peer address; a forwarding header is the only hint there is.
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return `client:${forwarded || 'local'}`;
}
