import type {MediaGroup} from '../client/index.js';

export interface MediaGroupSelectDetail {
  group: MediaGroup;
}

/**
 * A person activated a media group. Cancelable: `preventDefault()` stops the group list from
 * updating the `<ss-media-list>` named by its `controls` attribute.
 */
export class MediaGroupSelectEvent extends CustomEvent<MediaGroupSelectDetail> {
  static readonly eventName = 'ss-media-group-select';
  constructor(detail: MediaGroupSelectDetail) {
    super(MediaGroupSelectEvent.eventName, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: true,
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-media-group-select': MediaGroupSelectEvent;
  }
}
