// The Redis store against a real redis-server: what only a shared store must do. Several
// store instances stand for replicas; the server is stopped, frozen, restarted and flushed
// under them.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {Redis} from 'ioredis';
import {
  createRedisStore,
  storeKeyPrefix,
  type RedisStoreOptions,
} from '../../src/proxy/store/redis.js';
import type {ProxyStore} from '../../src/proxy/store/index.js';
import {startRedisServer, type RedisServer} from './helpers/redis-server.js';
import {entryAt} from './helpers/store-contract.js';

let redis: RedisServer;
/** A plain client to look inside the server. */
let inspect: Redis;
let prefixes = 0;
const open: ProxyStore[] = [];

before(async () => {
  redis = await startRedisServer();
  inspect = new Redis(redis.url, {lazyConnect: true, maxRetriesPerRequest: 1});
  inspect.on('error', () => {}); // the server is stopped on purpose below
  await inspect.connect();
});
after(async () => {
  await Promise.all(open.map((store) => store.close()));
  inspect.disconnect();
  await redis.close();
});

/** `count` stores sharing one namespace, as replicas of one proxy would. */
async function replicas(count: number, options: Partial<RedisStoreOptions> = {}) {
  const prefix = `r${++prefixes}:`;
  const stores = await Promise.all(
    Array.from({length: count}, () =>
      createRedisStore({budgetPerWindow: 50, url: redis.url, prefix, warmUpMs: 0, ...options}),
    ),
  );
  open.push(...stores);
  return {stores, prefix};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(work: Promise<T>): Promise<{value: T; ms: number}> {
  const start = performance.now();
  const value = await work;
  return {value, ms: performance.now() - start};
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  for (const deadline = Date.now() + ms; !(await check()); await sleep(50)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
  }
}

describe('Redis store across replicas', () => {
  it('grants exactly 50 of 200 concurrent takes spread over three replicas', async () => {
    const {stores} = await replicas(3);
    const grants = await Promise.all(
      Array.from({length: 200}, (_, i) => stores[i % 3]!.take(i % 5 ? 'catalog' : 'token')),
    );
    assert.equal(grants.filter((g) => g.granted).length, 50);
    for (const store of stores) assert.equal((await store.budget()).remaining, 0);
  });

  it('pauses every replica when one of them is told to wait', async () => {
    const {stores} = await replicas(3);
    await stores[0]!.pause(Date.now() + 5_000);
    const denied = await stores[2]!.take('retry');
    assert.equal(denied.granted, false);
    assert.ok(denied.retryInMs > 4_000, `retry in ${denied.retryInMs}`);
  });

  it('lets Redis itself expire an entry at the end of its longest window', async () => {
    const {stores, prefix} = await replicas(1);
    const now = Date.now();
    await stores[0]!.set('short', {
      ...entryAt(now),
      freshUntil: now + 100,
      staleUntil: now + 200,
      expiresAt: now + 300,
    });
    const ttl = await inspect.pttl(`${prefix}c:short`);
    assert.ok(ttl > 0 && ttl <= 300, `ttl ${ttl}`);
    await sleep(400);
    assert.equal(await inspect.exists(`${prefix}c:short`), 0);
    assert.equal(await stores[0]!.get('short'), undefined);
  });

  it("answers a hot key from the L1 for its TTL, then sees another replica's refresh", async () => {
    const {stores} = await replicas(2, {l1TtlMs: 300});
    const [a, b] = [stores[0]!, stores[1]!];
    await a.set('hot', entryAt(Date.now(), '{"v":1}'));
    await b.set('hot', entryAt(Date.now() + 1, '{"v":2}'));
    assert.equal((await a.get('hot'))?.body, '{"v":1}', 'within the L1 TTL');
    await sleep(350);
    assert.equal((await a.get('hot'))?.body, '{"v":2}', 'after the L1 TTL');
    const {counters} = await a.health();
    assert.deepEqual([counters.l1Hits, counters.hits], [1, 1]);
  });

  it('collapses 100 concurrent misses spread over three replicas into one load', async () => {
    const {stores} = await replicas(3);
    let loads = 0;
    const load = async () => {
      loads++;
      await sleep(200);
      return entryAt(Date.now(), '{"id":"shared"}');
    };
    const results = await Promise.all(
      Array.from({length: 100}, (_, i) => stores[i % 3]!.fill('miss', load)),
    );
    assert.equal(loads, 1);
    assert.ok(results.every((r) => r.entry?.body === '{"id":"shared"}'));
    const waits = await Promise.all(stores.map(async (s) => (await s.health()).counters.lockWaits));
    assert.ok(waits.reduce((a, b) => a + b) >= 99);
  });

  it("keeps a live holder's lock past its lease by renewing it", async () => {
    const {stores} = await replicas(2);
    let loads = 0;
    const slow = async () => {
      loads++;
      await sleep(900);
      return entryAt(Date.now(), '{"slow":true}');
    };
    const first = stores[0]!.fill('slow', slow, {leaseMs: 300});
    await sleep(50);
    const second = await stores[1]!.fill('slow', slow, {leaseMs: 300, waitMs: 3_000});
    assert.deepEqual([loads, second.loaded, second.entry?.body], [1, false, '{"slow":true}']);
    assert.equal((await first).loaded, true);
  });

  it('lets another replica take over within one lease when the holder dies', async () => {
    const {prefix} = await replicas(0);
    const client = new Redis(redis.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 250,
    });
    const dying = await createRedisStore({budgetPerWindow: 50, client, prefix});
    const {stores} = await replicas(1);
    const survivor = await createRedisStore({budgetPerWindow: 50, url: redis.url, prefix});
    open.push(survivor, stores[0]!);
    void dying.fill('held', () => new Promise(() => {}), {leaseMs: 500});
    await sleep(50);
    assert.equal(
      await inspect.exists(`${prefix}lock:c:held`),
      1,
      'the dying replica holds the lock',
    );
    client.disconnect(); // it can no longer renew or release
    const {value, ms} = await timed(
      survivor.fill('held', async () => entryAt(Date.now()), {leaseMs: 500}),
    );
    assert.equal(value.loaded, true);
    assert.ok(ms < 500 + 200, `took over after ${Math.round(ms)} ms`);
    assert.equal((await survivor.health()).counters.lockTakeovers, 1);
  });

  it('has one of three replicas log in while the others wait for its token', async () => {
    const {stores} = await replicas(3);
    let logins = 0;
    const login = async () => {
      logins++;
      await sleep(150);
      return {token: `shared-${logins}`, expiresAt: Date.now() + 600_000};
    };
    const tokens = await Promise.all(
      Array.from({length: 15}, (_, i) => stores[i % 3]!.refreshToken(login)),
    );
    assert.equal(logins, 1);
    assert.deepEqual(new Set(tokens.map((t) => t.token)), new Set(['shared-1']));
    const renewed = await Promise.all(stores.map((s) => s.refreshToken(login, 'shared-1')));
    assert.equal(logins, 2, 'a rejected token is replaced once for all replicas');
    assert.deepEqual(new Set(renewed.map((t) => t.token)), new Set(['shared-2']));
  });

  it('names neither the account nor the API base in its keys', async () => {
    const prefix = storeKeyPrefix('https://api.example.test', 'merchant-name');
    const store = await createRedisStore({budgetPerWindow: 50, url: redis.url, prefix});
    open.push(store);
    await store.take('token');
    await store.set('media:m1', entryAt(Date.now()));
    await store.refreshToken(async () => ({token: 'tok', expiresAt: Date.now() + 60_000}));
    const keys = await inspect.keys(`${prefix}*`);
    assert.ok(keys.length >= 4);
    assert.match(prefix, /^ss:[0-9a-f]{16}:$/);
    for (const key of keys) assert.doesNotMatch(key, /merchant-name|api\.example/);
  });
});

