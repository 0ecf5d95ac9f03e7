import type {ResponseCacheOptions} from './cache.js';
import {badRequest} from './errors.js';
import {defaultSleep} from './signals.js';
import type {CatalogReaderOptions} from './types.js';

/** Defaults of {@link CatalogReaderOptions}. */
export const CLIENT_DEFAULTS = Object.freeze({
  timeoutMs: 10_000,
  retries: 2,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  ttlMs: 60_000,
  staleMs: 300_000,
  maxEntries: 500,
});

/** How a GET is retried: {@link CatalogReaderOptions.retry} with its defaults filled in. */
export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

/** Everything a transport needs to make one request. */
export interface TransportConfig {
  apiBase: string;
  fetch: typeof fetch;
  headers: Record<string, string>;
  timeoutMs: number;
  retry: RetryPolicy;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

/** {@link CatalogReaderOptions}, checked, normalized and with every default filled in. */
export interface ReaderConfig extends TransportConfig {
  assetBase: string;
  /** `undefined` with `cache: false`. */
  cache: ResponseCacheOptions | undefined;
}

/**
 * Normalizes an `apiBase`: absolute (a relative one is resolved against the page), http(s),
 * no query, hash or trailing slash. Two spellings of one base give one shared client.
 */
export function normalizeApiBase(apiBase: unknown, name = 'apiBase'): string {
  if (typeof apiBase !== 'string' || !apiBase.trim()) {
    throw badRequest(`${name} must be a non-empty URL.`);
  }
  const pageUrl = (globalThis as {location?: {href?: string}}).location?.href;
  let url: URL;
  try {
    url = new URL(apiBase.trim(), pageUrl);
  } catch {
    throw badRequest(`${name} must be an absolute http(s) URL (got ${JSON.stringify(apiBase)}).`);
  }
  if (!/^https?:$/.test(url.protocol)) {
    throw badRequest(`${name} must be an http(s) URL (got ${JSON.stringify(apiBase)}).`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * Checks and completes the options of a reader (`refuseSecrets`) or of a credentialed client.
 * @throws {CatalogError} `BAD_REQUEST` for an invalid option.
 */
export function readerConfig(options: CatalogReaderOptions, refuseSecrets: boolean): ReaderConfig {
  if (!options || typeof options !== 'object') throw badRequest('options must be an object.');
  const secrets = options as {apiKey?: unknown; credentials?: unknown};
  if (refuseSecrets && (secrets.apiKey || secrets.credentials)) {
    throw badRequest('CatalogReader sends no secrets: use CatalogClient, server side.');
  }
  const apiBase = normalizeApiBase(options.apiBase);
  const assetBase =
    options.assetBase === undefined
      ? new URL(apiBase).origin
      : normalizeApiBase(options.assetBase, 'assetBase');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw badRequest('fetch must be a function.');
  }
  const timeoutMs = nonNegative(options.timeoutMs, 'timeoutMs', CLIENT_DEFAULTS.timeoutMs);
  const retry = numbers(options.retry === false ? {retries: 0} : options.retry, 'retry', [
    'retries',
    'baseDelayMs',
    'maxDelayMs',
    'maxRetryAfterMs',
  ]) as unknown as RetryPolicy;
  const now = options.now ?? Date.now;
  let cache: ResponseCacheOptions | undefined;
  if (options.cache !== false) {
    const limits = numbers(options.cache, 'cache', ['ttlMs', 'staleMs', 'maxEntries']);
    cache = {...(limits as Omit<ResponseCacheOptions, 'now'>), now};
    cache.maxEntries = Math.max(1, cache.maxEntries);
  }
  return {
    apiBase,
    assetBase,
    // Called through a wrapper: a bare `fetch` reference called as a method throws "Illegal invocation".
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: {...options.headers},
    timeoutMs,
    retry,
    now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    cache,
  };
}

/** The named numbers of an options group (`retry`, `cache`), each checked, or its default. */
function numbers(
  group: object | undefined,
  groupName: string,
  names: readonly (keyof typeof CLIENT_DEFAULTS)[],
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const name of names) {
    const value = (group as Partial<Record<string, number>> | undefined)?.[name];
    values[name] = nonNegative(value, `${groupName}.${name}`, CLIENT_DEFAULTS[name]);
  }
  return values;
}

export function nonNegative(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw badRequest(`${name} must be a non-negative number (got ${String(value)}).`);
  }
  return value;
}
