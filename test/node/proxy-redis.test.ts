// The proxy wired to the Redis store: the settings that choose it, replicas sharing one miss
// and one token through a real redis-server, and /healthz and /metrics while Redis is down.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {FIXTURE_IDS, startMockServer} from '../../src/mock/index.js';
import {createCatalogProxy as createEdgeProxy} from '../../src/proxy/edge.js';
import {
  loadProxyConfig,
  ProxyConfigError,
  startProxyServer,
  type ProxyEnv,
} from '../../src/proxy/index.js';
import {createRedisStore} from '../../src/proxy/redis.js';
import {startRedisServer, type RedisServer} from './helpers/redis-server.js';
import {M, MOCK_OPTIONS, rawRequest, SECRETS} from './helpers/proxy-harness.js';

const ENV: ProxyEnv = Object.freeze({
  SMARTSTREAM_API_BASE: 'https://ovp-s-api.smartstream.ne.jp',
  SMARTSTREAM_API_KEY: SECRETS.apiKey,
  SMARTSTREAM_MAIL_ADDRESS: SECRETS.mail,
  SMARTSTREAM_PASSWORD: SECRETS.password,
  SMARTSTREAM_MERCHANTS: M,
  SMARTSTREAM_ALLOWED_ORIGINS: '*',
});
const quiet = {info() {}, warn() {}, error() {}};
const media = `/v1/merchants/${M}/medias/${FIXTURE_IDS.reference}`;

describe('settings of the shared store', () => {
  it('reads the Redis URL, the replicas and the local share', () => {
    const config = loadProxyConfig({
      ...ENV,
      SMARTSTREAM_REDIS_URL: 'redis://:pw@10.0.0.5:6379/2',
      SMARTSTREAM_REPLICAS: '3',
    });
    assert.deepEqual(
      [config.redisUrl, config.replicas, config.budgetLocalShare],
      ['redis://:pw@10.0.0.5:6379/2', 3, 16],
    );
    const explicit = loadProxyConfig({
      ...ENV,
      SMARTSTREAM_REDIS_URL: 'rediss://cache.internal:6380',
      SMARTSTREAM_BUDGET_LOCAL_SHARE: '5',
    });
    assert.equal(explicit.budgetLocalShare, 5);
    assert.equal(loadProxyConfig(ENV).redisUrl, undefined, 'none: one process, memory store');
  });

  it('refuses a malformed URL without quoting it, and replicas without a shared store', () => {
    const problems = (env: ProxyEnv) => {
      try {
        loadProxyConfig({...ENV, ...env});
      } catch (error) {
        assert.ok(error instanceof ProxyConfigError);
        return error.message;
      }
      return '';
    };
    const bad = problems({SMARTSTREAM_REDIS_URL: 'http://user:hunter22@host'});
    assert.match(bad, /SMARTSTREAM_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    assert.doesNotMatch(bad, /hunter22/);
    assert.match(problems({SMARTSTREAM_REPLICAS: '3'}), /SMARTSTREAM_REPLICAS is above 1/);
    assert.match(
      problems({SMARTSTREAM_REDIS_URL: 'redis://h:1', SMARTSTREAM_BUDGET_LOCAL_SHARE: '51'}),
      /SMARTSTREAM_BUDGET_LOCAL_SHARE must be an integer from 1 to 50/,
    );
  });

  it('the edge entry wants a shared store or an explicit per-isolate budget', () => {
    const options = {
      apiBase: 'https://api.example',
      apiKey: SECRETS.apiKey,
      credentials: {mail_address: SECRETS.mail, password: SECRETS.password},
      merchants: [M],
      allowedOrigins: '*' as const,
    };
    assert.throws(() => createEdgeProxy(options), /every isolate has its own memory/);
    assert.equal(typeof createEdgeProxy({...options, budgetPerMinute: 5}), 'function');
  });
});

describe('replicas sharing one Redis', () => {
  let redis: RedisServer;
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  before(async () => {
    redis = await startRedisServer();
    mock = await startMockServer({...MOCK_OPTIONS});
  });
  after(async () => {
    await mock.close();
    await redis.close();
  });

  const replica = (extra = {}) =>
    startProxyServer({
      apiBase: mock.url,
      apiKey: SECRETS.apiKey,
      credentials: {mail_address: SECRETS.mail, password: SECRETS.password},
      merchants: [M],
      allowedOrigins: '*',
      budgetRampMs: 0,
      redisUrl: redis.url,
      replicas: 2,
      log: quiet,
      ...extra,
    });

  it('one miss and one login between them; healthz says degraded while Redis is down', async () => {
    const a = await replica();
    const b = await replica();
    try {
      const before = mock.catalog.stats().byRoute;
      const answers = await Promise.all(
        Array.from({length: 20}, (_, i) => rawRequest((i % 2 ? a : b).url, media)),
      );
      assert.deepEqual(new Set(answers.map((r) => r.status)), new Set([200]));
      const after = mock.catalog.stats().byRoute;
      assert.equal(after['get-media'] - (before['get-media'] ?? 0), 1, 'one upstream request');
      assert.equal(after['auth-token'] - (before['auth-token'] ?? 0), 1, 'one login');
      assert.equal((await rawRequest(a.url, '/healthz')).json<{status: string}>().status, 'ok');

      await redis.stop();
      const health = await rawRequest(a.url, '/healthz');
      assert.equal(health.status, 200, 'a balancer must not drain every replica');
      assert.equal(health.json<{status: string}>().status, 'degraded');
      assert.match((await rawRequest(a.url, '/metrics')).body, /store_degraded 1/);
      assert.equal((await rawRequest(b.url, media)).status, 200, 'answered from its own copy');

      await redis.start();
      const deadline = Date.now() + 5_000;
      let status = '';
      while (Date.now() < deadline && status !== 'ok') {
        await rawRequest(a.url, `/v1/merchants/${M}/medias/?limit=2`);
        status = (await rawRequest(a.url, '/healthz')).json<{status: string}>().status;
      }
      assert.equal(status, 'ok', 'back to ok once Redis returns');
    } finally {
      await a.close(0);
      await b.close(0);
    }
  });

  it('createCatalogProxy takes any store; the proxy leaves a given store open', async () => {
    const store = await createRedisStore({budgetPerWindow: 50, url: redis.url, prefix: 'given:'});
    const server = await replica({store, redisUrl: undefined});
    try {
      assert.equal((await rawRequest(server.url, media)).status, 200);
      assert.equal(server.proxy.store, store);
      assert.equal((await store.health()).backend, 'redis');
    } finally {
      await server.close(0);
    }
    assert.equal((await store.budget()).shared, true, 'still usable after the proxy closed');
    await store.close();
  });
});
