import {SsMediaList} from './components/media-list/media-list.js';
// The list renders cards.
import './ss-media-card.js';

export {SsMediaList};

// Guarded: loading the package twice (the CDN file beside the npm build) must not throw.
if (!customElements.get('ss-media-list')) customElements.define('ss-media-list', SsMediaList);

declare global {
  interface HTMLElementTagNameMap {
    'ss-media-list': SsMediaList;
  }
}
