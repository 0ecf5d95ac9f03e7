// The client's cache over real HTTP against the mock: request counts are the mock's own.
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {CatalogClient, CatalogError} from '../../src/client.js';
import type {CatalogClientOptions, Media} from '../../src/client.js';
import {FIXTURE_IDS, FIXTURE_REF_ID, startMockServer} from '../../src/mock/index.js';
import type {MockRoute} from '../../src/mock/index.js';

const M = 'nttsmc';
type Server = Awaited<ReturnType<typeof startMockServer>>;

let server: Server;

before(async () => {
  server = await startMockServer({port: 0, auth: false, rateLimit: 0, faults: true});
});
after(() => server.close());
beforeEach(() => server.catalog.reset());

function requests(route?: MockRoute): number {
  const stats = server.catalog.stats();
  return route ? stats.byRoute[route] : stats.total;
}

/** A client on the mock with a clock the test moves by hand. */
function makeClient(options: Partial<CatalogClientOptions> = {}) {
  let time = Date.parse('2030-01-01T00:00:00Z');
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const client = new CatalogClient({apiBase: server.url, now: clock.now, retry: false, ...options});
  return {client, clock};
}

/** Renames a media behind the client's back, straight on the mock. */
async function renameOnServer(id: string, name: string) {
  const response = await fetch(`${server.url}/v1/merchants/${M}/medias/${id}`, {
    method: 'PUT',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({name}),
  });
  assert.equal(response.status, 200);
  server.catalog.resetStats();
}

