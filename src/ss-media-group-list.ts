import {SsMediaGroupList} from './components/media-group-list/media-group-list.js';
import {defineElement} from './components/shared/define.js';

export {SsMediaGroupList};

defineElement('ss-media-group-list', SsMediaGroupList);

declare global {
  interface HTMLElementTagNameMap {
    'ss-media-group-list': SsMediaGroupList;
  }
}
