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
  marginMs: number;
  maxPauseMs: number;
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

  /** Spends one request at `now` if the window and the pause allow it. */
  take(now: number, id = ''): BudgetGrant {
    const wait = this.msUntilAvailable(now);
    if (wait > 0) return {granted: false, retryInMs: wait, remaining: 0};
    this.#spent.push({at: now, id});
    return {granted: true, retryInMs: 0, remaining: this.options.capacity - this.#spent.length};
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

  msUntilAvailable(now: number): number {
    this.#prune(now);
    let wait = Math.max(0, this.#pausedUntil - now);
    const {capacity, windowMs, marginMs} = this.options;
    if (this.#spent.length >= capacity) {
      const oldestLeaving = this.#spent[this.#spent.length - capacity]!.at;
      wait = Math.max(wait, oldestLeaving + windowMs + marginMs - now);
    }
    return wait;
  }

  /** Pauses until `untilMs`, capped at `maxPauseMs` from `now`; never shortens a pause. */
  pause(untilMs: number, now: number): number {
    const capped = Math.min(untilMs, now + this.options.maxPauseMs);
    this.#pausedUntil = Math.max(this.#pausedUntil, capped);
    return this.#pausedUntil;
  }

  state(now: number): BudgetState {
    this.#prune(now);
    const pausedUntil = this.#pausedUntil > now ? this.#pausedUntil : 0;
    const free = Math.max(0, this.options.capacity - this.#spent.length);
    return {
      capacity: this.options.capacity,
      remaining: pausedUntil ? 0 : free,
      pausedUntil,
      shared: false,
    };
  }

  #prune(now: number) {
    const horizon = now - this.options.windowMs - this.options.marginMs;
    while (this.#spent.length && this.#spent[0]!.at <= horizon) this.#spent.shift();
  }
}
