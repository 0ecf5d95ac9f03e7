import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import fc from 'fast-check';
import {
  FIXTURE_IDS,
  GROUP_SORT_COLUMNS,
  MEDIA_SORT_COLUMNS,
  type Media,
  type MediaGroup,
} from '../../src/mock/index.js';
import {startTestServer, type TestServer} from './helpers/mock-server.js';

type Row = Media | MediaGroup;

/** The documented order, written independently of the mock's comparator. */
function inOrder(a: Row, b: Row, sort: string, order: 'asc' | 'desc'): boolean {
  const value = (row: Row): string | number | null => {
    const raw = (row as unknown as Record<string, unknown>)[sort];
    if (sort.endsWith('_at')) return Date.parse(raw as string);
    return raw as string | number | null;
  };
  const [va, vb] = [value(a), value(b)];
  let cmp: number;
  if (va === vb) cmp = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  else if (va === null) cmp = -1;
  else if (vb === null) cmp = 1;
  else cmp = va < vb ? -1 : 1;
  return order === 'asc' ? cmp < 0 : cmp > 0;
}

describe('mock catalog: pagination invariants (fast-check)', () => {
  let server: TestServer;
  let everything: Media[];

  const getJson = async <T>(path: string): Promise<T> => {
    const response = await server.api(path);
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  };

  before(async () => {
    server = await startTestServer({auth: false});
    const first = await getJson<{count: number; medias: Media[]}>(
      '/v1/merchants/nttsmc/medias/?limit=100&sort=id&order=asc',
    );
    everything = [...first.medias];
    for (let page = 2; everything.length < first.count; page++) {
      const next = await getJson<{medias: Media[]}>(
        `/v1/merchants/nttsmc/medias/?limit=100&sort=id&order=asc&page=${page}`,
      );
      if (!next.medias.length) break;
      everything.push(...next.medias);
    }
  });
  after(() => server.close());

  const matching = new Map<string, string[]>();
  /** Ids matching a filter, collected with the largest page and the id order. */
  const allMatching = async (filter: Record<string, string>): Promise<string[]> => {
    const key = JSON.stringify(filter);
    if (!matching.has(key)) {
      if (!Object.keys(filter).length) {
        matching.set(key, everything.map((m) => m.id).sort());
      } else {
        const ids: string[] = [];
        for (let page = 1; ; page++) {
          const params = new URLSearchParams({
            limit: '100',
            sort: 'id',
            page: String(page),
            ...filter,
          });
          const body = await getJson<{medias: Media[]}>(`/v1/merchants/nttsmc/medias/?${params}`);
          if (!body.medias.length) break;
          ids.push(...body.medias.map((m) => m.id));
        }
        matching.set(key, ids.sort());
      }
    }
    return matching.get(key)!;
  };

  it('holds every media once over all pages of the id order', () => {
    assert.equal(everything.length, 240);
    assert.equal(new Set(everything.map((m) => m.id)).size, 240);
  });

  it('has pages that together hold every matching media once, in order, with a constant count', async () => {
    const groups = (
      await getJson<{media_groups: MediaGroup[]}>('/v1/merchants/nttsmc/media_groups?limit=100')
    ).media_groups.map((g) => g.id);
    const jobIds = [FIXTURE_IDS.job];
    const liveEventIds = [FIXTURE_IDS.referenceLiveEventId];
    const filterArb = fc.oneof(
      fc.constant({}),
      fc.constantFrom(...groups).map((id) => ({media_group_id: id})),
      fc.constantFrom(...jobIds).map((id) => ({job_id: id})),
      fc.constantFrom(...liveEventIds).map((id) => ({live_event_id: id})),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 1, max: 100}),
        fc.constantFrom(...MEDIA_SORT_COLUMNS),
        fc.constantFrom('asc', 'desc', 'ASC', 'DESC'),
        filterArb,
        async (limit, sort, order, filter) => {
          const params = new URLSearchParams({limit: String(limit), sort, order, ...filter});
          const seen: Media[] = [];
          let count: number | undefined;
          for (let page = 1; ; page++) {
            params.set('page', String(page));
            const body = await getJson<{count: number; medias: Media[]}>(
              `/v1/merchants/nttsmc/medias/?${params}`,
            );
            count ??= body.count;
            assert.equal(body.count, count, 'count is the same on every page');
            assert.ok(body.medias.length <= limit);
            if (body.medias.length === 0) break;
            seen.push(...body.medias);
            if (body.medias.length < limit) {
              // One more page past the end: empty, same count.
              params.set('page', String(page + 1));
              const past = await getJson<{count: number; medias: Media[]}>(
                `/v1/merchants/nttsmc/medias/?${params}`,
              );
              assert.deepEqual(past, {count, medias: []});
              break;
            }
          }
          const expected = await allMatching(filter);
          const ids = seen.map((m) => m.id);
          assert.equal(new Set(ids).size, ids.length, 'no media twice');
          assert.equal(ids.length, count, 'count matches what the pages hold');
          assert.deepEqual([...ids].sort(), expected, 'every matching media, nothing else');
          if ('live_event_id' in filter) {
            assert.ok(seen.every((m) => m.live_event_id === filter.live_event_id));
          }
          const lower = order.toLowerCase() as 'asc' | 'desc';
          for (let i = 1; i < seen.length; i++) {
            assert.ok(inOrder(seen[i - 1]!, seen[i]!, sort, lower), `${sort} ${order} at ${i}`);
          }
        },
      ),
      {numRuns: 40, seed: 20240401, endOnFailure: true},
    );
  });

  it('answers the same set for every sort of a filter (membership does not depend on order)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MEDIA_SORT_COLUMNS),
        fc.constantFrom('asc', 'desc'),
        async (sort, order) => {
          const body = await getJson<{count: number; medias: Media[]}>(
            `/v1/merchants/nttsmc/medias/?limit=100&sort=${sort}&order=${order}&media_group_id=${FIXTURE_IDS.group}`,
          );
          const reference = await getJson<{medias: Media[]}>(
            `/v1/merchants/nttsmc/medias/?limit=100&sort=id&media_group_id=${FIXTURE_IDS.group}`,
          );
          assert.deepEqual(
            body.medias.map((m) => m.id).sort(),
            reference.medias.map((m) => m.id).sort(),
          );
        },
      ),
      {numRuns: 10, seed: 7, endOnFailure: true},
    );
  });

  it('pages media groups the same way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 1, max: 20}),
        fc.constantFrom(...GROUP_SORT_COLUMNS),
        fc.constantFrom('asc', 'desc'),
        fc.constantFrom('nttsmc', 'acme'),
        async (limit, sort, order, merchant) => {
          const seen: MediaGroup[] = [];
          let count = -1;
          for (let page = 1; page < 100; page++) {
            const body = await getJson<{count: number; media_groups: MediaGroup[]}>(
              `/v1/merchants/${merchant}/media_groups?limit=${limit}&page=${page}&sort=${sort}&order=${order}`,
            );
            if (count === -1) count = body.count;
            assert.equal(body.count, count);
            if (!body.media_groups.length) break;
            seen.push(...body.media_groups);
          }
          assert.equal(seen.length, count);
          assert.equal(new Set(seen.map((g) => g.id)).size, count);
          assert.ok(seen.every((g) => g.merchant_id === merchant));
          for (let i = 1; i < seen.length; i++)
            assert.ok(inOrder(seen[i - 1]!, seen[i]!, sort, order));
        },
      ),
      {numRuns: 30, seed: 11, endOnFailure: true},
    );
  });
});
