// Freshness, validators and the budget: ETag/304, Cache-Control, stale-while-revalidate,
// stale-if-error for every kind of upstream failure, negative entries, LRU, collapsing.
import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {FIXTURE_IDS, type FaultRule} from '../../src/mock/index.js';
import {
  assertNoSecretsLeaked,
  M,
  startHarness,
  type HarnessOptions,
} from './helpers/proxy-harness.js';

const media = `/v1/merchants/${M}/medias`;
const reference = `${media}/${FIXTURE_IDS.reference}`;
const FRESH_CC = 'public, max-age=60, stale-while-revalidate=600, stale-if-error=86400';

after(() => assertNoSecretsLeaked());

/** A harness for one test, closed at its end. */
async function withHarness(
  options: HarnessOptions,
  body: (h: Awaited<ReturnType<typeof startHarness>>) => Promise<void>,
) {
  const h = await startHarness(options);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

describe('validators and Cache-Control', () => {
  it('sends a strong ETag and the cache lifetimes, counting max-age down', () =>
    withHarness({}, async (h) => {
      const first = await h.get(reference);
      assert.equal(first.status, 200);
      assert.equal(first.headers['x-cache'], 'MISS');
      assert.equal(first.headers['cache-control'], FRESH_CC);
      const etag = first.headers.etag!;
      assert.match(etag, /^"[A-Za-z0-9_-]{16,}"$/, 'strong: no W/ prefix');
      h.advance(20_000);
      const hit = await h.get(reference);
      assert.equal(hit.headers['x-cache'], 'HIT');
      assert.equal(hit.headers.etag, etag);
      assert.equal(
        hit.headers['cache-control'],
        'public, max-age=40, stale-while-revalidate=600, stale-if-error=86400',
      );
      assert.equal(h.count('get-media'), 1);
    }));

  it('answers If-None-Match with 304 and no body, weak or strong, or *', () =>
    withHarness({}, async (h) => {
      const first = await h.get(reference);
      const etag = first.headers.etag!;
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const response = await h.get(reference, {headers: {'if-none-match': header}});
        assert.equal(response.status, 304, header);
        assert.equal(response.body, '');
        assert.equal(response.headers.etag, etag);
        assert.equal(response.headers['cache-control'], FRESH_CC);
      }
      const changed = await h.get(reference, {headers: {'if-none-match': '"stale-tag"'}});
      assert.equal(changed.status, 200);
      assert.equal(changed.body, first.body);
      assert.equal(h.proxy.proxy.stats().notModified, 4);
    }));

  it('answers HEAD with the headers of GET and no body', () =>
    withHarness({}, async (h) => {
      const head = await h.get(reference, {method: 'HEAD'});
      assert.equal(head.status, 200);
      assert.equal(head.body, '');
      const get = await h.get(reference);
      assert.equal(get.headers['x-cache'], 'HIT');
      assert.equal(head.headers.etag, get.headers.etag);
      assert.equal(Number(head.headers['content-length']), Buffer.byteLength(get.body));
    }));

  it('gzips a list page for a client that accepts it, under its own ETag', () =>
    withHarness({}, async (h) => {
      const list = `${media}/?limit=30`;
      const gzip = {'accept-encoding': 'gzip, deflate, br'};
      const plain = await h.get(list);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.match(plain.headers.vary!, /Accept-Encoding/);
      const packed = await h.get(list, {headers: gzip});
      assert.equal(packed.status, 200);
      assert.equal(packed.headers['content-encoding'], 'gzip');
      assert.match(packed.headers.vary!, /Accept-Encoding/);
      assert.equal(Number(packed.headers['content-length']), packed.bytes.length);
      assert.ok(
        packed.bytes.length * 4 < Buffer.byteLength(plain.body),
        `${packed.bytes.length} B gzipped of ${Buffer.byteLength(plain.body)} B`,
      );
      assert.deepEqual(packed.json(), plain.json());
      assert.equal(packed.headers.etag, `${plain.headers.etag!.slice(0, -1)}-gzip"`);
      // Either validator revalidates: both name the same answer, and the 304 names the copy
      // the client holds, so that is the one its cache freshens.
      for (const etag of [packed.headers.etag!, plain.headers.etag!]) {
        const again = await h.get(list, {headers: {...gzip, 'if-none-match': etag}});
        assert.equal(again.status, 304, etag);
        assert.equal(again.headers.etag, etag);
      }
      const head = await h.get(list, {method: 'HEAD', headers: gzip});
      assert.equal(head.bytes.length, 0);
      assert.equal(head.headers['content-length'], packed.headers['content-length']);
      assert.equal(h.count('list-medias'), 1);
    }));

  it('sends small answers and clients that refuse gzip the plain JSON', () =>
    withHarness({}, async (h) => {
      for (const encoding of ['gzip;q=0, identity', 'br', 'deflate']) {
        const response = await h.get(`${media}/?limit=30`, {
          headers: {'accept-encoding': encoding},
        });
        assert.equal(response.headers['content-encoding'], undefined, encoding);
        assert.equal((response.json() as {medias: unknown[]}).medias.length, 30);
      }
      const missing = await h.get(`${media}/0000000000000000000000000000beef`, {
        headers: {'accept-encoding': 'gzip'},
      });
      assert.equal(missing.status, 404);
      assert.equal(missing.headers['content-encoding'], undefined);
    }));

  it('tells CDNs to keep upstream 404s only briefly', () =>
    withHarness({}, async (h) => {
      const response = await h.get(`${media}/0000000000000000000000000000beef`);
      assert.equal(response.status, 404);
      assert.equal(response.headers['cache-control'], 'public, max-age=5');
      assert.equal(response.headers.etag, undefined);
    }));
});

