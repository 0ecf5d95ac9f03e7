// The cache entries the proxy writes into its store, each one read-only once made: a change
// (a failed refresh) writes an updated copy, so no replica's copy changes under another.
import {PAGE_NAMESPACE} from './store/memory.js';
import type {CacheEntry} from './store/index.js';

/** The cache windows of {@link ProxySettings}, in milliseconds. */
export interface CacheTimes {
  ttlMs: number;
  staleWhileRevalidateMs: number;
  staleIfErrorMs: number;
  negativeTtlMs: number;
  errorTtlMs: number;
}

/** The store key of one catalog answer (positive or negative: one key, so one lookup). */
export function answerKey(key: string): string {
  return `a:${key}`;
}

/** The store key of a list page cut from chunks. */
export function pageKey(key: string): string {
  return `${PAGE_NAMESPACE}${key}`;
}

const encoder = new TextEncoder();

/** A strong ETag: a hash of the exact bytes sent (Web Crypto, so it runs on every runtime). */
export async function strongEtag(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(body)));
  let binary = '';
  for (const byte of digest.subarray(0, 18)) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_')}"`;
}

/**
 * A 200 answer. An `empty` one (a list with no items) is kept with the negative entries, so
 * that made-up group ids and pages past the end never evict real answers.
 */
export async function okEntry(
  body: string,
  empty: boolean,
  times: CacheTimes,
  now: number,
): Promise<CacheEntry> {
  const freshUntil = now + times.ttlMs;
  return {
    status: 200,
    body,
    etag: await strongEtag(body),
    storedAt: now,
    freshUntil,
    staleUntil: freshUntil + times.staleWhileRevalidateMs,
    expiresAt: freshUntil + Math.max(times.staleWhileRevalidateMs, times.staleIfErrorMs),
    ...(empty ? {negative: true} : {}),
  };
}

/**
 * An authoritative "no" from upstream (404, 403 GEO_RULE, 400), kept briefly so that a flood
 * of requests for one bad id costs one upstream request.
 */
export function negativeEntry(
  status: number,
  body: string,
  times: CacheTimes,
  now: number,
): CacheEntry {
  const freshUntil = now + times.negativeTtlMs;
  return {
    status,
    body,
    storedAt: now,
    freshUntil,
    staleUntil: freshUntil,
    expiresAt: freshUntil + times.staleIfErrorMs,
    negative: true,
  };
}

/**
 * What a failed refresh leaves: a copy of the entry that can still be served, not refreshed
 * again for a while; or, for a key with nothing to serve and `remember`, the error itself for
 * as briefly, so that requests arriving one after another during an outage do not each spend
 * budget; or nothing.
 */
export function failedEntry(
  existing: CacheEntry | undefined,
  failure: {status: number; body: string},
  remember: boolean,
  times: CacheTimes,
  now: number,
): CacheEntry | undefined {
  const retryAt = now + times.errorTtlMs;
  if (existing) return {...existing, retryAt};
  if (!remember) return undefined;
  return {
    status: failure.status,
    body: failure.body,
    storedAt: now,
    freshUntil: retryAt,
    staleUntil: retryAt,
    expiresAt: retryAt,
    retryAt,
    retryAfterMs: times.errorTtlMs,
    negative: true,
  };
}
