// List pages cut from upstream chunks: every page size and page number of one query shares a
// few upstream requests, and each page is exactly the page the API itself would answer.
import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {FIXTURE_IDS} from '../../src/mock/index.js';
import {assertNoSecretsLeaked, M, SECRETS, startHarness} from './helpers/proxy-harness.js';

const medias = `/v1/merchants/${M}/medias/`;
const groups = `/v1/merchants/${M}/media_groups`;

after(() => assertNoSecretsLeaked());

/** The same page asked of the mock directly, with credentials, as the API would answer it. */
async function direct(h: Awaited<ReturnType<typeof startHarness>>, path: string) {
  const token = h.mock.catalog.issueToken(M).token;
  const response = await fetch(h.mock.url + path, {
    headers: {'X-Streaks-Api-Key': SECRETS.apiKey, Authorization: `Bearer ${token}`},
  });
  assert.equal(response.status, 200, path);
  return response.json() as Promise<{
    count: number;
    medias?: {id: string}[];
    media_groups?: {id: string}[];
  }>;
}

describe('list pages cut from chunks', () => {
  it('pages through 240 media 12 at a time with 3 upstream list requests', async () => {
    const h = await startHarness();
    try {
      const seen: string[] = [];
      for (let page = 1; page <= 21; page++) {
        const answer = await h.get(`${medias}?limit=12&page=${page}&sort=name&order=asc`);
        assert.equal(answer.status, 200);
        const body = answer.json<{count: number; medias: {id: string}[]}>();
        assert.equal(body.count, 240);
        assert.equal(body.medias.length, page <= 20 ? 12 : 0, `page ${page}`);
        seen.push(...body.medias.map((m) => m.id));
      }
      assert.equal(new Set(seen).size, 240, 'every media once');
      assert.equal(h.count('list-medias'), 3);
      // The pages are the API's own pages, in the same order.
      const mockPage = await direct(h, `${medias}?limit=12&page=9&sort=name&order=asc`);
      assert.deepEqual(
        seen.slice(96, 108),
        mockPage.medias!.map((m) => m.id),
      );
    } finally {
      await h.close();
    }
  });

  it('answers a page that straddles two chunks exactly as the API does', async () => {
    const h = await startHarness();
    try {
      // Records 90 to 119: the end of the first chunk and the start of the second.
      const path = `${medias}?limit=30&page=4&media_group_id=&order=desc`;
      // An empty filter is no filter.
      const mine = (await h.get(path)).json<{count: number; medias: {id: string}[]}>();
      assert.equal(h.count('list-medias'), 2);
      // Another page size inside the same chunks costs nothing more.
      assert.equal((await h.get(`${medias}?limit=7&page=3&order=desc`)).headers['x-cache'], 'HIT');
      assert.equal(h.count('list-medias'), 2);
      const theirs = await direct(h, `${medias}?limit=30&page=4&order=desc`);
      assert.equal(mine.count, theirs.count);
      assert.deepEqual(
        mine.medias.map((m) => m.id),
        theirs.medias!.map((m) => m.id),
      );
    } finally {
      await h.close();
    }
  });

  it('keeps filters apart and cuts group pages the same way', async () => {
    const h = await startHarness();
    try {
      const group = `${medias}?limit=10&page=2&media_group_id=${FIXTURE_IDS.group}`;
      const body = (await h.get(group)).json<{count: number; medias: {id: string}[]}>();
      const groupPage = (await h.get(`${groups}?limit=5&page=3&sort=name&order=asc`)).json<{
        count: number;
        media_groups: {id: string}[];
      }>();
      assert.equal(h.count('list-media-groups'), 1);
      const theirs = await direct(h, group);
      assert.equal(body.count, theirs.count);
      assert.deepEqual(
        body.medias.map((m) => m.id),
        theirs.medias!.map((m) => m.id),
      );
      assert.notEqual(body.count, 240, 'the filter applies');
      const theirGroups = await direct(h, `${groups}?limit=5&page=3&sort=name&order=asc`);
      assert.deepEqual(
        groupPage.media_groups.map((g) => g.id),
        theirGroups.media_groups!.map((g) => g.id),
      );
    } finally {
      await h.close();
    }
  });

  it('gives a cut page its own strong ETag and honours If-None-Match', async () => {
    const h = await startHarness();
    try {
      const first = await h.get(`${medias}?limit=5&page=2`);
      const other = await h.get(`${medias}?limit=5&page=3`);
      assert.match(first.headers.etag!, /^"[A-Za-z0-9_-]+"$/);
      assert.notEqual(first.headers.etag, other.headers.etag);
      const again = await h.get(`${medias}?limit=5&page=2`, {
        headers: {'If-None-Match': first.headers.etag!},
      });
      assert.equal(again.status, 304);
      assert.equal(again.headers['x-cache'], 'HIT');
    } finally {
      await h.close();
    }
  });
});