describe('stale-while-revalidate', () => {
  it('serves stale at once and refreshes in the background, once for many requests', () =>
    withHarness({}, async (h) => {
      const first = await h.get(reference);
      h.advance(61_000);
      // A slow upstream keeps the refresh under way while all ten requests arrive.
      h.mock.catalog.addFault({kind: 'slow', delayMs: 300, route: 'get-media'});
      const stale = await Promise.all(Array.from({length: 10}, () => h.get(reference)));
      for (const response of stale) {
        assert.equal(response.status, 200);
        assert.equal(response.headers['x-cache'], 'STALE');
        assert.equal(response.body, first.body);
        // Briefly cacheable downstream: asking again at once would return the same bytes.
        assert.equal(
          response.headers['cache-control'],
          'public, max-age=5, stale-while-revalidate=600, stale-if-error=86400',
        );
      }
      await h.until(
        () => h.count('get-media') === 2 && h.proxy.proxy.stats().inFlight === 0,
        'the background refresh',
      );
      const fresh = await h.get(reference);
      assert.equal(fresh.headers['x-cache'], 'HIT');
      assert.equal(fresh.headers['cache-control'], FRESH_CC);
      assert.equal(h.count('get-media'), 2);
    }));
});

/** Each kind of upstream failure, and what a client sees when nothing stale is at hand. */
const FAILURES: Array<[string, FaultRule, number, string]> = [
  [
    'HTTP 500',
    {kind: 'status', status: 500, route: 'get-media', times: Infinity},
    502,
    'SERVER_ERROR',
  ],
  ['a time-out', {kind: 'hang', route: 'get-media', times: Infinity}, 504, 'TIMEOUT'],
  [
    'a connection reset',
    {kind: 'reset', route: 'get-media', times: Infinity},
    502,
    'NETWORK_ERROR',
  ],
  [
    'an HTML gateway page',
    {kind: 'html', route: 'get-media', times: Infinity},
    502,
    'INVALID_RESPONSE',
  ],
  [
    'HTTP 429',
    {kind: 'status', status: 429, retryAfter: 20, route: 'get-media', times: Infinity},
    503,
    'RATE_LIMITED',
  ],
];
const failureOptions: HarnessOptions = {proxy: {upstreamTimeoutMs: 150}};

describe('stale-if-error', () => {
  for (const [what, fault, status, code] of FAILURES) {
    it(`serves the stale answer on ${what}`, () =>
      withHarness(failureOptions, async (h) => {
        const first = await h.get(reference);
        h.advance(61_000 + 600_000); // past stale-while-revalidate: a refresh must be waited for
        h.mock.catalog.addFault(fault);
        const response = await h.get(reference);
        assert.equal(response.status, 200);
        assert.equal(response.headers['x-cache'], 'STALE');
        assert.equal(response.body, first.body);
        assert.equal(response.headers.etag, first.headers.etag);
        // Within the back-off after the failure, the stale answer comes without asking again.
        const upstreamBefore = h.count('get-media');
        assert.equal((await h.get(reference)).headers['x-cache'], 'STALE');
        assert.equal(h.count('get-media'), upstreamBefore);
      }));

    it(`answers a clear ${status} ${code} on ${what} when nothing is cached`, () =>
      withHarness(failureOptions, async (h) => {
        await h.get(`${media}/?limit=1`); // obtains the token
        h.mock.catalog.addFault(fault);
        const response = await h.get(reference);
        assert.equal(response.status, status);
        const body = response.json<{code: string; message: string}>();
        assert.equal(body.code, code);
        assert.ok(body.message.length > 10);
        assert.equal(response.headers['cache-control'], 'no-store');
        if (status === 503) {
          assert.ok(Number(response.headers['retry-after']) >= 1);
        }
        h.mock.catalog.clearFaults();
        h.advance(31_000);
        const recovered = await h.get(reference);
        assert.equal(recovered.status, 200, 'recovers once upstream does');
      }));
  }

  it('remembers a failure for a few seconds, so an outage is not asked about per request', () =>
    withHarness(failureOptions, async (h) => {
      await h.get(`${media}/?limit=1`);
      h.mock.catalog.addFault({kind: 'status', status: 500, route: 'get-media', times: Infinity});
      assert.equal((await h.get(reference)).status, 502);
      const attempts = h.count('get-media');
      assert.equal(attempts, 2, 'one attempt and one retry');
      for (let i = 0; i < 5; i++) {
        const again = await h.get(reference);
        assert.equal(again.status, 502);
        assert.ok(Number(again.headers['retry-after']) >= 1);
      }
      assert.equal(h.count('get-media'), attempts);
      // The retry spent budget like any request: the proxy's count is the mock's.
      assert.equal(h.proxy.proxy.stats().upstreamRequests, h.count());
      assert.equal(h.proxy.proxy.budgetRemaining(), 50 - h.count());
      h.advance(6_000);
      assert.equal((await h.get(reference)).status, 502);
      assert.equal(h.count('get-media'), attempts + 2);
    }));
});

