import {LRUCache} from 'lru-cache';

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
  /** Longest pause one upstream 429 can cause, whatever its `Retry-After`. Default 60 s. */
  maxPauseMs?: number;
  /**
   * After the budget is made, the share of `perMinute` that may be spent grows from a tenth
   * to all of it over this time: a restarted process cannot know what the one before it spent
   * in the API's window. 0 starts with the whole budget. Default one window.
   */
  rampMs?: number;
  now: () => number;
}

/** What `/healthz` and the metrics show of the budget. */
export interface BudgetState {
  remaining: number;
  capacity: number;
  /** Milliseconds left of a pause after an upstream 429; 0 when not paused. */
  pausedForMs: number;
  /** True while the budget still ramps up after start. */
  rampingUp: boolean;
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
  readonly maxPauseMs: number;
  readonly #windowMs: number;
  readonly #marginMs: number;
  readonly #rampMs: number;
  readonly #startedAt: number;
  readonly #now: () => number;
  /** Times tokens were spent, oldest first. */
  readonly #spent: number[] = [];
  #pausedUntil = 0;

  constructor(options: UpstreamBudgetOptions) {
    this.capacity = options.perMinute;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#marginMs = options.marginMs ?? 1_000;
    this.maxPauseMs = options.maxPauseMs ?? 60_000;
    this.#rampMs = options.rampMs ?? this.#windowMs;
    this.#now = options.now;
    this.#startedAt = this.#now();
  }

  /** Tokens that could be spent now. */
  remaining(): number {
    const now = this.#now();
    this.#prune(now);
    return now < this.#pausedUntil ? 0 : Math.max(0, this.allowed(now) - this.#spent.length);
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
    const spent = this.#spent.length;
    if (spent >= this.capacity) {
      wait = Math.max(wait, this.#spent[0]! + this.#windowMs + this.#marginMs - now);
    } else if (spent >= this.allowed(now)) {
      // Still ramping up: the moment the allowance passes what was spent.
      const at = this.#startedAt + Math.ceil(((spent + 1) * this.#rampMs) / this.capacity);
      wait = Math.max(wait, at - now);
    }
    return wait;
  }

  /**
   * Spends nothing more for `ms`, at most `maxPauseMs`: the upstream answered 429, so
   * something else shares the account's limit (or its clock runs differently) and our count
   * cannot be trusted. The cap keeps one absurd `Retry-After` from stopping the proxy for good.
   * @returns the pause applied.
   */
  pause(ms: number): number {
    const applied = Math.min(Math.max(0, ms), this.maxPauseMs);
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + applied);
    return applied;
  }

  state(): BudgetState {
    const now = this.#now();
    return {
      remaining: this.remaining(),
      capacity: this.capacity,
      pausedForMs: Math.max(0, this.#pausedUntil - now),
      rampingUp: this.allowed(now) < this.capacity,
    };
  }

  /** Tokens the ramp allows in all at this moment: `capacity` once the ramp is over. */
  allowed(now = this.#now()): number {
    const elapsed = now - this.#startedAt;
    if (this.#rampMs <= 0 || elapsed >= this.#rampMs) return this.capacity;
    const floor = Math.ceil(this.capacity / 10);
    return Math.max(floor, Math.floor((this.capacity * elapsed) / this.#rampMs));
  }

  #prune(now: number) {
    const horizon = now - this.#windowMs - this.#marginMs;
    while (this.#spent.length && this.#spent[0]! <= horizon) this.#spent.shift();
  }
}

/** Options of {@link ClientShares}. */
export interface ClientSharesOptions {
  /** Upstream misses for never-seen keys one client may cause per window. */
  perClient: number;
  windowMs?: number;
  /** Clients remembered at once; the least recently seen are forgotten first. Default 10 000. */
  maxClients?: number;
  now: () => number;
}

/**
 * Each client's share of the upstream budget for never-seen keys, so that one client asking
 * for random ids cannot spend the minute for everyone. Only misses that go upstream count:
 * cache hits, collapsed misses and refreshes of known keys are free.
 */
export class ClientShares {
  readonly perClient: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Per client, the times it spent a share, oldest first. */
  readonly #spent: LRUCache<string, number[]>;

  constructor(options: ClientSharesOptions) {
    this.perClient = options.perClient;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#now = options.now;
    this.#spent = new LRUCache({max: options.maxClients ?? 10_000});
  }

  /** Clients with a share spent in the current window. */
  get size(): number {
    return this.#spent.size;
  }

  /** Spends one of the client's share; false (nothing spent) when its share is used up. */
  tryTake(client: string): boolean {
    const now = this.#now();
    const times = this.#recent(client, now);
    if (times.length >= this.perClient) return false;
    times.push(now);
    this.#spent.set(client, times);
    return true;
  }

  /** Milliseconds until the client may cause another miss. */
  msUntilAvailable(client: string): number {
    const now = this.#now();
    const times = this.#recent(client, now);
    return times.length < this.perClient ? 0 : times[0]! + this.#windowMs - now;
  }

  #recent(client: string, now: number): number[] {
    const times = this.#spent.get(client) ?? [];
    while (times.length && times[0]! <= now - this.#windowMs) times.shift();
    return times;
  }
}
