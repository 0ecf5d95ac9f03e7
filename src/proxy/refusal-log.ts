// A refused origin or merchant is most often a configuration mistake on a site that has just
// embedded the widgets: say so in the log, but once a minute per value, and for a bounded number
// of values, so a client sending random Origin headers can neither flood the log nor grow memory.
import {LRUCache} from 'lru-cache';
import type {ProxyLogger} from './log.js';

const QUIET_MS = 60_000;
const MAX_VALUES = 1_000;
const MAX_SHOWN_LENGTH = 200;

export type RefusedKind = 'origin' | 'merchant';

const HINTS: Record<RefusedKind, string> = {
  origin: 'add it to SMARTSTREAM_ALLOWED_ORIGINS if this site should show the catalog',
  merchant: 'add it to SMARTSTREAM_MERCHANTS if this proxy should serve it (or fix the page)',
};

export class RefusalLog {
  readonly #log: ProxyLogger;
  readonly #now: () => number;
  /** When each value was last logged. */
  readonly #lastLogged = new LRUCache<string, number>({max: MAX_VALUES});

  constructor(log: ProxyLogger, now: () => number) {
    this.#log = log;
    this.#now = now;
  }

  /** Logs that `value` was refused, unless it was logged within the last minute. */
  note(kind: RefusedKind, value: string): void {
    const key = `${kind} ${value}`;
    const now = this.#now();
    const last = this.#lastLogged.get(key);
    if (last !== undefined && now - last < QUIET_MS) return;
    this.#lastLogged.set(key, now);
    const shown = JSON.stringify(value.slice(0, MAX_SHOWN_LENGTH));
    this.#log.warn(`refused ${kind} ${shown}: ${HINTS[kind]} (logged once a minute per value)`);
  }
}