describe('the budget', () => {
  it('never exceeds it: stale when spent, else 503 with Retry-After, then recovers', () =>
    withHarness(
      {proxy: {budgetPerMinute: 3, cache: {ttlMs: 1_000, staleWhileRevalidateMs: 0}}},
      async (h) => {
        const a = await h.get(`${media}/?limit=1`); // token + 1
        await h.get(`${media}/?limit=2`); // + 1 = 3
        assert.equal(h.proxy.proxy.budgetRemaining(), 0);
        h.advance(2_000);
        const stale = await h.get(`${media}/?limit=1`);
        assert.equal(stale.status, 200);
        assert.equal(stale.headers['x-cache'], 'STALE');
        assert.equal(stale.body, a.body);
        const spent = await h.get(`${media}/?limit=3`);
        assert.equal(spent.status, 503);
        assert.equal(spent.json<{code: string}>().code, 'RATE_LIMITED');
        const retryAfter = Number(spent.headers['retry-after']);
        assert.ok(retryAfter >= 55 && retryAfter <= 61, `Retry-After ${retryAfter}`);
        assert.equal(h.count(), 3, 'the upstream saw exactly the budget');
        h.advance(retryAfter * 1000);
        const later = await h.get(`${media}/?limit=3`);
        assert.equal(later.status, 200);
        assert.equal(h.count(), 4);
      },
    ));

  it('pauses all upstream requests after an upstream 429 for its Retry-After', () =>
    withHarness({}, async (h) => {
      await h.get(`${media}/?limit=1`);
      h.mock.catalog.addFault({kind: 'status', status: 429, retryAfter: 30, route: 'list-medias'});
      const limited = await h.get(`${media}/?limit=2`);
      assert.equal(limited.status, 503);
      assert.equal(limited.headers['retry-after'], '30');
      const before = h.count();
      assert.equal((await h.get(`${media}/?limit=3`)).status, 503);
      assert.equal((await h.get(`/v1/merchants/${M}/media_groups`)).status, 503);
      assert.equal(h.count(), before, 'nothing sent during the pause');
      h.advance(30_000);
      assert.equal((await h.get(`${media}/?limit=3`)).status, 200);
    }));
});

describe('collapsing and the LRU', () => {
  it('makes 100 concurrent misses for one key one upstream request', () =>
    withHarness({}, async (h) => {
      await h.get(`${media}/?limit=1`); // the token, so only the media request is counted below
      // Slow enough that all hundred arrive while the one upstream request is under way.
      h.mock.catalog.addFault({kind: 'slow', delayMs: 300, route: 'get-media'});
      const before = h.proxy.proxy.stats();
      const answers = await Promise.all(Array.from({length: 100}, () => h.get(reference)));
      assert.equal(h.count('get-media'), 1);
      for (const answer of answers) {
        assert.equal(answer.status, 200);
        assert.equal(answer.body, answers[0]!.body);
      }
      const stats = h.proxy.proxy.stats();
      assert.equal(stats.misses - before.misses, 100);
      assert.equal(stats.collapsed - before.collapsed, 99);
    }));

  it('evicts the least recently used answer beyond maxEntries', () =>
    withHarness({proxy: {cache: {maxEntries: 2}}}, async (h) => {
      for (const limit of [1, 2, 1, 3]) await h.get(`${media}/?limit=${limit}`);
      assert.equal(h.count('list-medias'), 3);
      assert.equal((await h.get(`${media}/?limit=1`)).headers['x-cache'], 'HIT');
      assert.equal((await h.get(`${media}/?limit=2`)).headers['x-cache'], 'MISS', 'evicted');
    }));

  it('keeps good answers when a flood of unknown ids fills the negative entries', () =>
    withHarness({proxy: {cache: {maxEntries: 8}, budgetPerMinute: 1000}}, async (h) => {
      await h.get(reference);
      for (let i = 0; i < 40; i++) {
        const response = await h.get(`${media}/${i.toString(16).padStart(32, '0')}`);
        assert.equal(response.status, 404);
      }
      assert.equal((await h.get(reference)).headers['x-cache'], 'HIT');
    }));
});
