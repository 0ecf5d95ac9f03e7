// The Redis store against the shared store contract, on a real redis-server of its own.
import {after, before} from 'node:test';
import {createRedisStore} from '../../src/proxy/store/redis.js';
import {startRedisServer, type RedisServer} from './helpers/redis-server.js';
import {storeContract} from './helpers/store-contract.js';

let redis: RedisServer;
let stores = 0;

before(async () => {
  redis = await startRedisServer();
});
after(() => redis.close());

// Generous time-outs: the contract is about behaviour, and a busy machine must not turn a slow
// answer into the degraded mode (store-redis.test.ts covers that on purpose).
storeContract('redis', (options) =>
  createRedisStore({
    warmUpMs: 0,
    commandTimeoutMs: 2_000,
    connectWaitMs: 5_000,
    ...options,
    url: redis.url,
    prefix: `contract${++stores}:`,
  }),
);
