// The mock's rate limiter alone, on a fake clock: windows, waits, keys and the 429 it answers.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {RateLimiter, rateLimitKey} from '../../src/mock/rate-limit.js';

const START = Date.parse('2025-03-01T00:00:00.000Z');

function limiter(limit: number) {
  const clock = {now: START};
  return {clock, limiter: new RateLimiter(limit, () => clock.now)};
}

function request(headers: Record<string, string> = {}): Request {
  return new Request('http://mock.test/v1/merchants/nttsmc/medias', {headers});
}

describe('mock rate limiter', () => {
  it('allows limit requests a minute per caller, then says how many seconds to wait', () => {
    const {clock, limiter: rl} = limiter(3);
    for (const offset of [0, 10_000, 20_000]) {
      clock.now = START + offset;
      assert.equal(rl.hit('a'), 0);
    }
    clock.now = START + 30_000;
    assert.equal(rl.hit('a'), 30, 'the oldest request leaves the window 30 s later');
    assert.equal(rl.hit('b'), 0, 'another caller has its own window');
    clock.now = START + 59_500;
    assert.equal(rl.hit('a'), 1, 'half a second left rounds up to 1');
    clock.now = START + 60_001;
    assert.equal(rl.hit('a'), 0, 'the window slid past the first request');
    assert.equal(rl.hit('a'), 10, 'refused requests take no place: the one at 10 s is oldest');
  });

  it('answers the request past the limit with 429 RATE_LIMITED and Retry-After', async () => {
    const {limiter: rl} = limiter(1);
    const keyed = request({'x-streaks-api-key': 'k'});
    assert.equal(rl.check(keyed, true), undefined);
    const refused = rl.check(keyed, true);
    assert.equal(refused?.status, 429);
    assert.equal(refused.headers.get('retry-after'), '60');
    assert.deepEqual(await refused.json(), {
      code: 'RATE_LIMITED',
      message: 'Rate limit of 1 requests per minute exceeded; retry in 60 s',
    });
  });

  it('never limits with a limit of 0 or less', () => {
    for (const limit of [0, -1]) {
      const {limiter: rl} = limiter(limit);
      for (let i = 0; i < 100; i++) assert.equal(rl.check(request(), true), undefined);
    }
  });

  it('forgets every window on clear()', () => {
    const {limiter: rl} = limiter(1);
    rl.hit('a');
    assert.ok(rl.hit('a') > 0);
    rl.clear();
    assert.equal(rl.hit('a'), 0);
  });

  it('keys a caller by API key while auth is on, else by its first forwarded address', () => {
    const both = {'x-streaks-api-key': 'k1', 'x-forwarded-for': ' 10.0.0.7 , 192.0.2.1'};
    assert.equal(rateLimitKey(request(both), true), 'key:k1');
    assert.equal(rateLimitKey(request(both), false), 'client:10.0.0.7');
    assert.equal(rateLimitKey(request({'x-forwarded-for': '10.0.0.8'}), true), 'client:10.0.0.8');
    assert.equal(rateLimitKey(request(), false), 'client:local');
  });
});
