import type {Media} from '../client/index.js';

export interface MediaSelectDetail {
  media: Media;
}

/**
 * A person activated a card (click, Enter). Cancelable: `preventDefault()` stops a card that
 * is a link from navigating, so a single-page app can route itself.
 */
export class MediaSelectEvent extends CustomEvent<MediaSelectDetail> {
  static readonly eventName = 'ss-media-select';
  constructor(detail: MediaSelectDetail) {
    super(MediaSelectEvent.eventName, {detail, bubbles: true, composed: true, cancelable: true});
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-media-select': MediaSelectEvent;
  }
}
