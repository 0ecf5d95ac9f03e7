// Registers every element. The provider first, so descendants find it as they upgrade.
import './ss-catalog.js';
import './ss-media-card.js';
import './ss-media-list.js';
import './ss-media-group-list.js';

export * from './index.js';
