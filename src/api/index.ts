// The Catalog API's contract, written once: what the client sends and reads, what the mock
// serves and what the proxy accepts. No DOM, no node: imports; browser and server code use it.
export * from './errors.js';
export * from './http.js';
export * from './limits.js';
export * from './paths.js';
export * from './patterns.js';
export * from './values.js';
export type * from './wire.js';
