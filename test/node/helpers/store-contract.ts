// Behaviour every ProxyStore must show, run against the memory store and the Redis store alike.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {CacheEntry, ProxyStore, StoreOptions} from '../../../src/proxy/store/index.js';

/** A clock that starts at the real time (so Redis's own expiry agrees with it) and moves only by hand. */
export function manualClock() {
  let time = Date.now();
  return {now: () => time, advance: (ms: number) => void (time += ms)};
}

/** An answer with windows starting at `at`: fresh 1 s, stale-while-revalidate 2 s, stale-if-error 10 s. */
export function entryAt(at: number, body = '{"id":"m1"}', status = 200): CacheEntry {
  return {
    status,
    body,
    etag: '"e1"',
    storedAt: at,
    freshUntil: at + 1_000,
    staleUntil: at + 3_000,
    expiresAt: at + 11_000,
  };
}

export type MakeStore = (options: StoreOptions) => Promise<ProxyStore>;

export function storeContract(name: string, make: MakeStore): void {
  describe(`${name} store contract`, () => {
    it('grants exactly the budget to concurrent callers, then grants again when the window has passed', async () => {
      const clock = manualClock();
      const store = await make({
        budgetPerWindow: 5,
        windowMs: 60_000,
        marginMs: 1_000,
        now: clock.now,
      });
      const grants = await Promise.all(
        Array.from({length: 12}, (_, i) => store.take(i % 3 ? 'catalog' : 'token')),
      );
      assert.equal(grants.filter((g) => g.granted).length, 5);
      const denied = grants.find((g) => !g.granted)!;
      assert.ok(
        denied.retryInMs > 59_000 && denied.retryInMs <= 61_000,
        `retry in ${denied.retryInMs}`,
      );
      assert.equal((await store.budget()).remaining, 0);
      clock.advance(61_001);
      assert.equal((await store.take('retry')).granted, true);
      assert.equal((await store.budget()).remaining, 4);
      await store.close();
    });

    it('pauses every take until the pause ends, capped, and never shortens a pause', async () => {
      const clock = manualClock();
      const store = await make({budgetPerWindow: 50, maxPauseMs: 30_000, now: clock.now});
      const start = clock.now();
      assert.equal(await store.pause(start + 10_000), start + 10_000);
      assert.equal(
        await store.pause(start + 2_000),
        start + 10_000,
        'a shorter pause does not shorten it',
      );
      const denied = await store.take('catalog');
      assert.equal(denied.granted, false);
      assert.ok(denied.retryInMs > 9_000 && denied.retryInMs <= 10_000);
      assert.deepEqual(await store.budget(), {
        ...(await store.budget()),
        remaining: 0,
        pausedUntil: start + 10_000,
      });
      assert.equal(await store.pause(start + 1e12), start + 30_000, 'capped at maxPauseMs');
      clock.advance(30_001);
      assert.equal((await store.take('catalog')).granted, true);
      assert.equal((await store.budget()).pausedUntil, 0);
      await store.close();
    });

    it('keeps an answer through its stale windows and drops it after the longest one', async () => {
      const clock = manualClock();
      const store = await make({budgetPerWindow: 50, now: clock.now});
      const entry = entryAt(clock.now());
      await store.set('media:m1', entry);
      assert.deepEqual(await store.get('media:m1'), entry);
      clock.advance(2_000); // past fresh, within stale-while-revalidate
      assert.deepEqual(await store.get('media:m1'), entry);
      clock.advance(8_000); // within stale-if-error
      assert.deepEqual(await store.get('media:m1'), entry);
      clock.advance(1_001); // past expiresAt
      assert.equal(await store.get('media:m1'), undefined);
      assert.equal(await store.get('media:none'), undefined);
      await store.close();
    });

    it('keeps no entry larger than maxEntryBytes, and such a set forgets the old one', async () => {
      const clock = manualClock();
      const store = await make({budgetPerWindow: 50, maxEntryBytes: 1_000, now: clock.now});
      await store.set('k', entryAt(clock.now()));
      await store.set('k', entryAt(clock.now(), `"${'x'.repeat(2_000)}"`));
      assert.equal(await store.get('k'), undefined);
      await store.set('gone', entryAt(clock.now() - 20_000));
      assert.equal(await store.get('gone'), undefined, 'an expired entry is not stored');
      await store.close();
    });

    it('logs in once for concurrent callers, again only when the token is rejected', async () => {
      const store = await make({budgetPerWindow: 50});
      let logins = 0;
      const login = async () => {
        logins++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return {token: `t${logins}`, expiresAt: Date.now() + 600_000};
      };
      assert.equal(await store.getToken(), undefined);
      const tokens = await Promise.all(Array.from({length: 10}, () => store.refreshToken(login)));
      assert.deepEqual(new Set(tokens.map((t) => t.token)), new Set(['t1']));
      assert.equal((await store.refreshToken(login)).token, 't1', 'a valid token is reused');
      assert.equal(
        (await store.refreshToken(login, 't1')).token,
        't2',
        'a rejected token is replaced',
      );
      await store.dropToken('t1');
      assert.equal(
        (await store.getToken())?.token,
        't2',
        'dropping an old token keeps the new one',
      );
      await store.dropToken('t2');
      assert.equal(await store.getToken(), undefined);
      assert.equal(logins, 2);
      await store.setToken({token: 'given', expiresAt: Date.now() + 60_000});
      assert.equal(
        (await store.refreshToken(login))?.token,
        'given',
        'a token set by hand is shared',
      );
      await store.setToken({token: 'ending', expiresAt: Date.now() + 4_000});
      assert.equal(await store.getToken(), undefined, 'a token about to expire is not handed out');
      await store.close();
    });

    it('collapses concurrent misses into one load, and a later miss finds the stored answer', async () => {
      const clock = manualClock();
      const store = await make({budgetPerWindow: 50, now: clock.now});
      let loads = 0;
      const load = async () => {
        loads++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return entryAt(clock.now(), `{"n":${loads}}`);
      };
      const results = await Promise.all(Array.from({length: 20}, () => store.fill('m2', load)));
      assert.equal(loads, 1);
      assert.equal(results.filter((r) => r.loaded).length, 1);
      assert.ok(results.every((r) => r.entry?.body === '{"n":1}'));
      const again = await store.fill('m2', load);
      assert.deepEqual([again.loaded, again.entry?.body, loads], [false, '{"n":1}', 1]);
      const refreshed = await store.fill('m2', load, {seen: again.entry});
      assert.deepEqual([refreshed.loaded, refreshed.entry?.body, loads], [true, '{"n":2}', 2]);
      await store.close();
    });

    it('gives a failed load to its caller and lets the next miss try again', async () => {
      const store = await make({budgetPerWindow: 50});
      await assert.rejects(
        store.fill('m3', () => Promise.reject(new Error('upstream down'))),
        /upstream down/,
      );
      const result = await store.fill('m3', async () => entryAt(Date.now()));
      assert.equal(result.loaded, true);
      assert.equal((await store.get('m3'))?.status, 200);
      await store.close();
    });

    it('reports ok with its counters', async () => {
      const store = await make({budgetPerWindow: 50});
      await store.get('nothing');
      await store.set('k', entryAt(Date.now()));
      await store.get('k');
      await store.take('catalog');
      const health = await store.health();
      assert.equal(health.status, 'ok');
      assert.equal(health.counters.misses, 1);
      assert.equal(health.counters.l1Hits + health.counters.hits, 1);
      assert.equal(health.counters.budgetGranted, 1);
      assert.equal(health.budget.remaining, 49);
      assert.equal(health.counters.errors, 0);
      await store.close();
    });
  });
}
