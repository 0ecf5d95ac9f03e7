import type {BudgetGrant, BudgetState} from './types.js';

/** One request spent: when, and an id unique in this process. */
export interface Spend {
  at: number;
  id: string;
}

/** Options of {@link SlidingLog}. */
export interface SlidingLogOptions {
  capacity: number;
  windowMs: number;
  /**
   * Extra time before a spent request leaves the window. The upstream counts a request when
   * it arrives, later than it is sent: without this margin a request sent exactly one window
   * after another could land inside the upstream's window of the first.
   */
  marginMs: number;
  /** Longest pause one upstream 429 can cause, whatever its `Retry-After`. */
  maxPauseMs: number;
  /**
   * After the log is made, the share of `capacity` that may be spent grows from a tenth to
   * all of it over this time: a restarted process cannot know what the one before it spent
   * in the API's window. 0 (the default) starts with the whole budget.
   */
  rampMs?: number;
  /** When the ramp starts; required with `rampMs`. */
  startedAt?: number;
}

/**
 * A sliding-log limiter in one process's memory: a spent request leaves the window one
 * window (plus a margin) after it was spent, so no window of any start ever holds more than
 * `capacity` requests. A dripping token bucket would let a burst and a full refill through
 * within one minute, twice what the API allows.
 */
export class SlidingLog {
  readonly options: SlidingLogOptions;
  /** Requests spent (time and an id unique in this process), oldest first. */
  readonly #spent: Spend[] = [];
  #pausedUntil = 0;

  constructor(options: SlidingLogOptions) {
    this.options = options;
  }

  /** Spends one request at `now` if the window, the ramp and the pause allow it. */
  take(now: number, id = ''): BudgetGrant {
    const wait = this.msUntilAvailable(now);
    if (wait > 0) return {granted: false, retryInMs: wait, remaining: 0};
    this.#spent.push({at: now, id});
    return {granted: true, retryInMs: 0, remaining: this.allowed(now) - this.#spent.length};
  }

  /** Records a request spent elsewhere (the shared limiter granted it), whatever the count. */
  record(at: number, id: string): void {
    this.#spent.push({at, id});
    this.#spent.sort((a, b) => a.at - b.at);
  }

  /** Requests spent within the window that ends at `now`, oldest first. */
  spent(now: number): readonly Spend[] {
    this.#prune(now);
    return this.#spent;
  }

  /** Milliseconds until a request may be spent; 0 when one may now. */
  msUntilAvailable(now: number): number {
    this.#prune(now);
    let wait = Math.max(0, this.#pausedUntil - now);
    const {capacity, windowMs, marginMs} = this.options;
    const spent = this.#spent.length;
    if (spent >= capacity) {
      const oldestLeaving = this.#spent[spent - capacity]!.at;
      wait = Math.max(wait, oldestLeaving + windowMs + marginMs - now);
    } else if (spent >= this.allowed(now)) {
      // Still ramping up: the moment the allowance passes what was spent.
      const {rampMs = 0, startedAt = 0} = this.options;
      wait = Math.max(wait, startedAt + Math.ceil(((spent + 1) * rampMs) / capacity) - now);
    }
    return wait;
  }

  /**
   * Pauses until `untilMs`, capped at `maxPauseMs` from `now`; never shortens a pause.
   * @returns the end of the pause in force.
   */
  pause(untilMs: number, now: number): number {
    const capped = Math.min(untilMs, now + this.options.maxPauseMs);
    this.#pausedUntil = Math.max(this.#pausedUntil, capped);
    return this.#pausedUntil;
  }

  /** Requests the ramp allows in all at `now`: `capacity` once the ramp is over. */
  allowed(now: number): number {
    const {capacity, rampMs = 0, startedAt = 0} = this.options;
    const elapsed = now - startedAt;
    if (rampMs <= 0 || elapsed >= rampMs) return capacity;
    return Math.max(Math.ceil(capacity / 10), Math.floor((capacity * elapsed) / rampMs));
  }

  state(now: number): BudgetState {
    this.#prune(now);
    const pausedUntil = this.#pausedUntil > now ? this.#pausedUntil : 0;
    const allowance = this.allowed(now);
    const free = Math.max(0, allowance - this.#spent.length);
    return {
      capacity: this.options.capacity,
      allowance,
      remaining: pausedUntil ? 0 : free,
      retryInMs: this.msUntilAvailable(now),
      pausedUntil,
      shared: false,
    };
  }

  #prune(now: number) {
    const horizon = now - this.options.windowMs - this.options.marginMs;
    while (this.#spent.length && this.#spent[0]!.at <= horizon) this.#spent.shift();
  }
}
