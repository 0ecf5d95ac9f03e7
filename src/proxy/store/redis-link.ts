import type {Redis, RedisOptions} from 'ioredis';
import type {StoreCounters} from './types.js';

/** What a failed or timed-out command resolves to: callers fall back to local state. */
export const FAILED: unique symbol = Symbol('redis command failed');

/**
 * Client settings that fail fast: no offline queue (a command sent while disconnected fails
 * at once), a short command time-out, no per-command retry, and reconnection in the
 * background with a capped back-off.
 */
export function failFastOptions(commandTimeoutMs: number): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(1_000, commandTimeoutMs * 2),
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 6), 2_000),
    lazyConnect: false,
  };
}

/**
 * One client and the health of the link: every command goes through `call`, which counts
 * failures and turns them into {@link FAILED} instead of throwing.
 */
export class RedisLink {
  readonly client: Redis;
  readonly #counters: StoreCounters;
  readonly #now: () => number;
  #lastError: string | undefined;
  #lastErrorAt = -Infinity;
  #lastOkAt = -Infinity;

  constructor(client: Redis, counters: StoreCounters, now: () => number) {
    this.client = client;
    this.#counters = counters;
    this.#now = now;
    // Without a listener an 'error' event would throw; the failures are counted per command.
    client.on('error', (error: Error) => this.#note(error));
  }

  /** The link is down, or its last command failed after its last success. */
  get degraded(): boolean {
    return this.client.status !== 'ready' || this.#lastErrorAt > this.#lastOkAt;
  }

  get lastError(): string | undefined {
    return this.#lastError;
  }

  async call<T>(work: (client: Redis) => Promise<T>): Promise<T | typeof FAILED> {
    try {
      const value = await work(this.client);
      this.#lastOkAt = this.#now();
      return value;
    } catch (error) {
      this.#counters.errors++;
      this.#note(error as Error);
      return FAILED;
    }
  }

  #note(error: Error) {
    this.#lastErrorAt = this.#now();
    // Connection errors name host and port only; the URL (and any password in it) never shows.
    this.#lastError = `${error.name}: ${error.message}`.slice(0, 200);
  }
}
