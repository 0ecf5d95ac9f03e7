import type {CacheSnapshotEntry} from './cache.js';
import {CatalogReader, normalizeApiBase} from './reader.js';

/**
 * The registry lives on `globalThis` under a registered symbol, so two copies of this module
 * on one page (an npm build and the CDN bundle, say) still share one client per `apiBase`.
 */
const REGISTRY_KEY = Symbol.for('smartstream-widgets.clients');

type Registry = Map<string, CatalogReader>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & {[REGISTRY_KEY]?: Registry};
  return (holder[REGISTRY_KEY] ??= new Map());
}

/** The element a server render (`smartstream-widgets/ssr`) puts in the page with its data. */
export const SNAPSHOT_ID = 'ss-catalog-snapshot';

/**
 * What a server render fetched, by `api-base`: the elements hydrate from it with no request.
 * Unreadable JSON is no snapshot.
 */
function pageSnapshot(): Record<string, CacheSnapshotEntry[]> {
  if (typeof document === 'undefined') return {};
  try {
    const json = JSON.parse(document.getElementById(SNAPSHOT_ID)?.textContent || '{}') as unknown;
    return json && typeof json === 'object' ? (json as Record<string, CacheSnapshotEntry[]>) : {};
  } catch {
    return {};
  }
}

/**
 * The page-wide client for `apiBase`, made on first use with default options but a 5 s
 * `maxRetryAfterMs`. Spellings of one base (`https://x.example/catalog/`,
 * `https://X.example/catalog`) share one client, and so one cache and one in-flight request
 * per resource. Elements use it unless given a client.
 * @throws {CatalogError} `BAD_REQUEST` when `apiBase` is not an http(s) URL.
 */
export function getSharedClient(apiBase: string): CatalogReader {
  const key = normalizeApiBase(apiBase);
  const clients = registry();
  let client = clients.get(key);
  if (!client) {
    // A busy proxy's Retry-After is not waited out in silence behind a skeleton: past 5 s the
    // elements say the catalog is busy, and load again when the Retry-After has passed.
    client = new CatalogReader({apiBase: key, retry: {maxRetryAfterMs: 5_000}});
    client.prime(pageSnapshot()[key] ?? []);
    clients.set(key, client);
  }
  return client;
}

/**
 * Replaces (or, with `undefined`, forgets) the page-wide client for `apiBase`: a page that
 * needs other options, such as a shorter `ttlMs`, registers its own before elements connect.
 */
export function setSharedClient(apiBase: string, client: CatalogReader | undefined): void {
  const key = normalizeApiBase(apiBase);
  if (client) registry().set(key, client);
  else registry().delete(key);
}
