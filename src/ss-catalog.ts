import {SsCatalog} from './components/catalog/catalog.js';
import {defineElement} from './components/shared/define.js';

export {SsCatalog};

defineElement('ss-catalog', SsCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'ss-catalog': SsCatalog;
  }
}
