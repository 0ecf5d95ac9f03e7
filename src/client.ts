// The `smartstream-widgets/client.js` entry: the Catalog client alone, no elements, no side effects.
export * from './client/index.js';
