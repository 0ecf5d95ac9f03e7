// The Redis store, for replicas that share one budget, cache, token and miss locks. Node only;
// `ioredis` is an optional peer dependency, loaded when a store is created from a URL.
export {createRedisStore, RedisStore, storeKeyPrefix} from './store/redis.js';
export type {RedisStoreOptions} from './store/redis.js';
export * from './store/index.js';
