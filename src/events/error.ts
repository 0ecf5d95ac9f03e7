import type {CatalogError} from '../client/index.js';

export interface ErrorEventDetail {
  error: CatalogError;
}

/** A request for the element failed, or its attributes are invalid (code `BAD_REQUEST`). */
export class CatalogErrorEvent extends CustomEvent<ErrorEventDetail> {
  static readonly eventName = 'ss-error';
  constructor(detail: ErrorEventDetail) {
    super(CatalogErrorEvent.eventName, {detail, bubbles: true, composed: true});
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-error': CatalogErrorEvent;
  }
}
