// The in-memory store (one process, no Redis) against the shared store contract.
import {MemoryStore} from '../../src/proxy/store/index.js';
import {storeContract} from './helpers/store-contract.js';

storeContract('memory', async (options) => new MemoryStore(options));
