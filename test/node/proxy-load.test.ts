// The proxy under load, against a mock that enforces the real limit of 50 requests a minute:
// the budget holds whatever the traffic, and tokens expire and get rejected mid-load
// without a client noticing.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {createMockCatalog} from '../../src/mock/index.js';
import {assertNoSecretsLeaked, M, startHarness, type Recorded} from './helpers/proxy-harness.js';

const media = `/v1/merchants/${M}/medias`;
const TOKEN_TTL_MS = 600_000;

interface FixtureMedia {
  id: string;
  publish_geo_rule: string[];
}

let allIds: string[] = [];
/** Media that the default country (jp) may see, so their requests succeed. */
let visibleIds: string[] = [];

before(async () => {
  // Ids come from an in-process copy of the mock (same fixtures), so no request is counted.
  const catalog = createMockCatalog({auth: false, rateLimit: 0});
  for (const page of [1, 2]) {
    const response = await catalog(
      new Request(`http://mock.test${media}/?limit=100&page=${page}&sort=id&order=asc`),
    );
    const {medias} = (await response.json()) as {medias: FixtureMedia[]};
    allIds.push(...medias.map((m) => m.id));
    visibleIds.push(
      ...medias
        .filter((m) => !m.publish_geo_rule.length || m.publish_geo_rule.includes('jp'))
        .map((m) => m.id),
    );
  }
  allIds = [...new Set(allIds)];
  visibleIds = [...new Set(visibleIds)];
});
after(() => assertNoSecretsLeaked());

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** 200 distinct requests a catalog page makes: media cards, list pages, group list pages. */
function distinctKeys(): string[] {
  const keys = allIds.slice(0, 150).map((id) => `${media}/${id}`);
  for (const limit of [6, 12, 24]) {
    for (let page = 1; page <= 10; page++) keys.push(`${media}/?limit=${limit}&page=${page}`);
  }
  for (const limit of [3, 5, 10, 20]) {
    for (const sort of ['name', 'updated_at', 'created_at', 'id', undefined]) {
      keys.push(`/v1/merchants/${M}/media_groups?limit=${limit}${sort ? `&sort=${sort}` : ''}`);
    }
  }
  assert.equal(new Set(keys).size, 200);
  return keys;
}

/**
 * `total` requests over `keys`, every key at least once: popular keys often (Zipf, as page
 * views are), or every key equally often; in a shuffled order either way.
 */
