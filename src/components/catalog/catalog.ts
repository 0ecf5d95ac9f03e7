import {ContextProvider} from '@lit/context';
import {css, html, LitElement, type PropertyDeclarations, type PropertyValues} from 'lit';
import {catalogContext, langConverter, type CatalogSettings} from '../shared/catalog-context.js';

/**
 * Optional wrapper: the catalog elements inside it inherit its `merchant`, `api-base` and
 * `lang`. A descendant's own attribute wins.
 *
 * @summary Shares catalog settings with the elements inside it.
 *
 * @slot - Any content, including `<ss-media-card>`, `<ss-media-list>` and `<ss-media-group-list>`.
 * @csspart base - The wrapper around the slot.
 */
export class SsCatalog extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]),
    [hidden] {
      display: none !important;
    }
  `;

  // Declared here rather than with decorators: tsc's decorator helper, repeated in every
  // module, and the decorator runtime cost the CDN file about 1 KB gzip.
  static override get properties(): PropertyDeclarations {
    return {
      merchant: {reflect: true},
      apiBase: {attribute: 'api-base', reflect: true},
      lang: {reflect: true, converter: langConverter},
    };
  }

  private readonly _settings = new ContextProvider(this, {
    context: catalogContext,
    initialValue: {merchant: null, apiBase: null, lang: null} satisfies CatalogSettings,
  });

  /** Merchant id the descendants use unless they set their own. */
  merchant: string | null = null;

  /** Catalog origin (plus optional path prefix) the descendants use unless they set their own. */
  apiBase: string | null = null;

  /** UI language (`ja` or `en`) the descendants use unless they set their own. */
  override lang = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('merchant') || changed.has('apiBase') || changed.has('lang')) {
      const {merchant, apiBase, lang} = this;
      this._settings.setValue({merchant, apiBase, lang: lang || null});
    }
  }

  override render() {
    return html`<div part="base"><slot></slot></div>`;
  }
}