describe('Redis store when Redis fails', () => {
  it('answers within a command time-out while Redis hangs, and reports degraded', async () => {
    const {stores} = await replicas(1, {localShare: 3, commandTimeoutMs: 200});
    const store = stores[0]!;
    await store.set('k', entryAt(Date.now()));
    redis.freeze();
    try {
      const take = await timed(store.take('catalog'));
      const get = await timed(store.get('k'));
      assert.ok(take.ms < 600 && get.ms < 600, `take ${take.ms} ms, get ${get.ms} ms`);
      assert.equal(take.value.granted, true);
      assert.equal(get.value?.status, 200, 'served from the L1');
      assert.equal((await store.health()).status, 'degraded');
    } finally {
      redis.thaw();
    }
    await waitFor(
      async () => (await store.take('catalog')).granted && (await store.health()).status === 'ok',
      5_000,
    );
  });

  it('falls back to L1, local locks and its local share when Redis stops, and recovers when it returns', async () => {
    const {stores} = await replicas(1, {localShare: 5});
    const store = stores[0]!;
    for (let i = 0; i < 3; i++) assert.equal((await store.take('catalog')).granted, true);
    await store.set('k', entryAt(Date.now()));
    await store.refreshToken(async () => ({token: 'before', expiresAt: Date.now() + 600_000}));
    await redis.stop();

    // One after another: a client that queued commands while offline would wait for each.
    const takes = await timed(
      (async () => {
        const grants = [];
        for (let i = 0; i < 10; i++) grants.push(await store.take('catalog'));
        return grants;
      })(),
    );
    assert.equal(
      takes.value.filter((g) => g.granted).length,
      2,
      'the local share counts the shared spends',
    );
    assert.ok(takes.ms < 100, `10 takes took ${Math.round(takes.ms)} ms`);
    assert.equal((await store.get('k'))?.status, 200);
    let loads = 0;
    const load = async () => (loads++, await sleep(50), entryAt(Date.now()));
    const fills = await Promise.all(Array.from({length: 5}, () => store.fill('down', load)));
    assert.deepEqual([loads, fills.every((f) => f.entry?.status === 200)], [1, true]);
    assert.equal((await store.getToken())?.token, 'before', 'the last token is kept');
    const down = await store.health();
    assert.equal(down.status, 'degraded');
    assert.ok(down.counters.errors > 0 && down.counters.budgetLocalGrants === 2);
    assert.deepEqual([down.budget.shared, down.budget.remaining], [false, 0]);

    await redis.start();
    await waitFor(async () => (await store.health()).status === 'ok', 5_000);
    assert.equal((await store.take('catalog')).granted, true);
    const budget = await store.budget();
    assert.deepEqual([budget.shared, budget.remaining], [true, 50 - 6], 'its spends were put back');
  });

  it('keeps replicas that spent unevenly within the budget together while Redis is down', async () => {
    const {stores} = await replicas(3, {localShare: 16});
    const [a, b, c] = [stores[0]!, stores[1]!, stores[2]!];
    for (const [store, n] of [
      [a, 30],
      [b, 5],
      [c, 1],
    ] as const) {
      for (let i = 0; i < n; i++) assert.equal((await store.take('catalog')).granted, true);
    }
    await redis.stop();
    try {
      let granted = 0;
      for (const store of stores) {
        for (let i = 0; i < 16; i++) if ((await store.take('catalog')).granted) granted++;
      }
      // 36 spent before the outage: the three may add 14 at most, whatever their own counts.
      assert.ok(granted <= 50 - 36, `${granted} granted while Redis was down`);
      assert.ok(granted > 0, 'some of what was left is still usable');
    } finally {
      await redis.start();
    }
  });

  it('loses nothing this process knows when Redis is flushed, and warms the budget up again', async () => {
    const {stores, prefix} = await replicas(2, {l1TtlMs: 100, warmUpMs: 60_000, localShare: 10});
    const [a, b] = [stores[0]!, stores[1]!];
    for (let i = 0; i < 4; i++) assert.equal((await a.take('catalog')).granted, true);
    await a.set('kept', entryAt(Date.now()));
    await inspect.flushall();
    await sleep(150); // past the L1 TTL: the next read asks Redis, which has nothing
    assert.equal((await a.get('kept'))?.status, 200, 'from the L1');
    await waitFor(async () => (await inspect.exists(`${prefix}c:kept`)) === 1, 1_000);
    assert.equal((await b.get('kept'))?.status, 200, 'put back for the other replicas');
    const burst = await Promise.all(Array.from({length: 15}, () => b.take('catalog')));
    assert.equal(
      burst.filter((g) => g.granted).length,
      10,
      'only the local share at once after the loss',
    );
    assert.equal((await a.take('catalog')).granted, false);
    assert.equal(
      await inspect.zcard(`${prefix}budget:log`),
      14,
      "the other replica's spends were put back",
    );
    let logins = 0;
    const login = async () => ({token: `after-${++logins}`, expiresAt: Date.now() + 600_000});
    await Promise.all([a.refreshToken(login), b.refreshToken(login)]);
    assert.equal(logins, 1);
  });
});
