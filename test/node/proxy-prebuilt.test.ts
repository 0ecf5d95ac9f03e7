// Cache hits answered from answers made once per entry (src/proxy/prebuilt.ts): the bytes and
// headers of the answer that filled the cache, in both encodings, to GET and HEAD, per origin
// and per second of age, new ones once the entry changes, from the memory and the Redis store.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {FIXTURE_IDS} from '../../src/mock/index.js';
import {createRedisStore} from '../../src/proxy/redis.js';
import type {ProxyStore} from '../../src/proxy/store/index.js';
import {startRedisServer, type RedisServer} from './helpers/redis-server.js';
import {
  ALLOWED_ORIGIN,
  assertNoSecretsLeaked,
  M,
  withHarness,
  type Harness,
  type Recorded,
  type RequestInit,
} from './helpers/proxy-harness.js';

const media = `/v1/merchants/${M}/medias`;
const reference = `${media}/${FIXTURE_IDS.reference}`;
/** Large enough to be sent gzipped. */
const list = `${media}/?limit=30`;
const GZIP = {'accept-encoding': 'gzip, deflate, br'};

after(() => assertNoSecretsLeaked());

/** What a client gets, less what differs from one response to the next (Date, X-Cache). */
function seen({status, statusMessage, headers, bytes}: Recorded) {
  const rest = {...headers};
  delete rest.date;
  delete rest['x-cache'];
  return {status, statusMessage, headers: rest, bytes: bytes.toString('base64')};
}

async function hit(h: Harness, path: string, init: RequestInit = {}): Promise<Recorded> {
  const answer = await h.get(path, init);
  assert.equal(answer.headers['x-cache'], 'HIT', `${path} ${JSON.stringify(init)}`);
  return answer;
}

/** The miss's answer, then hits: each the same, plain and gzipped, and HEAD without a body. */
async function assertHitsRepeatMiss(h: Harness, path: string, gzipped: boolean) {
  const miss = await h.get(path, {headers: GZIP});
  assert.equal(miss.headers['x-cache'], 'MISS');
  assert.equal(miss.headers['content-encoding'], gzipped ? 'gzip' : undefined);
  for (let i = 0; i < 2; i++)
    assert.deepEqual(seen(await hit(h, path, {headers: GZIP})), seen(miss));
  const plain = seen(await hit(h, path));
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(Buffer.from(plain.bytes, 'base64').toString(), miss.body);
  assert.equal(Number(plain.headers['content-length']), Buffer.byteLength(miss.body));
  assert.deepEqual(seen(await hit(h, path)), plain);
  for (const [headers, get] of [
    [GZIP, seen(miss)],
    [{}, plain],
  ] as const) {
    const head = seen(await hit(h, path, {method: 'HEAD', headers}));
    assert.deepEqual(head, {...get, bytes: ''}, 'HEAD: the headers of GET, no body');
  }
}

describe('prebuilt answers from the memory store', () => {
  it('answers a hit with the bytes and headers of the miss, plain and gzipped, GET and HEAD', () =>
    withHarness({}, async (h) => {
      await assertHitsRepeatMiss(h, reference, false);
      await assertHitsRepeatMiss(h, list, true);
      assert.equal(h.count('get-media') + h.count('list-medias'), 2);
    }));

  it('counts max-age down on hits, second by second, with the same bytes', () =>
    withHarness({}, async (h) => {
      const first = await h.get(reference);
      for (const [advance, maxAge] of [
        [1_000, 59],
        [500, 59],
        [500, 58],
        [20_000, 38],
      ] as const) {
        h.advance(advance);
        const again = await hit(h, reference);
        assert.match(again.headers['cache-control']!, new RegExp(`^public, max-age=${maxAge},`));
        assert.deepEqual(again.bytes, first.bytes);
      }
    }));
});

