import {SsCatalog} from './components/catalog/catalog.js';

export {SsCatalog};

// Guarded: loading the package twice (the CDN file beside the npm build) must not throw.
if (!customElements.get('ss-catalog')) customElements.define('ss-catalog', SsCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'ss-catalog': SsCatalog;
  }
}