function traffic(keys: string[], total: number, shape: 'zipf' | 'uniform', seed: number) {
  const rand = random(seed);
  const ranked = shuffle([...keys], rand);
  const weights = ranked.map((_, i) => (shape === 'zipf' ? 1 / (i + 1) : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % counts.length, missing--) counts[i]!++;
  const requests = ranked.flatMap((key, i) => Array<string>(counts[i]!).fill(key));
  assert.equal(requests.length, total);
  return shuffle(requests, rand);
}

interface LoadResult {
  answers: Recorded[];
  upstream: number;
  elapsedMs: number;
}

async function runLoad(requests: string[], concurrency: number): Promise<LoadResult> {
  // The mock enforces the real limit: 50 requests a minute for the API key.
  const h = await startHarness({mock: {rateLimit: 50}});
  try {
    const started = Date.now();
    const answers: Recorded[] = [];
    for (let i = 0; i < requests.length; i += concurrency) {
      const wave = requests.slice(i, i + concurrency);
      answers.push(...(await Promise.all(wave.map((path) => h.get(path)))));
    }
    const elapsedMs = Date.now() - started;
    assert.equal(h.proxy.proxy.stats().upstreamRequests, h.count(), 'the proxy counts as the mock');
    return {answers, upstream: h.count(), elapsedMs};
  } finally {
    await h.close();
  }
}

function checkAnswers({answers}: LoadResult) {
  for (const answer of answers) {
    if (answer.status === 503) {
      assert.equal(answer.json<{code: string}>().code, 'RATE_LIMITED');
      assert.ok(Number(answer.headers['retry-after']) >= 1, 'a 503 says when to come back');
      continue;
    }
    // 403 is GEO_RULE: an answer from upstream, cached like any other.
    assert.ok([200, 403].includes(answer.status), `status ${answer.status}: ${answer.body}`);
    assert.ok(['HIT', 'STALE', 'MISS'].includes(answer.headers['x-cache']!));
    if (answer.status === 403) assert.equal(answer.json<{code: string}>().code, 'GEO_RULE');
  }
}

function summary(result: LoadResult) {
  const by = (predicate: (a: Recorded) => boolean) => result.answers.filter(predicate).length;
  const fromCache = by((a) => a.status !== 503 && a.headers['x-cache'] !== 'MISS');
  const unavailable = by((a) => a.status === 503);
  return {
    fromCache,
    share: fromCache / result.answers.length,
    unavailable,
    text:
      `${result.answers.length} requests in ${result.elapsedMs} ms: ${result.upstream} upstream ` +
      `requests; ${fromCache} (${((fromCache / result.answers.length) * 100).toFixed(1)}%) ` +
      `answered from cache, ${result.answers.length - fromCache - unavailable} by an upstream ` +
      `answer (collapsed misses included), ${unavailable} clear 503s`,
  };
}

describe('load', () => {
  it('answers 2,000 requests over 200 keys with at most 50 upstream requests (popular keys)', async (t) => {
    const result = await runLoad(traffic(distinctKeys(), 2000, 'zipf', 42), 50);
    const {share, text} = summary(result);
    t.diagnostic(`zipf: ${text}`);
    assert.equal(result.answers.length, 2000);
    assert.ok(result.upstream <= 50, `${result.upstream} upstream requests`);
    assert.ok(result.elapsedMs < 60_000);
    checkAnswers(result);
    assert.ok(share > 0.5, `share from cache ${share}`);
  });

  it('holds the budget when every key is equally popular (the worst case)', async (t) => {
    const result = await runLoad(traffic(distinctKeys(), 2000, 'uniform', 7), 100);
    const {text} = summary(result);
    t.diagnostic(`uniform: ${text}`);
    assert.equal(result.answers.length, 2000);
    assert.ok(result.upstream <= 50, `${result.upstream} upstream requests`);
    assert.ok(result.elapsedMs < 60_000);
    checkAnswers(result);
  });
});

describe('tokens under load', () => {
  /** Ten keys, five concurrent requests each: ten upstream requests when all are stale. */
  async function burst(h: Awaited<ReturnType<typeof startHarness>>) {
    const paths = visibleIds.slice(0, 10).map((id) => `${media}/${id}`);
    const answers = await Promise.all(
      paths.flatMap((path) => [1, 2, 3, 4, 5].map(() => h.get(path))),
    );
    for (const answer of answers) assert.equal(answer.status, 200, answer.body);
    return answers;
  }

  const options = {
    mock: {rateLimit: 50, tokenTtlMs: TOKEN_TTL_MS},
    // No stale-while-revalidate: every request after a minute waits for upstream, so a token
    // problem would reach the client.
    proxy: {cache: {ttlMs: 60_000, staleWhileRevalidateMs: 0}},
  };

  it('refreshes an expiring token exactly once during load, unseen by clients', async () => {
    const h = await startHarness(options);
    try {
      await burst(h);
      assert.equal(h.count('auth-token'), 1);
      // Eleven minutes in steps just over a minute (so the mock's window allows each burst):
      // the token (ten minutes) is refreshed ahead of its expiry once, and only once.
      for (let round = 1; round <= 11; round++) {
        h.advance(61_000);
        const answers = await burst(h);
        assert.ok(
          answers.every((a) => a.headers['x-cache'] === 'MISS' || a.headers['x-cache'] === 'HIT'),
        );
      }
      assert.equal(h.count('auth-token'), 2, 'one refresh');
      assert.equal(h.count('get-media'), 12 * 10, 'no request was rejected and retried');
      assert.equal(h.proxy.proxy.stats().tokenRefreshes, 2);
    } finally {
      await h.close();
    }
  });

  it('refreshes once when upstream rejects the token (its clock ran ahead), unseen by clients', async () => {
    const h = await startHarness(options);
    try {
      await burst(h);
      h.clock.mock += TOKEN_TTL_MS + 60_000; // the mock considers the token expired
      h.clock.proxy += 61_000; // the proxy does not, but its entries are due for refresh
      await burst(h);
      assert.equal(h.count('auth-token'), 2, 'ten rejected requests, one refresh');
    } finally {
      await h.close();
    }
  });

  it('refreshes once on an injected 401, unseen by clients', async () => {
    const h = await startHarness(options);
    try {
      await burst(h);
      h.advance(61_000);
      h.mock.catalog.addFault({kind: 'status', status: 401, route: 'get-media', times: 1});
      await burst(h);
      assert.equal(h.count('auth-token'), 2);
      assert.equal(h.count('get-media'), 10 + 10 + 1, 'the rejected request was retried once');
    } finally {
      await h.close();
    }
  });
});
