import {provide} from '@lit/context';
import {css, html, LitElement, type PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
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

  @provide({context: catalogContext})
  protected settings: CatalogSettings = {merchant: null, apiBase: null, lang: null};

  /** Merchant id the descendants use unless they set their own. */
  @property({reflect: true}) merchant: string | null = null;

  /** Catalog origin (plus optional path prefix) the descendants use unless they set their own. */
  @property({attribute: 'api-base', reflect: true}) apiBase: string | null = null;

  /** UI language (`ja` or `en`) the descendants use unless they set their own. */
  @property({reflect: true, converter: langConverter}) override lang = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('merchant') || changed.has('apiBase') || changed.has('lang')) {
      this.settings = {merchant: this.merchant, apiBase: this.apiBase, lang: this.lang || null};
    }
  }

  override render() {
    return html`<div part="base"><slot></slot></div>`;
  }
}
