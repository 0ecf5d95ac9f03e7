// The proxy against a hostile world (issue 13): each item has a test here that fails without
// its fix. Redirects need a stub upstream; everything else uses the mock's fault injection.
import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {CatalogClient, CatalogReader} from '../../src/client/index.js';
import {FIXTURE_IDS} from '../../src/mock/index.js';
import {startProxyServer} from '../../src/proxy/index.js';
import {sendJson, startStub, tokenAnswer, type Stub} from './helpers/stub-upstream.js';
import {
  assertNoSecretsLeaked,
  M,
  rawRequest,
  SECRETS,
  START,
  startHarness,
  type Harness,
  type HarnessOptions,
} from './helpers/proxy-harness.js';

const media = `/v1/merchants/${M}/medias`;
const reference = `${media}/${FIXTURE_IDS.reference}`;

after(() => assertNoSecretsLeaked());

async function withHarness(options: HarnessOptions, body: (h: Harness) => Promise<void>) {
  const h = await startHarness(options);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

/** A stub whose every answer is a redirect to `other`, or a token then redirects. */
async function redirectingUpstream(other: Stub, redirectToken: boolean): Promise<Stub> {
  return startStub((request, res) => {
    if (request.url.includes('/auth-token') && !redirectToken) {
      sendJson(res, 200, tokenAnswer(Date.now()));
      return;
    }
    const status = request.method === 'POST' ? 307 : 302;
    res.writeHead(status, {location: `${other.url}${request.url}`});
    res.end();
  });
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await run();
  return [value, performance.now() - t0];
}

describe('1. secrets never follow a redirect', () => {
  for (const redirectToken of [true, false]) {
    const which = redirectToken ? 'a 307 on auth-token' : 'a 302 on a GET';
    it(`the proxy answers ${which} with 502 REDIRECT and sends nothing to the other origin`, async () => {
      const other = await startStub((_, res) => sendJson(res, 200, {count: 0, medias: []}));
      const upstream = await redirectingUpstream(other, redirectToken);
      const proxy = await startProxyServer({
        apiBase: upstream.url,
        apiKey: SECRETS.apiKey,
        credentials: {mail_address: SECRETS.mail, password: SECRETS.password},
        merchants: [M],
        allowedOrigins: '*',
        budgetRampMs: 0,
        log: {info() {}, warn() {}, error() {}},
      });
      try {
        for (const path of [reference, `${media}/?limit=3`]) {
          const answer = await rawRequest(proxy.url, path);
          assert.equal(answer.status, 502, path);
          assert.equal(answer.json().code, redirectToken ? 'AUTH_FAILED' : 'REDIRECT');
          assert.equal(answer.headers['cache-control'], 'no-store');
          assert.equal(answer.headers.location, undefined);
        }
        assert.equal(other.requests.length, 0, 'the other origin saw nothing');
        assert.ok(upstream.requests.length > 0);
        assert.equal(proxy.proxy.health().caches.answers.entries, 0, 'nothing cached');
      } finally {
        await proxy.close(0);
        await upstream.close();
        await other.close();
      }
    });
  }

  it('the client (server side) and the reader (the browser client) throw REDIRECT', async () => {
    const other = await startStub((_, res) => sendJson(res, 200, {token: 'x', expiration: ''}));
    const upstream = await redirectingUpstream(other, true);
    try {
      const client = new CatalogClient({
        apiBase: upstream.url,
        apiKey: SECRETS.apiKey,
        credentials: {mail_address: SECRETS.mail, password: SECRETS.password},
        retry: false,
      });
      await assert.rejects(client.authenticate(M, {mail_address: SECRETS.mail, password: 'pw'}), {
        code: 'REDIRECT',
        status: 307,
      });
      const reader = new CatalogReader({apiBase: upstream.url, retry: false, cache: false});
      await assert.rejects(reader.getMedia(M, {id: FIXTURE_IDS.reference}), {
        code: 'REDIRECT',
        status: 302,
      });
      assert.equal(other.requests.length, 0);
    } finally {
      await upstream.close();
      await other.close();
    }
  });
});

describe('2. one upstream 429 cannot stop the proxy for ever', () => {
  it('caps a huge Retry-After, tells clients the cap, shows the pause, and recovers', () =>
    withHarness({}, async (h) => {
      await h.get(`${media}/?limit=1`);
      h.mock.catalog.addFault({kind: 'status', status: 429, retryAfter: 1e9, route: 'get-media'});
      const limited = await h.get(reference);
      assert.equal(limited.status, 503);
      assert.equal(limited.json().code, 'RATE_LIMITED');
      assert.equal(limited.headers['retry-after'], '60');
      const health = (await h.get('/healthz')).json<{
        status: string;
        budget: {pausedForMs: number};
      }>();
      assert.equal(health.status, 'paused');
      assert.equal(health.budget.pausedForMs, 60_000);
      assert.match((await h.get('/metrics')).body, /smartstream_proxy_budget_paused_seconds 60\n/);
      h.advance(60_000);
      assert.equal((await h.get(reference)).status, 200);
      assert.equal((await h.get('/healthz')).json().status, 'ok');
    }));
});

describe("3. a failed login is an upstream failure, never the content's answer", () => {
  for (const status of [404, 400, 500]) {
    it(`a token ${status} gives 502 AUTH_FAILED, remembered briefly, then the real answer`, () =>
      withHarness({}, async (h) => {
        h.mock.catalog.addFault({kind: 'status', status, route: 'auth-token', times: Infinity});
        for (const path of [reference, `/v1/merchants/${M}/media_groups?limit=2`]) {
          const answer = await h.get(path);
          assert.equal(answer.status, 502, path);
          assert.equal(answer.json().code, 'AUTH_FAILED');
          assert.equal(answer.headers['cache-control'], 'no-store');
        }
        h.mock.catalog.clearFaults();
        h.advance(6_000);
        const real = await h.get(reference);
        assert.equal(real.status, 200);
        assert.equal(real.headers['x-cache'], 'MISS');
      }));
  }
});

describe('4. a stale copy does not wait for a hanging upstream', () => {
  it('serves the stale-if-error copy after the stale deadline while the refresh goes on', () =>
    withHarness({proxy: {upstreamTimeoutMs: 3_000, cache: {staleDeadlineMs: 300}}}, async (h) => {
      const first = await h.get(reference);
      h.advance(700_000); // past fresh (60 s) and stale-while-revalidate (600 s)
      h.mock.catalog.addFault({kind: 'hang', route: 'get-media', times: Infinity});
      const [stale, ms] = await timed(() => h.get(reference));
      assert.equal(stale.status, 200);
      assert.equal(stale.headers['x-cache'], 'STALE');
      assert.equal(stale.body, first.body);
      assert.ok(ms >= 250 && ms < 1_500, `answered in ${Math.round(ms)} ms`);
      // Another client meanwhile joins the refresh under way and waits no longer.
      const [again, ms2] = await timed(() => h.get(reference));
      assert.equal(again.headers['x-cache'], 'STALE');
      assert.ok(ms2 < 1_500, `answered in ${Math.round(ms2)} ms`);
    }));
});

describe('5. one client cannot starve everyone', () => {
  const fair: HarnessOptions = {proxy: {clientBudgetPerMinute: undefined, trustProxy: true}};
  const from = (ip: string) => ({headers: {'x-forwarded-for': `${ip}, 10.0.0.1`}});
  const randomId = (i: number) => i.toString(16).padStart(32, 'f');

  it('a sprayer of random ids gets its share (a fifth), others still get misses', () =>
    withHarness(fair, async (h) => {
      const sprayed = [];
      for (let i = 0; i < 60; i++)
        sprayed.push(await h.get(`${media}/${randomId(i)}`, from('203.0.113.9')));
      const refused = sprayed.filter((a) => a.status === 429);
      assert.equal(sprayed.length - refused.length, 10, 'a fifth of 50');
      assert.equal(refused[0]!.json().code, 'RATE_LIMITED');
      assert.ok(Number(refused[0]!.headers['retry-after']) >= 1);
      const visitor = await h.get(reference, from('198.51.100.7'));
      assert.equal(visitor.status, 200);
      assert.equal(h.proxy.proxy.stats().clientRefused, 50);
    }));

  it('without trustProxy, X-Forwarded-For is ignored: rotating it does not multiply a share', () =>
    withHarness({proxy: {clientBudgetPerMinute: undefined}}, async (h) => {
      let served = 0;
      for (let i = 0; i < 30; i++) {
        const answer = await h.get(`${media}/${randomId(i)}`, from(`203.0.113.${i}`));
        if (answer.status !== 429) served++;
      }
      assert.equal(served, 10);
    }));

  it('the fetch handler, which sees no address, applies no share rather than one for all', () =>
    withHarness({proxy: {clientBudgetPerMinute: undefined}}, async (h) => {
      const statuses = [];
      for (let i = 0; i < 15; i++) {
        const request = new Request(`http://proxy.example${media}/${randomId(i)}`);
        statuses.push((await h.proxy.proxy(request)).status);
      }
      assert.deepEqual(new Set(statuses), new Set([404]));
    }));

  it('keeps empty lists out of the answers cache: real entries stay', () =>
    withHarness({proxy: {cache: {maxEntries: 4}}}, async (h) => {
      await h.get(reference);
      for (let i = 0; i < 10; i++) {
        const empty = await h.get(`${media}/?media_group_id=nogroup${i}`);
        assert.equal(empty.status, 200);
        assert.equal(empty.json<{medias: unknown[]}>().medias.length, 0);
      }
      assert.equal((await h.get(`${media}/?limit=100&page=99`)).status, 200);
      const health = h.proxy.proxy.health();
      assert.equal(health.caches.answers.entries, 1, 'only the real media');
      assert.ok(health.caches.negative.entries >= 10);
      const again = await h.get(reference);
      assert.equal(again.headers['x-cache'], 'HIT');
    }));

  it('when the budget runs low, a refresh of a known key goes before a never-seen key', () =>
    withHarness({proxy: {budgetPerMinute: 10, cache: {staleWhileRevalidateMs: 0}}}, async (h) => {
      await h.get(reference); // token + 1
      h.advance(61_000); // stale: past fresh, no stale-while-revalidate
      let i = 0;
      while (h.proxy.proxy.budgetRemaining() > 2) {
        assert.equal((await h.get(`${media}/${randomId(i++)}`)).status, 404);
      }
      const unseen = await h.get(`${media}/${randomId(99)}`);
      assert.equal(unseen.status, 503, 'the last fifth is kept for known keys');
      const before = h.count('get-media');
      const known = await h.get(reference);
      assert.equal(known.status, 200);
      assert.equal(known.headers['x-cache'], 'MISS', 'refreshed, not served stale');
      assert.equal(h.count('get-media'), before + 1);
    }));
});

describe('6. every cache is bounded by bytes and reported', () => {
  it('holds many limit/page/sort combinations within the bytes and reports them', () =>
    withHarness({proxy: {cache: {maxBytes: 512 * 1024}}}, async (h) => {
      for (let limit = 1; limit <= 100; limit += 3) {
        for (const sort of ['name', 'created_at']) {
          const page = `${media}/?limit=${limit}&page=1&sort=${sort}&order=asc`;
          assert.equal((await h.get(page)).status, 200);
        }
      }
      const {caches} = (await h.get('/healthz')).json<{
        caches: Record<string, {entries: number; bytes: number; maxBytes: number}>;
      }>();
      assert.equal(caches.pages!.maxBytes, 128 * 1024);
      assert.ok(
        caches.pages!.entries > 0 && caches.pages!.entries < 68,
        `${caches.pages!.entries}`,
      );
      for (const [name, size] of Object.entries(caches)) {
        assert.ok(size.bytes <= size.maxBytes, `${name}: ${size.bytes} of ${size.maxBytes}`);
      }
      assert.match(
        (await h.get('/metrics')).body,
        /smartstream_proxy_cache_bytes\{cache="pages"\} \d+/,
      );
    }));
});

describe('7. content coding and validators', () => {
  it('honours gzip;q=0 over *, and a 304 names the validator the client sent', () =>
    withHarness({}, async (h) => {
      const list = `${media}/?limit=30`;
      const refused = await h.get(list, {headers: {'accept-encoding': 'gzip;q=0, *'}});
      assert.equal(refused.headers['content-encoding'], undefined);
      const star = await h.get(list, {headers: {'accept-encoding': '*'}});
      assert.equal(star.headers['content-encoding'], 'gzip');
      const identity = refused.headers.etag!;
      const revalidated = await h.get(list, {
        headers: {'accept-encoding': 'gzip', 'if-none-match': identity},
      });
      assert.equal(revalidated.status, 304);
      assert.equal(revalidated.headers.etag, identity);
    }));
});

describe('8. a 429 is never retried, Retry-After: 0 included', () => {
  it('the proxy sends one request for a 429 with Retry-After: 0', () =>
    withHarness({}, async (h) => {
      await h.get(`${media}/?limit=1`);
      h.mock.catalog.addFault({kind: 'status', status: 429, retryAfter: 0, route: 'get-media'});
      assert.equal((await h.get(reference)).status, 503);
      assert.equal(h.count('get-media'), 1);
    }));
});

describe('11. a conservative start', () => {
  it('spends a tenth of the budget at once and the rest over the first minute', () =>
    withHarness({proxy: {budgetRampMs: undefined, trustProxy: true}}, async (h) => {
      const answers = [];
      for (let i = 0; i < 20; i++) {
        const id = i.toString(16).padStart(32, 'e');
        answers.push(await h.get(`${media}/${id}`, {headers: {'x-forwarded-for': `192.0.2.${i}`}}));
      }
      // A tenth of 50 is 5; one of them is kept for refreshes of known keys.
      assert.equal(h.count(), 4, 'the token and three misses');
      assert.equal(answers.filter((a) => a.status === 503).length, 17);
      const health = h.proxy.proxy.health();
      assert.equal(health.budget.rampingUp, true);
      h.advance(30_000);
      assert.equal(h.proxy.proxy.budgetRemaining(), 21, 'half of 50 by half a minute, less 4');
      h.advance(30_000);
      assert.equal(h.proxy.proxy.health().budget.rampingUp, false);
      assert.equal(START + 60_000, h.clock.proxy);
    }));
});
