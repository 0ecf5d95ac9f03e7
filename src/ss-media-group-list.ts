import {SsMediaGroupList} from './components/media-group-list/media-group-list.js';

export {SsMediaGroupList};

// Guarded: loading the package twice (the CDN file beside the npm build) must not throw.
if (!customElements.get('ss-media-group-list'))
  customElements.define('ss-media-group-list', SsMediaGroupList);

declare global {
  interface HTMLElementTagNameMap {
    'ss-media-group-list': SsMediaGroupList;
  }
}
