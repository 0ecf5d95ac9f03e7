export * from './media-select.js';
export * from './media-group-select.js';
export * from './page-change.js';
export * from './error.js';
