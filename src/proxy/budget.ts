import {LRUCache} from 'lru-cache';

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
