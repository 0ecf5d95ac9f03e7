// List pages served from upstream chunks of the largest page size.
import type {CacheState, ProxyContext, Served} from './context.js';
import {pageKey, strongEtag} from './entries.js';
import {LIMIT_MAX} from '../api/index.js';
import {listKey, type ListRoute} from './request.js';
import type {KeyServer} from './serve.js';
import type {CacheEntry} from './store/index.js';

/** Upstream list requests ask for pages of this size; client pages are cut from them. */
const CHUNK_SIZE = LIMIT_MAX;

function stateOf(states: CacheState[]): CacheState {
  if (states.includes('MISS')) return 'MISS';
  return states.includes('STALE') ? 'STALE' : 'HIT';
}

/**
 * A list page, served from upstream chunks of the largest page size. Every page size and
 * page number of one query shares the same few chunks, so a visitor paging through a
 * gallery (or another page asking for another `limit`) costs the budget one request per
 * hundred records instead of one per page. Relies on `count` being the total and on the
 * order being stable across pages, which the reference's paging implies.
 */
export async function serveListPage(
  ctx: ProxyContext,
  keys: KeyServer,
  key: string,
  route: ListRoute,
  client: string | undefined,
): Promise<Served> {
  const {limit, page} = route.params;
  // Without both, the page depends on upstream defaults the proxy cannot see.
  if (limit === undefined || page === undefined) return keys.serve(key, route, client);
  const start = (page - 1) * limit;
  const first = Math.floor(start / CHUNK_SIZE);
  const last = Math.floor((start + limit - 1) / CHUNK_SIZE);
  const chunks = await Promise.all(
    Array.from({length: last - first + 1}, (_, i) => {
      const chunk = {...route, params: {...route.params, limit: CHUNK_SIZE, page: first + i + 1}};
      return keys.serve(listKey(chunk), chunk, client, false);
    }),
  );
  const served =
    chunks.find((c) => 'failure' in c || c.entry.status !== 200) ??
    (await cutPage(ctx, key, route, chunks, start - first * CHUNK_SIZE));
  const {stats} = ctx;
  if ('failure' in served || served.cache === 'MISS') stats.misses++;
  else if (served.cache === 'HIT') stats.hits++;
  else stats.staleServed++;
  return served;
}

/** The page cut from its chunks, kept in the store while the chunks it came from are the same. */
async function cutPage(
  ctx: ProxyContext,
  key: string,
  route: ListRoute,
  chunks: Served[],
  offset: number,
): Promise<Served> {
  const entries = chunks.map((c) => (c as {entry: CacheEntry}).entry);
  const cache = stateOf(chunks.map((c) => (c as {cache: CacheState}).cache));
  const source = entries.map((e) => e.storedAt + ':' + e.etag).join(' ');
  const known = await ctx.store.get(pageKey(key));
  if (known?.source === source) return {entry: known, cache};
  const field = route.kind === 'media-list' ? 'medias' : 'media_groups';
  const bodies = entries.map((e) => JSON.parse(e.body) as Record<string, unknown>);
  const items = bodies.flatMap((b) => b[field] as unknown[]);
  const body = JSON.stringify({
    count: bodies[0]!.count,
    [field]: items.slice(offset, offset + route.params.limit!),
  });
  const entry: CacheEntry = {
    status: 200,
    body,
    etag: await strongEtag(body),
    storedAt: Math.max(...entries.map((e) => e.storedAt)),
    freshUntil: Math.min(...entries.map((e) => e.freshUntil)),
    staleUntil: Math.min(...entries.map((e) => e.staleUntil)),
    expiresAt: Math.min(...entries.map((e) => e.expiresAt)),
    source,
  };
  await ctx.store.set(pageKey(key), entry);
  return {entry, cache};
}
