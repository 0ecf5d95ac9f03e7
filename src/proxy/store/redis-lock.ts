import {sleep} from './defaults.js';
import {FAILED, type RedisLink} from './redis-link.js';
import {RELEASE, RENEW} from './redis-scripts.js';
import {randomId} from './redis-budget.js';
import type {StoreCounters} from './types.js';

/** A lock held without Redis: process-local single-flight is all there is while it is down. */
const LOCAL = 'local';

/**
 * Locks with a short lease in Redis (SET NX PX), released and renewed only by their holder
 * (a token checked in Lua). The holder renews the lease while it works; a holder that dies
 * stops renewing, and the lock is free again one lease later.
 */
export class SharedLocks {
  readonly #link: RedisLink;
  readonly #counters: StoreCounters;
  readonly #pollMs: number;

  constructor(link: RedisLink, counters: StoreCounters, pollMs: number) {
    this.#link = link;
    this.#counters = counters;
    this.#pollMs = pollMs;
  }

  /**
   * Runs `lead` under the lock (unless `check` then finds what another holder produced), or
   * waits for `check` to find it.
   * A waiter tries the lock again on every poll, so it leads as soon as the lock is released
   * or its lease runs out. Undefined when nothing came within `waitMs` (real time).
   */
  async leadOrWait<T>(
    lockKey: string,
    leaseMs: number,
    waitMs: number,
    check: () => Promise<T | undefined>,
    lead: () => Promise<T>,
  ): Promise<T | undefined> {
    const deadline = Date.now() + waitMs;
    let waited = false;
    for (;;) {
      const token = await this.#acquire(lockKey, leaseMs);
      if (token) {
        return this.#hold(lockKey, token, leaseMs, async () => {
          // The previous holder may have finished between our last look and our lock.
          const done = await check();
          if (done !== undefined) return done;
          if (waited) this.#counters.lockTakeovers++;
          return lead();
        });
      }
      if (!waited) this.#counters.lockWaits++;
      waited = true;
      if (Date.now() >= deadline) return undefined;
      await sleep(this.#pollMs);
      const value = await check();
      if (value !== undefined) return value;
    }
  }

  async #acquire(lockKey: string, leaseMs: number): Promise<string | undefined> {
    const token = randomId();
    const reply = await this.#link.call((c) => c.set(lockKey, token, 'PX', leaseMs, 'NX'));
    if (reply === FAILED) return LOCAL;
    return reply === 'OK' ? token : undefined;
  }

  async #hold<T>(
    lockKey: string,
    token: string,
    leaseMs: number,
    lead: () => Promise<T>,
  ): Promise<T> {
    if (token === LOCAL) return lead();
    const renew = () => void this.#link.call((c) => RENEW.run(c, [lockKey], [token, leaseMs]));
    const timer = setInterval(renew, Math.max(10, Math.floor(leaseMs / 3)));
    timer.unref?.();
    try {
      return await lead();
    } finally {
      clearInterval(timer);
      await this.#link.call((c) => RELEASE.run(c, [lockKey], [token]));
    }
  }
}
