export interface PageChangeDetail {
  page: number;
}

/** A person changed the page of a list (not fired when `page` is set by script). */
export class PageChangeEvent extends CustomEvent<PageChangeDetail> {
  static readonly eventName = 'ss-page-change';
  constructor(detail: PageChangeDetail) {
    super(PageChangeEvent.eventName, {detail, bubbles: true, composed: true});
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-page-change': PageChangeEvent;
  }
}
