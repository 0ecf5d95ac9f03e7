import {createHash} from 'node:crypto';
import type {Redis} from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA), sent in full once when the server does not know it
 * (first use, or after a restart or SCRIPT FLUSH).
 */
export class LuaScript {
  readonly #source: string;
  readonly #sha: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return client.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * The account budget as a sliding log (a sorted set of spend times), checked and spent in one
 * atomic step. KEYS: log, pause, epoch. ARGV: now, window + margin, capacity, member, the
 * caller's known epoch, a new epoch (`<now>:<random>`) to set if none is there, warm-up ms,
 * the warm-up's floor. Returns {granted 1|0|-1, retryInMs, remaining, epoch}; -1: the epoch
 * changed (the server was flushed or restarted), so the caller first puts back its spends.
 * For `warm-up` ms after an epoch starts, the capacity grows from the floor to the full
 * budget: spends made before the log was lost come back only as their replicas return.
 */
export const TAKE = new LuaScript(`
local now = tonumber(ARGV[1])
local span = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local epoch = redis.call('GET', KEYS[3])
if not epoch then
  redis.call('SET', KEYS[3], ARGV[6])
  epoch = ARGV[6]
end
if epoch ~= ARGV[5] then return {-1, 0, 0, epoch} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return {0, paused - now, 0, epoch} end
local count = redis.call('ZCARD', KEYS[1])
local allowed = cap
local warm = tonumber(ARGV[7])
local age = now - (tonumber(string.match(epoch, '^(%d+):')) or 0)
if warm > 0 and age < warm then
  allowed = math.min(cap, math.max(tonumber(ARGV[8]), math.floor(cap * age / warm)))
end
if count >= allowed then
  local wait = 1
  if count >= cap then
    local oldest = redis.call('ZRANGE', KEYS[1], count - cap, count - cap, 'WITHSCORES')
    wait = tonumber(oldest[2]) + span - now
  end
  if allowed < cap then wait = math.max(wait, math.ceil((count + 1) * warm / cap) - age) end
  return {0, math.max(1, wait), 0, epoch}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], span)
return {1, 0, allowed - count - 1, epoch}
`);

/** Puts spends back after a flush or an outage. KEYS: log. ARGV: window + margin, then score/member pairs. */
export const RESYNC = new LuaScript(`
for i = 2, #ARGV, 2 do
  redis.call('ZADD', KEYS[1], 'NX', ARGV[i], ARGV[i + 1])
end
if #ARGV > 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`);

/** Raises the pause, never lowers it. KEYS: pause. ARGV: until (epoch ms), time to live in ms. */
export const PAUSE = new LuaScript(`
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return wanted
end
return current
`);

/** Deletes a lock only if this caller still holds it. KEYS: lock. ARGV: holder's token. */
export const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** Extends a lock's lease only if this caller still holds it. KEYS: lock. ARGV: token, lease ms. */
export const RENEW = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

/** Forgets the stored token only if it is still the given one. KEYS: token. ARGV: token. */
export const DROP_TOKEN = new LuaScript(`
local stored = redis.call('GET', KEYS[1])
if stored and cjson.decode(stored).token == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
