// GET /render/<tag>?<attributes>: the proxy answers with the server-rendered fragment, read
// through its own cache and budget, cached and revalidated like its catalog answers, refused
// like them, and the unrendered tag when the catalog fails or is slow.
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, it} from 'node:test';
import {FIXTURE_IDS} from '../../src/mock/index.js';
import {assertNoSecretsLeaked, M, startHarness, type Harness} from './helpers/proxy-harness.js';

const LIST = `/render/ss-media-list?merchant=${M}&limit=12&href=/watch/%7Bid%7D&lang=en`;
const HTML_TYPE = 'text/html; charset=utf-8';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
  assertNoSecretsLeaked();
});
beforeEach(() => h.mock.catalog.clearFaults());

describe('GET /render/<tag>', () => {
  it('answers a list rendered with declarative shadow DOM, its snapshot first', async () => {
    const started = Date.now();
    const answer = await h.get(LIST);
    const coldMs = Date.now() - started;
    assert.equal(answer.status, 200, answer.body.slice(0, 200));
    assert.equal(answer.headers['content-type'], HTML_TYPE);
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    const {body} = answer;
    assert.ok(body.startsWith('<script type="application/json" id="ss-catalog-snapshot">'));
    const host = body.match(/<ss-media-list\b[^>]*>/)?.[0] ?? '';
    assert.match(host, /merchant="nttsmc"/);
    assert.match(host, /limit="12"/);
    assert.match(host, /api-base="\/"/);
    assert.match(host, /state="ready"/);
    assert.equal(body.match(/<ss-media-card\b[^>]*state="ready"/g)?.length, 12);
    assert.ok(body.includes('<template shadowroot="open" shadowrootmode="open">'));
    assert.equal(body.match(/\shref="\/watch\/[0-9a-f]{32}"/g)?.length, 12);
    assert.equal(
      body.match(/<img[^>]*part="poster"[^>]*src="http:\/\/127[^"]*\.svg"/g)?.length,
      12,
    );
    assert.match(answer.headers['cache-control']!, /^public, max-age=60, stale-while-revalidate/);
    assert.match(answer.headers.vary!, /Accept-Encoding/);
    assert.ok(answer.headers.etag, 'an ETag');

    const upstream = h.count('list-medias');
    const cachedStart = Date.now();
    const again = await h.get(LIST, {headers: {'accept-encoding': 'gzip'}});
    const cachedMs = Date.now() - cachedStart;
    assert.equal(again.headers['x-cache'], 'HIT');
    assert.equal(again.headers['content-encoding'], 'gzip');
    assert.ok(again.body === body, 'the same fragment');
    assert.ok(again.bytes.length < answer.body.length / 5, `${again.bytes.length} B gzipped`);
    const revalidated = await h.get(LIST, {headers: {'if-none-match': answer.headers.etag!}});
    assert.equal(revalidated.status, 304);
    assert.equal(h.count('list-medias'), upstream, 'no upstream request for a cached fragment');
    console.log(
      `fragment figures: ${JSON.stringify({coldMs, cachedMs, bytes: answer.body.length, gzipBytes: again.bytes.length})}`,
    );
  });

  it("reads the catalog through the proxy's own cache: the list is a hit afterwards", async () => {
    const path = `/render/ss-media-list?merchant=${M}&limit=7&sort=name`;
    const before = h.count();
    const fragment = await h.get(path);
    assert.equal(fragment.status, 200);
    const spent = h.count() - before;
    assert.ok(spent >= 1 && spent <= 2, `${spent} upstream requests`);
    const list = await h.get(`/v1/merchants/${M}/medias/?limit=7&page=1&sort=name&order=desc`);
    assert.equal(list.headers['x-cache'], 'HIT');
    assert.equal(h.count() - before, spent);
  });

  it('renders a card by id or ref id, and a group list', async () => {
    const card = await h.get(
      `/render/ss-media-card?merchant=${M}&media-id=${FIXTURE_IDS.withRefId}`,
    );
    assert.equal(card.status, 200);
    assert.match(card.body, /<ss-media-card\b[^>]*state="ready"/);
    assert.match(card.body, /<script type="application\/ld\+json" data-ss-structured-data>/);
    const groups = await h.get(`/render/ss-media-group-list?merchant=${M}&limit=5`);
    assert.equal(groups.status, 200);
    assert.match(groups.body, /<ss-media-group-list\b[^>]*state="ready"/);
    const head = await h.get(`/render/ss-media-group-list?merchant=${M}&limit=5`, {method: 'HEAD'});
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-type'], HTML_TYPE);
    assert.equal(head.body, '');
  });

  it('refuses unknown tags and attributes and bad values, repeating none of the input', async () => {
    const cases: Array<[string, number, string]> = [
      ['/render/script?merchant=nttsmc', 400, 'BAD_REQUEST'],
      [
        `/render/ss-media-list?merchant=${M}&%3Cscript%3Ealert(1)%3C%2Fscript%3E=1`,
        400,
        'BAD_REQUEST',
      ],
      [`/render/ss-media-list?merchant=${M}&limit=12&limit=13`, 400, 'BAD_REQUEST'],
      [`/render/ss-media-list?merchant=${M}&limit=1000`, 400, 'BAD_REQUEST'],
      [`/render/ss-media-list?merchant=${M}&sort=%3Cb%3E`, 400, 'BAD_REQUEST'],
      [`/render/ss-media-list?merchant=${M}&href=javascript:alert(1)`, 400, 'BAD_REQUEST'],
      [`/render/ss-media-list?merchant=${M}&api-base=https://evil.example`, 400, 'BAD_REQUEST'],
      [`/render/ss-media-list?merchant=${M}&lang=%22%3E`, 400, 'BAD_REQUEST'],
      [`/render/ss-media-card?merchant=${M}&media-id=a&ref-id=b`, 400, 'BAD_REQUEST'],
      ['/render/ss-media-list?merchant=someone-else', 403, 'MERCHANT_NOT_ALLOWED'],
    ];
    for (const [path, status, code] of cases) {
      const answer = await h.get(path);
      assert.equal(answer.status, status, path);
      assert.equal(answer.json().code, code, path);
      assert.match(answer.headers['cache-control']!, /^public, max-age=5$/, path);
      assert.doesNotMatch(answer.body, /<|alert|evil|someone/, path);
    }
  });

  it('answers a write to a fragment 405, naming the methods it takes, as for catalog paths', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await h.get(`/render/ss-media-list?merchant=${M}&limit=12`, {method});
      assert.equal(answer.status, 405, method);
      assert.equal(answer.json().code, 'METHOD_NOT_ALLOWED', method);
      assert.equal(answer.headers.allow, 'GET, HEAD', method);
      assert.equal(answer.headers['cache-control'], 'no-store', method);
    }
  });

  it('escapes what it repeats: a ref id with markup stays an attribute value', async () => {
    const answer = await h.get(`/render/ss-media-card?merchant=${M}&ref-id=x%22%3E%3Cb%3Ebold`);
    assert.equal(answer.status, 200);
    assert.equal(
      answer.body,
      `<ss-media-card merchant="nttsmc" ref-id="x&quot;&gt;&lt;b&gt;bold" api-base="/"></ss-media-card>`,
    );
  });

  it('answers the unrendered tag, briefly cacheable, when the catalog fails', async () => {
    h.mock.catalog.addFault({kind: 'status', status: 500, times: Infinity});
    const answer = await h.get(`/render/ss-media-list?merchant=${M}&limit=3&page=50`);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], HTML_TYPE);
    assert.equal(answer.headers['cache-control'], 'public, max-age=5');
    assert.equal(
      answer.body,
      `<ss-media-list merchant="nttsmc" limit="3" page="50" api-base="/"></ss-media-list>`,
    );
  });

  it('answers the unrendered tag in bounded time when the catalog is slow', async () => {
    h.mock.catalog.addFault({kind: 'slow', delayMs: 4000, times: Infinity});
    const started = Date.now();
    const answer = await h.get(`/render/ss-media-list?merchant=${M}&limit=4&page=60`);
    const took = Date.now() - started;
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['cache-control'], 'public, max-age=5');
    assert.equal(
      answer.body,
      `<ss-media-list merchant="nttsmc" limit="4" page="60" api-base="/"></ss-media-list>`,
    );
    assert.ok(took < 2500, `took ${took} ms`);
  });
});

