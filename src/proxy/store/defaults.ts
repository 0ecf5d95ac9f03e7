import type {StoreCounters, StoreOptions} from './types.js';

/** {@link StoreOptions} with every default filled in. */
export type ResolvedStoreOptions = Required<StoreOptions>;

export function resolveStoreOptions(options: StoreOptions): ResolvedStoreOptions {
  if (!Number.isInteger(options.budgetPerWindow) || options.budgetPerWindow < 1) {
    throw new RangeError('budgetPerWindow must be a positive integer');
  }
  return {
    windowMs: 60_000,
    marginMs: 1_000,
    maxPauseMs: 5 * 60_000,
    maxEntryBytes: 1 << 20,
    l1MaxBytes: 32 << 20,
    rampMs: 0,
    maxEntries: Infinity,
    now: Date.now,
    ...definedOnly(options),
    budgetPerWindow: options.budgetPerWindow,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function zeroCounters(): StoreCounters {
  return {
    l1Hits: 0,
    hits: 0,
    misses: 0,
    errors: 0,
    lockWaits: 0,
    lockTakeovers: 0,
    budgetGranted: 0,
    budgetDenied: 0,
    budgetLocalGrants: 0,
  };
}

/** Whether a stored token can still be sent, with a little room for the request to arrive. */
export function tokenUsable(token: {expiresAt: number} | undefined, now: number): boolean {
  return token !== undefined && token.expiresAt - 5_000 > now;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
