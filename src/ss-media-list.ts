import {SsMediaList} from './components/media-list/media-list.js';
import {defineElement} from './components/shared/define.js';
// The list renders cards.
import './ss-media-card.js';

export {SsMediaList};

defineElement('ss-media-list', SsMediaList);

declare global {
  interface HTMLElementTagNameMap {
    'ss-media-list': SsMediaList;
  }
}
