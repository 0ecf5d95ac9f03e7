// The proxy's shared-state store. This entry loads nothing from node: or Redis, so it runs on
// every runtime; the Redis store is its own entry, ./redis.js, for Node only.
export {MemoryStore} from './memory.js';
export type {
  BudgetGrant,
  BudgetKind,
  BudgetState,
  CacheEntry,
  FillOptions,
  FillResult,
  ProxyStore,
  StoreCounters,
  StoredToken,
  StoreHealth,
  StoreOptions,
} from './types.js';
