import {nothing, type PropertyValues, type TemplateResult} from 'lit';
import {property} from 'lit/decorators.js';
import {PageChangeEvent} from '../../events/page-change.js';
import {CatalogElement} from './catalog-element.js';
import {paginationModel, renderPagination} from './pagination.js';

export const MAX_LIMIT = 100;
const SORT_COLUMN = /^[a-z][a-z0-9_]{0,63}$/;
const ORDERS = ['asc', 'desc'] as const;

/** The validated paging attributes, ready for the client. */
export interface PageQuery {
  limit: number;
  page: number;
  sort: string;
  order: 'asc' | 'desc';
}

/** What pagination needs from a loaded page: the response's `count` and how many items came. */
export interface LoadedPage {
  count: number;
  received: number;
}

/** What the lists share: `limit`, `page`, `sort`, `order`, their validation, and pagination. */
export abstract class PagedCatalogElement extends CatalogElement {
  /** The last loaded page of this list (same query but `page`), kept while another page loads. */
  private lastPage?: LoadedPage;
  private lastQueryKey = '';

  /** Records per page, 1 to 100. */
  @property({type: Number, reflect: true}) limit = 30;

  /** Current page, from 1. Reflected; a person's change fires `ss-page-change`. */
  @property({type: Number, reflect: true}) page = 1;

  /** Sort column, e.g. `updated_at`, `created_at`, `name`. */
  @property({reflect: true}) sort = 'updated_at';

  /** Sort order, `asc` or `desc`. */
  @property({reflect: true}) order: 'asc' | 'desc' = 'desc';

  /** The page on screen, or `undefined` while loading or in error. */
  protected abstract loadedPage(): LoadedPage | undefined;

  /** Everything but `page` that selects the list's records: a change forgets the page count. */
  protected abstract queryKey(): string;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = this.queryKey();
    if (key !== this.lastQueryKey) {
      this.lastQueryKey = key;
      this.lastPage = undefined;
    }
  }

  /** Reads the paging attributes; throws an `AttributeError` naming the first bad one. */
  protected pageQuery(): PageQuery {
    const {limit, page} = this;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw this.invalid('limit', {kind: 'range', min: 1, max: MAX_LIMIT});
    }
    if (!Number.isInteger(page) || page < 1) throw this.invalid('page', {kind: 'range', min: 1});
    const sort = (this.sort ?? '').trim();
    if (!SORT_COLUMN.test(sort))
      throw this.invalid('sort', {kind: 'one-of', values: ['updated_at', 'created_at', 'name']});
    const order = (this.order ?? '').trim().toLowerCase() as PageQuery['order'];
    if (!ORDERS.includes(order)) throw this.invalid('order', {kind: 'one-of', values: ORDERS});
    return {limit, page, sort, order};
  }

  /** A person's page change: updates `page` and fires `ss-page-change`. */
  protected goToPage(page: number): void {
    if (page < 1 || page === this.page) return;
    this.page = page;
    this.dispatchEvent(new PageChangeEvent({page}));
  }

  /**
   * The pagination, also while another page of the same list loads: it stays in place, so
   * the page does not jump and a keyboard user keeps focus on the button they pressed.
   */
  protected renderPages(label: string): TemplateResult | typeof nothing {
    const loaded = this.loadedPage();
    if (loaded) this.lastPage = loaded;
    const shown = loaded ?? (this.state === 'loading' ? this.lastPage : undefined);
    if (!shown) return nothing;
    const model = paginationModel(this.page, this.limit, shown.count, shown.received);
    return renderPagination(model, label, this.strings, this.uiLang, (page) => this.goToPage(page));
  }
}
