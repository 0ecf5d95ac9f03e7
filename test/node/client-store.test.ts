// The read store alone (src/client/store.ts): cache, single-flight GETs and the generation
// rule, over a real transport to the mock Catalog API.
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {normalizeMedia} from '../../src/client/normalize.js';
import {readerConfig} from '../../src/client/options.js';
import {mediaPath} from '../../src/client/paths.js';
import {ReadStore, type Read} from '../../src/client/store.js';
import type {CatalogReaderOptions, Media} from '../../src/client/types.js';
import {FIXTURE_IDS, startMockServer} from '../../src/mock/index.js';

const M = 'nttsmc';
type Server = Awaited<ReturnType<typeof startMockServer>>;
let server: Server;

before(async () => {
  server = await startMockServer({port: 0, auth: false, rateLimit: 0});
});
after(() => server.close());
beforeEach(() => server.catalog.reset());

function makeStore(options: Partial<CatalogReaderOptions> = {}) {
  return new ReadStore(readerConfig({apiBase: server.url, ...options}, true));
}

/** The spec of a media read, as CatalogReader.getMedia builds it. */
function mediaRead(store: ReadStore, id = FIXTURE_IDS.reference): Read<Media> {
  const path = mediaPath(M, {kind: 'id', value: id});
  return {
    method: 'GET',
    merchant: M,
    path,
    notFoundCode: 'MEDIA_NOT_FOUND',
    key: path,
    kind: 'media',
    parse: (json) => normalizeMedia(json, {assetBase: server.url, merchant: M}),
    store: (media) => store._storeMedia(M, media, path),
  };
}

const mediaRequests = () => server.catalog.stats().byRoute['get-media'] ?? 0;

describe('ReadStore', () => {
  it('shares one request between callers that ask at once, then answers from the cache', async () => {
    const store = makeStore();
    const [a, b] = await Promise.all([
      store.get(mediaRead(store), undefined),
      store.get(mediaRead(store), undefined),
    ]);
    assert.equal(a, b, 'one frozen object for both');
    const c = await store.get(mediaRead(store), undefined);
    assert.equal(c, a);
    assert.equal(mediaRequests(), 1);
    assert.deepEqual(store._stats, {requests: 1, freshHits: 1, staleHits: 0, deduplicated: 1});
  });

  it('keeps a media under its id and its reference id', async () => {
    const store = makeStore();
    const media = await store.get(mediaRead(store), undefined);
    assert.equal(store._cache?.peek(mediaPath(M, {kind: 'id', value: media.id}))?.value, media);
    if (media.ref_id) {
      const refKey = mediaPath(M, {kind: 'refId', value: media.ref_id});
      assert.equal(store._cache?.peek(refKey)?.value, media);
    }
  });

  it('does not keep an answer when a mutation began while it was in flight', async () => {
    // The mutation begins once the GET is on the wire.
    const store: ReadStore = makeStore({
      fetch: (input, init) => {
        store._generations.set(M, 1);
        return fetch(input, init);
      },
    });
    const media = await store.get(mediaRead(store), undefined);
    assert.equal(media.id, FIXTURE_IDS.reference, 'the caller still gets the answer');
    assert.equal(store._cache?.peek(mediaRead(store).key), undefined);
  });

  it('asks the server every time with cache: false', async () => {
    const store = makeStore({cache: false});
    assert.equal(store._cache, undefined);
    await store.get(mediaRead(store), undefined);
    await store.get(mediaRead(store), undefined);
    assert.equal(mediaRequests(), 2);
  });

  it('rejects only the caller whose signal aborts, not the shared request', async () => {
    const store = makeStore();
    const controller = new AbortController();
    const aborted = store.get(mediaRead(store), controller.signal);
    const kept = store.get(mediaRead(store), undefined);
    controller.abort();
    await assert.rejects(aborted, (error: {code?: string}) => error.code === 'ABORTED');
    assert.equal((await kept).id, FIXTURE_IDS.reference);
  });
});
