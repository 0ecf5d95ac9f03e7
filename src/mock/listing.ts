// The list endpoints' filters, sort orders and pages: pure functions over stored records.
import {ORIGIN_PLACEHOLDER} from './fixtures.js';
import {GROUP_SORT_COLUMNS, MEDIA_SORT_COLUMNS} from '../api/index.js';
import {parseListQuery, type ListQuery} from './validation.js';
import type {Media, MediaGroup, MediaRecord} from './types.js';

type Comparable = string | number | null;

function compareKeys(a: Comparable, b: Comparable): number {
  if (a === b) return 0;
  // Null (a live media's duration) sorts before every value, so it comes last in desc order.
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * Sorts by one column with the id as tie-break, the whole order reversed for desc: a total
 * order, so consecutive pages never repeat or skip a record.
 */
export function sortRecords<T extends {id: string}>(
  items: T[],
  column: string,
  order: 'asc' | 'desc',
): T[] {
  const key = sortKey(column);
  const sign = order === 'asc' ? 1 : -1;
  return items
    .map((item) => ({item, key: key(item as unknown as Record<string, unknown>)}))
    .sort((a, b) => sign * (compareKeys(a.key, b.key) || compareKeys(a.item.id, b.item.id)))
    .map(({item}) => item);
}

function sortKey(column: string): (item: Record<string, unknown>) => Comparable {
  if (column === 'created_at' || column === 'updated_at') {
    return (item) => Date.parse(item[column] as string);
  }
  return (item) => item[column] as Comparable;
}

function paginate<T>(items: T[], query: ListQuery<string>): T[] {
  const start = (query.page - 1) * query.limit;
  return items.slice(start, start + query.limit);
}

function rewriteOrigin(src: string, origin: string): string {
  return src.startsWith(ORIGIN_PLACEHOLDER) ? origin + src.slice(ORIGIN_PLACEHOLDER.length) : src;
}

/** The media as the API returns it to this request (absolute URLs on the request's origin). */
export function present(media: Media, origin: string): Media {
  return {
    ...media,
    custom_fields: {...media.custom_fields},
    publish_geo_rule: [...media.publish_geo_rule],
    poster: media.poster && {src: rewriteOrigin(media.poster.src, origin)},
    thumbnail: media.thumbnail && {src: rewriteOrigin(media.thumbnail.src, origin)},
    tags: [...media.tags],
    text_tracks: media.text_tracks.map((track) => ({
      ...track,
      src: rewriteOrigin(track.src, origin),
    })),
  };
}

/** The body of `GET /medias` for one merchant's records and the request's URL. */
export function mediaPage(records: MediaRecord[], url: URL): {count: number; medias: Media[]} {
  const query = parseListQuery(url.searchParams, MEDIA_SORT_COLUMNS);
  const filter = (name: string) => url.searchParams.get(name) || undefined;
  const liveEventId = filter('live_event_id');
  const jobId = filter('job_id');
  const groupId = filter('media_group_id');
  const matching = records.filter(
    (r) =>
      (liveEventId === undefined || r.media.live_event_id === liveEventId) &&
      (jobId === undefined || r.job_id === jobId) &&
      (groupId === undefined || r.media_group_ids.includes(groupId)),
  );
  const sorted = sortRecords(
    matching.map((r) => r.media),
    query.sort,
    query.order,
  );
  return {
    count: sorted.length,
    medias: paginate(sorted, query).map((media) => present(media, url.origin)),
  };
}

/** The body of `GET /media_groups` for one merchant's groups and the request's URL. */
export function groupPage(
  groups: MediaGroup[],
  url: URL,
): {count: number; media_groups: MediaGroup[]} {
  const query = parseListQuery(url.searchParams, GROUP_SORT_COLUMNS);
  const sorted = sortRecords(groups, query.sort, query.order);
  return {
    count: sorted.length,
    media_groups: paginate(sorted, query).map((group): MediaGroup => ({...group})),
  };
}