async function until(condition: () => boolean, timeoutMs = 2000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * A fetch that holds responses the test marks until the test releases them: the server has
 * already answered, so the held response carries the state from before whatever runs meanwhile.
 */
function gatedFetch() {
  const gates: {match: (url: string, method: string) => boolean; release: Promise<void>}[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = String(input);
    const gate = gates.find((g) => g.match(url, init?.method ?? 'GET'));
    if (!gate) return response;
    gates.splice(gates.indexOf(gate), 1);
    const body = await response.arrayBuffer();
    await gate.release;
    return new Response(body, {status: response.status, headers: response.headers});
  };
  const hold = (match: (url: string, method: string) => boolean) => {
    let release!: () => void;
    gates.push({match, release: new Promise<void>((resolve) => (release = resolve))});
    return release;
  };
  return {fetchImpl, hold};
}

describe('deduplication and list seeding', () => {
  it('makes 100 concurrent identical GETs cost 1 request', async () => {
    const {client} = makeClient();
    const results = await Promise.all(
      Array.from({length: 100}, () => client.getMedia(M, {id: FIXTURE_IDS.reference})),
    );
    assert.equal(requests('get-media'), 1);
    assert.equal(requests(), 1);
    assert.ok(results.every((media) => media === results[0]));
    assert.equal(results[0]!.id, FIXTURE_IDS.reference);
    assert.equal(client.stats().deduplicated, 99);
  });

  it('treats parameter order and case as one request, other parameters as another', async () => {
    const {client} = makeClient();
    await Promise.all([
      client.listMedia(M, {limit: 5, page: 2, order: 'asc'}),
      client.listMedia(M, {order: 'ASC', page: 2, limit: 5}),
    ]);
    assert.equal(requests('list-medias'), 1);
    await client.listMedia(M, {page: 2, limit: 5, order: 'asc'});
    assert.equal(requests('list-medias'), 1);
    await client.listMedia(M, {page: 3, limit: 5, order: 'asc'});
    assert.equal(requests('list-medias'), 2);
  });

  it('makes a list and then getMedia for each listed media cost 1 request in total', async () => {
    const {client} = makeClient();
    const list = await client.listMedia(M, {limit: 30});
    assert.equal(list.medias.length, 30);
    const byId = await Promise.all(list.medias.map((m) => client.getMedia(M, {id: m.id})));
    const withRef = list.medias.filter((m) => m.ref_id);
    assert.ok(withRef.length > 0, 'the page has media with ref ids');
    const byRef = await Promise.all(withRef.map((m) => client.getMedia(M, {refId: m.ref_id!})));
    assert.equal(requests(), 1);
    assert.deepEqual(
      byId.map((m) => m.id),
      list.medias.map((m) => m.id),
    );
    assert.deepEqual(
      byRef.map((m) => m.id),
      withRef.map((m) => m.id),
    );
    assert.equal(client.peekMedia(M, {id: list.medias[3]!.id}), list.medias[3]);
  });

  it('makes 30 reads asked in the same turn as a list, before it: the first 4 ask at once, the rest wait for the list', async () => {
    const {client} = makeClient();
    // The ids of a page, learned from a second client so this one's cache stays empty.
    const {client: other} = makeClient();
    const ids = (await other.listMedia(M, {limit: 30, sort: 'created_at'})).medias.map((m) => m.id);
    server.catalog.resetStats();
    // As a page's cards and its gallery start: the cards first, in the same turn.
    const cards = ids.map((id) => client.getMedia(M, {id}));
    const list = client.listMedia(M, {limit: 30, sort: 'created_at'});
    const media = await Promise.all(cards);
    await list;
    assert.deepEqual(
      media.map((m) => m.id),
      ids,
    );
    assert.equal(requests('get-media'), 4);
    assert.equal(requests('list-medias'), 1);
  });

  it("sends a card's read beside a list in flight within the same task, not after it", async () => {
    const asked: string[] = [];
    const client = new CatalogClient({
      apiBase: server.url,
      fetch: (url, init) => (asked.push(String(url)), fetch(url, init)),
    });
    const list = client.listMedia(M, {limit: 1, sort: 'name'});
    const card = client.getMedia(M, {id: FIXTURE_IDS.reference});
    // A page's elements render for hundreds of ms in this task on a slow phone: the request
    // must be on its way before any later task (the turn's end) runs.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    assert.deepEqual(
      asked.map((url) => new URL(url).pathname.split('/').at(-2)),
      ['medias', 'medias'],
      'both requests went out in this task',
    );
    assert.equal((await card).id, FIXTURE_IDS.reference);
    await list;
  });

  it('waits for a list in flight or asks at once as getMedia is told (waitForLists)', async () => {
    const {client} = makeClient();
    const {client: other} = makeClient();
    const [first] = (await other.listMedia(M, {limit: 5, sort: 'created_at'})).medias;
    server.catalog.resetStats();
    const list = client.listMedia(M, {limit: 5, sort: 'created_at'});
    const waited = await client.getMedia(M, {id: first!.id}, {waitForLists: true});
    await list;
    assert.equal(waited.id, first!.id);
    assert.equal(requests('get-media'), 0, 'the list brought it');
    client.clear();
    const again = client.listMedia(M, {limit: 5, sort: 'created_at'});
    await client.getMedia(M, {id: first!.id}, {waitForLists: false});
    await again;
    assert.equal(requests('get-media'), 1, 'asked beside the list');
  });

  it('still fetches a media the list did not bring, once the list has answered', async () => {
    const {client} = makeClient();
    const [media] = await Promise.all([
      client.getMedia(M, {id: FIXTURE_IDS.reference}),
      client.listMedia(M, {limit: 1, sort: 'name'}),
    ]);
    assert.equal(media.id, FIXTURE_IDS.reference);
    assert.equal(requests('get-media'), 1);
    assert.equal(requests('list-medias'), 1);
  });

  it('caches group lists and a media fetched by ref id under its id too', async () => {
    const {client} = makeClient();
    const groups = await client.listMediaGroups(M, {limit: 3});
    assert.equal(groups.media_groups.length, 3);
    assert.ok(groups.count >= 3);
    await client.listMediaGroups(M, {limit: 3});
    const media = await client.getMedia(M, {refId: FIXTURE_REF_ID});
    assert.equal(media.id, FIXTURE_IDS.withRefId);
    assert.equal(await client.getMedia(M, {id: FIXTURE_IDS.withRefId}), media);
    assert.equal(requests('list-media-groups'), 1);
    assert.equal(requests('get-media'), 1);
  });

  it('serves absolute image URLs against the mock origin', async () => {
    const {client} = makeClient();
    const media = await client.getMedia(M, {id: FIXTURE_IDS.reference});
    assert.equal(media.poster!.src, `${server.url}/uploads/nttsmc/sample_poster.gif`);
    const image = await fetch(media.thumbnail!.src);
    assert.equal(image.status, 200);
    assert.match(image.headers.get('content-type') ?? '', /^image\//);
  });

  it('with cache: false, makes every call a request', async () => {
    const {client} = makeClient({cache: false});
    await Promise.all([1, 2, 3].map(() => client.getMedia(M, {id: FIXTURE_IDS.reference})));
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    assert.equal(requests('get-media'), 4);
    assert.equal(client.peekMedia(M, {id: FIXTURE_IDS.reference}), undefined);
  });
});

describe('freshness', () => {
  const options = {cache: {ttlMs: 1000, staleMs: 5000}};

  it('serves a fresh entry for ttlMs without a request', async () => {
    const {client, clock} = makeClient(options);
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    clock.advance(999);
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    assert.equal(requests(), 1);
  });

  it('serves a stale entry at once and revalidates it once in the background', async () => {
    const {client, clock} = makeClient(options);
    const id = FIXTURE_IDS.short;
    const first = await client.getMedia(M, {id});
    await renameOnServer(id, 'renamed on the server');
    clock.advance(1500);
    const seen: (Media | undefined)[] = [];
    const unsubscribe = client.subscribeMedia(M, {id}, (media) => seen.push(media));
    const [a, b, c] = await Promise.all([
      client.getMedia(M, {id}),
      client.getMedia(M, {id}),
      client.getMedia(M, {id}),
    ]);
    assert.equal(a, first, 'the stale value comes back without waiting');
    assert.ok(b === first && c === first);
    await until(() => seen.length > 0);
    assert.equal(seen[0]!.name, 'renamed on the server');
    assert.equal(requests('get-media'), 1, 'one background refresh for three stale reads');
    assert.equal((await client.getMedia(M, {id})).name, 'renamed on the server');
    assert.equal(requests('get-media'), 1, 'the refreshed value is fresh again');
    unsubscribe();
    assert.deepEqual(client.stats().staleHits, 3);
  });

  it('keeps serving the stale value when the refresh fails, until the stale window ends', async () => {
    const {client, clock} = makeClient(options);
    const id = FIXTURE_IDS.reference;
    const first = await client.getMedia(M, {id});
    server.catalog.addFault({kind: 'status', status: 500, route: 'get-media', times: Infinity});
    server.catalog.resetStats();
    clock.advance(1500);
    assert.equal(await client.getMedia(M, {id}), first);
    await until(() => requests('get-media') === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    clock.advance(100);
    assert.equal(await client.getMedia(M, {id}), first, 'stale-if-error');
    assert.equal(client.peekMedia(M, {id}), first);
    assert.equal(requests('get-media'), 1, 'a failed refresh is not retried at once');
    clock.advance(1000 + 5000);
    await assert.rejects(client.getMedia(M, {id}), {code: 'SERVER_ERROR', status: 500});
    assert.equal(client.peekMedia(M, {id}), undefined, 'expired');
  });

  it('drops a stale entry whose refresh finds the media gone', async () => {
    const {client, clock} = makeClient(options);
    const id = FIXTURE_IDS.short;
    await client.getMedia(M, {id});
    const gone = await fetch(`${server.url}/v1/merchants/${M}/medias/${id}`, {method: 'DELETE'});
    assert.equal(gone.status, 200);
    clock.advance(1500);
    const seen: (Media | undefined)[] = [];
    client.subscribeMedia(M, {id}, (media) => seen.push(media));
    await client.getMedia(M, {id});
    await until(() => seen.length === 1);
    assert.equal(seen[0], undefined);
    await assert.rejects(client.getMedia(M, {id}), {code: 'MEDIA_NOT_FOUND'});
  });

  it('refetches after ttlMs + staleMs', async () => {
    const {client, clock} = makeClient(options);
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    clock.advance(6000);
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    assert.equal(requests('get-media'), 2);
  });
});

describe('LRU bound', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const {client} = makeClient({cache: {maxEntries: 3}});
    // Media without a ref id, so each is exactly one entry.
    const [a, b, c, d] = [
      FIXTURE_IDS.reference,
      FIXTURE_IDS.short,
      '613be0ce185708a841cee0e55afd2cd1',
      '4c4fae22e5d197d3cbaaec675f0de6b3',
    ];
    for (const id of [a, b, c]) assert.equal((await client.getMedia(M, {id})).ref_id, null);
    await client.getMedia(M, {id: a});
    assert.equal(requests(), 3);
    await client.getMedia(M, {id: d});
    assert.equal(requests(), 4);
    assert.equal(client.peekMedia(M, {id: b}), undefined, 'b was least recently used');
    for (const id of [a, c, d]) assert.ok(client.peekMedia(M, {id}), `${id} is still cached`);
    await client.getMedia(M, {id: a});
    assert.equal(requests(), 4);
    await client.getMedia(M, {id: b});
    assert.equal(requests(), 5);
  });
});