describe('prebuilt answers: origins and validators', () => {
  it('answers each origin with its own CORS headers, whichever asked before', () =>
    withHarness({}, async (h) => {
      const origin = {origin: ALLOWED_ORIGIN};
      await h.get(list, {headers: {...GZIP, ...origin}});
      for (let i = 0; i < 2; i++) {
        const cross = await hit(h, list, {headers: {...GZIP, ...origin}});
        assert.equal(cross.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
        assert.equal(cross.headers['access-control-expose-headers'], 'ETag, Retry-After, X-Cache');
        assert.equal(cross.headers.vary, 'Origin, Accept-Encoding');
        const same = await hit(h, list, {headers: GZIP});
        assert.equal(same.headers['access-control-allow-origin'], undefined);
        assert.equal(same.headers['access-control-expose-headers'], undefined);
        assert.equal(same.headers.vary, 'Origin, Accept-Encoding');
        assert.deepEqual(same.bytes, cross.bytes);
      }
      const other = await h.get(list, {headers: {origin: 'https://elsewhere.example'}});
      assert.equal(other.status, 403);
    }));

  it('answers If-None-Match on a hit with 304 and no body, and another tag with the bytes', () =>
    withHarness({}, async (h) => {
      const first = await h.get(list, {headers: GZIP});
      const plainTag = first.headers.etag!.replace(/-gzip"$/, '"');
      for (const tag of [first.headers.etag!, plainTag]) {
        const again = await h.get(list, {headers: {...GZIP, 'if-none-match': tag}});
        assert.equal(again.status, 304, tag);
        assert.equal(again.headers.etag, tag);
        assert.equal(again.bytes.length, 0);
        assert.equal(again.headers['content-length'], undefined);
      }
      const other = await hit(h, list, {headers: {...GZIP, 'if-none-match': '"other"'}});
      assert.deepEqual(seen(other), seen(first));
      assert.equal(h.proxy.proxy.stats().notModified, 2);
    }));
});

describe('prebuilt answers after a refresh', () => {
  it('sends the new bytes, ETag and length once a refresh brings a new body', async () => {
    let version = 0;
    /** Upstream answers that name their version, so a refresh changes the body. */
    const versioned: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!version || !url.includes('/medias') || !response.ok) return response;
      const json = (await response.json()) as {name?: string; medias?: {name: string}[]};
      const named = json.medias ? json.medias[0]! : json;
      named.name = `${named.name} v${version}`;
      return Response.json(json, {status: response.status});
    };
    await withHarness({proxy: {fetch: versioned}}, async (h) => {
      for (const [path, headers] of [
        [reference, {}],
        [list, GZIP],
      ] as const) {
        version = 0;
        const old = await h.get(path, {headers});
        await hit(h, path, {headers});
        version = 1;
        h.advance(61_000);
        const stale = await h.get(path, {headers});
        assert.equal(stale.headers['x-cache'], 'STALE');
        assert.deepEqual(stale.bytes, old.bytes);
        // The refresh runs in the background; the stale copy is served until it lands.
        let fresh = stale;
        for (const deadline = Date.now() + 3000; fresh.headers['x-cache'] !== 'HIT';) {
          assert.ok(Date.now() < deadline, 'the refreshed entry is served');
          await new Promise((resolve) => setTimeout(resolve, 10));
          fresh = await h.get(path, {headers});
        }
        assert.notEqual(fresh.headers.etag, old.headers.etag);
        assert.match(fresh.body, / v1"/);
        assert.equal(Number(fresh.headers['content-length']), fresh.bytes.length);
        assert.deepEqual(seen(await hit(h, path, {headers})), seen(fresh));
      }
    });
  });
});

describe('prebuilt answers from the Redis store', () => {
  let redis: RedisServer;
  const stores: ProxyStore[] = [];
  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await redis.close();
  });

  for (const l1TtlMs of [0, 1_000]) {
    it(`answers hits with the miss's bytes and headers (L1 ${l1TtlMs} ms)`, () =>
      withHarness(
        {
          beforeProxy: async (_mock, clock) => {
            const store = await createRedisStore({
              url: redis.url,
              prefix: `prebuilt-${l1TtlMs}:`,
              budgetPerWindow: 50,
              l1TtlMs,
              now: () => clock.proxy,
            });
            stores.push(store);
            return {store};
          },
        },
        async (h) => {
          await assertHitsRepeatMiss(h, reference, false);
          await assertHitsRepeatMiss(h, list, true);
        },
      ));
  }
});
