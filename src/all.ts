// Registers every element, and exports what a browser page can use beside them: the CDN entry.
// The provider registers first, so descendants find it as they upgrade. Not exported here:
// the full `CatalogClient`, whose API key, tokens and mutations are for servers.
import './ss-catalog.js';
import './ss-media-card.js';
import './ss-media-list.js';
import './ss-media-group-list.js';

export {SsMediaCard} from './components/media-card/media-card.js';
export {SsMediaList} from './components/media-list/media-list.js';
export {SsMediaGroupList} from './components/media-group-list/media-group-list.js';
export {SsCatalog} from './components/catalog/catalog.js';
export {AttributeError, type ElementState} from './components/shared/catalog-element.js';
export * from './events/index.js';
export {CatalogError, type CatalogErrorCode} from './client/errors.js';
export {CatalogReader} from './client/reader.js';
export {getSharedClient, setSharedClient} from './client/shared.js';
export type * from './client/types.js';
