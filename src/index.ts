// Exports only: importing this module registers no element.
export {SsMediaCard} from './components/media-card/media-card.js';
export {SsMediaList} from './components/media-list/media-list.js';
export {SsMediaGroupList} from './components/media-group-list/media-group-list.js';
export {SsCatalog} from './components/catalog/catalog.js';
export {AttributeError, type ElementState} from './components/shared/catalog-element.js';
export * from './events/index.js';
export * from './client.js';
