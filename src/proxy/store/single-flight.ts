/**
 * Concurrent calls for one key in this process share one run: the first caller's promise,
 * settled value or error alike, goes to everyone who joined while it ran.
 */
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  /** Whether a run for `key` is under way. */
  has(key: string): boolean {
    return this.#running.has(key);
  }

  run(key: string, work: () => Promise<T>): {promise: Promise<T>; joined: boolean} {
    const running = this.#running.get(key);
    if (running) return {promise: running, joined: true};
    const promise = (async () => {
      try {
        return await work();
      } finally {
        this.#running.delete(key);
      }
    })();
    this.#running.set(key, promise);
    return {promise, joined: false};
  }
}
