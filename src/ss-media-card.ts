import {SsMediaCard} from './components/media-card/media-card.js';

export {SsMediaCard};

// Guarded: loading the package twice (the CDN file beside the npm build) must not throw.
if (!customElements.get('ss-media-card')) customElements.define('ss-media-card', SsMediaCard);

declare global {
  interface HTMLElementTagNameMap {
    'ss-media-card': SsMediaCard;
  }
}