describe('mutations', () => {
  it('update: the media entries hold the new media, the lists are refetched', async () => {
    const {client} = makeClient();
    const id = FIXTURE_IDS.withRefId;
    await client.listMedia(M, {limit: 100, jobId: FIXTURE_IDS.job});
    const groups = await client.listMediaGroups(M);
    const seen: (Media | undefined)[] = [];
    client.subscribeMedia(M, {refId: FIXTURE_REF_ID}, (media) => seen.push(media));
    const updated = await client.updateMedia(
      M,
      {id},
      {name: 'New name', publish_geo_rule: ['jp', 'us']},
    );
    assert.equal(updated.name, 'New name');
    assert.deepEqual(updated.publish_geo_rule, ['jp', 'us']);
    assert.deepEqual(
      seen.map((m) => m?.name),
      ['New name'],
    );
    server.catalog.resetStats();
    assert.equal((await client.getMedia(M, {id})).name, 'New name');
    assert.equal((await client.getMedia(M, {refId: FIXTURE_REF_ID})).name, 'New name');
    assert.equal(requests(), 0, 'the PUT response is the new cached state');
    const list = await client.listMedia(M, {limit: 100, jobId: FIXTURE_IDS.job});
    assert.equal(requests('list-medias'), 1, 'the list was invalidated');
    assert.equal(list.medias.find((m) => m.id === id)!.name, 'New name');
    assert.equal(await client.listMediaGroups(M), groups, 'group lists are untouched');
  });

  it('update with a new ref id drops the old ref entry', async () => {
    const {client} = makeClient();
    await client.getMedia(M, {refId: FIXTURE_REF_ID});
    await client.updateMedia(M, {id: FIXTURE_IDS.withRefId}, {ref_id: 'renamed-ref'});
    assert.equal(client.peekMedia(M, {refId: FIXTURE_REF_ID}), undefined);
    assert.equal(client.peekMedia(M, {refId: 'renamed-ref'})!.id, FIXTURE_IDS.withRefId);
    await assert.rejects(client.getMedia(M, {refId: FIXTURE_REF_ID}), {code: 'MEDIA_NOT_FOUND'});
  });

  it('update with an image file sends multipart and caches the new poster', async () => {
    const {client} = makeClient();
    const gif = Uint8Array.from(
      atob('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='),
      (c) => c.charCodeAt(0),
    );
    const updated = await client.updateMedia(
      M,
      {id: FIXTURE_IDS.noImages},
      {poster_image: new File([gif], 'poster.gif', {type: 'image/gif'}), publish_geo_rule: ['jp']},
    );
    assert.match(updated.poster!.src, new RegExp(`^${server.url}/uploads/nttsmc/`));
    const image = await fetch(updated.poster!.src);
    assert.equal(image.status, 200);
    assert.deepEqual(new Uint8Array(await image.arrayBuffer()), gif);
    assert.equal(client.peekMedia(M, {id: FIXTURE_IDS.noImages}), updated);
  });

  it('delete: entries and lists are invalidated and subscribers told', async () => {
    const {client} = makeClient();
    const id = FIXTURE_IDS.withRefId;
    await client.listMedia(M, {limit: 100, jobId: FIXTURE_IDS.job});
    const seen: (Media | undefined)[] = [];
    client.subscribeMedia(M, {id}, (media) => seen.push(media));
    const deleted = await client.deleteMedia(M, {refId: FIXTURE_REF_ID});
    assert.equal(deleted.id, id);
    assert.deepEqual(seen, [undefined]);
    assert.equal(client.peekMedia(M, {id}), undefined);
    assert.equal(client.peekMedia(M, {refId: FIXTURE_REF_ID}), undefined);
    server.catalog.resetStats();
    await assert.rejects(client.getMedia(M, {id}), {code: 'MEDIA_NOT_FOUND', status: 404});
    const list = await client.listMedia(M, {limit: 100, jobId: FIXTURE_IDS.job});
    assert.equal(
      list.medias.some((m) => m.id === id),
      false,
    );
    assert.equal(requests(), 2);
    await assert.rejects(client.deleteMedia(M, {id}), {code: 'MEDIA_NOT_FOUND'});
  });

  it('a failed mutation still invalidates: the server may have applied it', async () => {
    const {client} = makeClient();
    const id = FIXTURE_IDS.reference;
    await client.getMedia(M, {id});
    server.catalog.addFault({kind: 'status', status: 502, route: 'update-media'});
    await assert.rejects(client.updateMedia(M, {id}, {name: 'x'}), {status: 502});
    assert.equal(client.peekMedia(M, {id}), undefined);
    assert.equal(requests('update-media'), 1, 'mutations are never retried');
  });

  it('a GET in flight before an update never overwrites the newer state', async () => {
    const {fetchImpl, hold} = gatedFetch();
    const {client} = makeClient({fetch: fetchImpl});
    const id = FIXTURE_IDS.short;
    const release = hold((url, method) => method === 'GET' && url.endsWith(id));
    const oldGet = client.getMedia(M, {id});
    await until(() => requests('get-media') === 1);
    const updated = await client.updateMedia(M, {id}, {name: 'After the race'});
    // Joins no request from before the mutation: the cache already has the PUT's answer.
    assert.equal((await client.getMedia(M, {id})).name, 'After the race');
    release();
    assert.notEqual((await oldGet).name, 'After the race', 'the old GET read the old state');
    assert.equal(client.peekMedia(M, {id}), updated);
    assert.equal((await client.getMedia(M, {id})).name, 'After the race');
    assert.equal(requests('get-media'), 1);
  });

  it('a list in flight before a delete seeds nothing afterwards', async () => {
    const {fetchImpl, hold} = gatedFetch();
    const {client} = makeClient({fetch: fetchImpl});
    const id = FIXTURE_IDS.withRefId;
    const release = hold((url) => url.includes('/medias/?'));
    const oldList = client.listMedia(M, {limit: 100, jobId: FIXTURE_IDS.job});
    await until(() => requests('list-medias') === 1);
    await client.deleteMedia(M, {id});
    release();
    assert.ok(
      (await oldList).medias.some((m) => m.id === id),
      'the old list still had it',
    );
    assert.equal(client.peekMedia(M, {id}), undefined);
    await assert.rejects(client.getMedia(M, {id}), {code: 'MEDIA_NOT_FOUND'});
    const list = await client.listMedia(M, {limit: 100, jobId: FIXTURE_IDS.job});
    assert.equal(
      list.medias.some((m) => m.id === id),
      false,
    );
    assert.equal(requests('list-medias'), 2);
  });

  it('a GET started during a mutation does not join a request from before it', async () => {
    const {fetchImpl, hold} = gatedFetch();
    const {client} = makeClient({fetch: fetchImpl});
    const id = FIXTURE_IDS.reference;
    const releaseGet = hold((url, method) => method === 'GET' && url.endsWith(id));
    const oldGet = client.getMedia(M, {id});
    await until(() => requests('get-media') === 1);
    const releasePut = hold((_url, method) => method === 'PUT');
    const update = client.updateMedia(M, {id}, {name: 'During'});
    await until(() => requests('update-media') === 1);
    // The server has applied the PUT; its answer is held. This GET must not join the old one.
    const duringGet = client.getMedia(M, {id});
    await until(() => requests('get-media') === 2);
    assert.equal((await duringGet).name, 'During');
    releaseGet();
    assert.notEqual((await oldGet).name, 'During');
    releasePut();
    await update;
    assert.equal((await client.getMedia(M, {id})).name, 'During');
    assert.equal(requests('get-media'), 2);
  });
});

