import {SsMediaCard} from './components/media-card/media-card.js';
import {defineElement} from './components/shared/define.js';

export {SsMediaCard};

defineElement('ss-media-card', SsMediaCard);

declare global {
  interface HTMLElementTagNameMap {
    'ss-media-card': SsMediaCard;
  }
}
