/** Options of {@link UpstreamBudget}. */
export interface UpstreamBudgetOptions {
  /** Upstream requests allowed in any window. */
  perMinute: number;
  /** Default one minute, the API's own window. */
  windowMs?: number;
  /**
   * Extra time before a spent token comes back. The upstream counts a request when it
   * arrives, later than the proxy sends it: without this margin a request sent exactly one
   * window after another could land inside the upstream's window of the first.
   */
  marginMs?: number;
  now: () => number;
}

/**
 * The upstream request budget, shared by every route and by token requests.
 *
 * A token bucket of `perMinute` tokens in which a spent token comes back one window (plus a
 * margin) after it was spent, rather than at a steady drip. A dripping bucket lets a full
 * burst and then a minute's refill through within one minute, twice what the API allows
 * per sliding minute; this one never sends more than `perMinute` requests in any window.
 */
export class UpstreamBudget {
  readonly capacity: number;
  readonly #windowMs: number;
  readonly #marginMs: number;
  readonly #now: () => number;
  /** Times tokens were spent, oldest first. */
  readonly #spent: number[] = [];
  #pausedUntil = 0;

  constructor(options: UpstreamBudgetOptions) {
    this.capacity = options.perMinute;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#marginMs = options.marginMs ?? 1_000;
    this.#now = options.now;
  }

  /** Tokens that could be spent now. */
  remaining(): number {
    const now = this.#now();
    this.#prune(now);
    return now < this.#pausedUntil ? 0 : this.capacity - this.#spent.length;
  }

  /** Spends one token; false (and nothing spent) when none is left. */
  tryTake(): boolean {
    if (this.remaining() <= 0) return false;
    this.#spent.push(this.#now());
    return true;
  }

  /** Milliseconds until a token is available again; 0 when one is. */
  msUntilAvailable(): number {
    const now = this.#now();
    this.#prune(now);
    let wait = Math.max(0, this.#pausedUntil - now);
    if (this.#spent.length >= this.capacity) {
      wait = Math.max(wait, this.#spent[0]! + this.#windowMs + this.#marginMs - now);
    }
    return wait;
  }

  /**
   * Spends nothing more for `ms`: the upstream answered 429, so something else shares the
   * account's limit (or its clock runs differently) and our count cannot be trusted.
   */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  #prune(now: number) {
    const horizon = now - this.#windowMs - this.#marginMs;
    while (this.#spent.length && this.#spent[0]! <= horizon) this.#spent.shift();
  }
}