describe('subscribe and clear', () => {
  it('notifies list seeding and stops after unsubscribe', async () => {
    const {client, clock} = makeClient({cache: {ttlMs: 10, staleMs: 10}});
    const id = FIXTURE_IDS.withRefId;
    const seen: (Media | undefined)[] = [];
    const unsubscribe = client.subscribe({merchant: M, id}, (value) => seen.push(value as Media));
    await client.listMedia(M, {limit: 100, jobId: FIXTURE_IDS.job});
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.id, id);
    clock.advance(100);
    await client.listMedia(M, {limit: 100, jobId: FIXTURE_IDS.job});
    assert.equal(seen.length, 1, 'an unchanged value notifies nobody');
    unsubscribe();
    await client.updateMedia(M, {id}, {name: 'Unheard'});
    assert.equal(seen.length, 1);
  });

  it('tells list subscribers when a mutation invalidates their list', async () => {
    const {client} = makeClient();
    const params = {limit: 10, sort: 'name', order: 'asc'} as const;
    const key = client.cacheKey('listMedia', M, params);
    const seen: unknown[] = [];
    client.subscribe(key, (value) => seen.push(value));
    const list = await client.listMedia(M, params);
    assert.deepEqual(seen, [list]);
    await client.updateMedia(M, {id: list.medias[0]!.id}, {description: 'changed'});
    assert.deepEqual(seen, [list, undefined]);
  });

  it('clear() forgets every entry', async () => {
    const {client} = makeClient();
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    client.clear();
    assert.equal(client.peekMedia(M, {id: FIXTURE_IDS.reference}), undefined);
    await client.getMedia(M, {id: FIXTURE_IDS.reference});
    assert.equal(requests(), 2);
  });

  it('does not cache failures', async () => {
    const {client} = makeClient();
    await assert.rejects(client.getMedia(M, {id: 'nope'}), (e: unknown) => CatalogError.is(e));
    await assert.rejects(client.getMedia(M, {id: 'nope'}), {code: 'MEDIA_NOT_FOUND'});
    assert.equal(requests(), 2);
  });
});