describe('GET /render/<tag> once the rendering is stale', () => {
  let slow: Harness;
  before(async () => {
    // The proxy waits 2 s for a refresh before serving its stale copy: longer than a fragment waits.
    slow = await startHarness({proxy: {cache: {staleDeadlineMs: 2000}}});
  });
  after(() => slow.close());

  it('serves the stale rendering while it renders again, and when that fails', async () => {
    const path = `/render/ss-media-list?merchant=${M}&limit=5`;
    const fresh = await slow.get(path);
    assert.equal(fresh.headers['x-cache'], 'MISS');
    slow.advance(61_000);
    const stale = await slow.get(path);
    assert.equal(stale.headers['x-cache'], 'STALE');
    assert.ok(stale.body === fresh.body, 'the last rendering');
    assert.match(stale.headers['cache-control']!, /^public, max-age=5, stale-while-revalidate/);
    // Rendered again in the background: a fresh rendering follows (and a fresh list under it).
    const list = `/v1/merchants/${M}/medias/?limit=5&page=1&sort=updated_at&order=desc`;
    const deadline = Date.now() + 3000;
    for (const fresh of [path, list]) {
      while ((await slow.get(fresh)).headers['x-cache'] !== 'HIT') {
        assert.ok(Date.now() < deadline, 'refreshed within 3 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    // Past stale-while-revalidate, with the catalog hanging: the render gives up after 1.5 s.
    slow.advance(700_000);
    slow.mock.catalog.addFault({kind: 'slow', delayMs: 4000, times: Infinity});
    const started = Date.now();
    const failed = await slow.get(path);
    assert.ok(Date.now() - started < 2500, 'bounded');
    assert.equal(failed.headers['x-cache'], 'STALE');
    assert.ok(failed.body.includes('shadowrootmode'), 'the last rendering, not the plain tag');
    slow.mock.catalog.clearFaults();
  });
});
