import {initialState, Task, TaskStatus} from '@lit/task';
import {
  html,
  isServer,
  nothing,
  type LitElement,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type {CatalogReader} from '../../client/reader.js';
import {PageChangeEvent} from '../../events/page-change.js';
import {cancelOnPointerDown, CatalogElement, type ElementState} from './catalog-element.js';
import {formatNumber} from './format.js';
import {paginationModel, renderPagination} from './pagination.js';
import {RovingFocusController} from './roving-focus.js';
import {serverNeeds} from './server-document.js';

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

/** One page of a list response: the response's `count` and the page's records. */
export interface PageResult<Item> {
  count: number;
  items: readonly Item[];
}

/** What pagination needs from a loaded page: the response's `count` and how many items came. */
interface LoadedPage {
  count: number;
  received: number;
}

/**
 * What the lists share: `limit`, `page`, `sort`, `order` and their validation, the task that
 * loads a page, the states, the keyboard's roving focus, and pagination. A list says how to
 * fetch a page and how to render its items.
 */
export abstract class PagedCatalogElement<Item> extends CatalogElement {
  static override get properties(): PropertyDeclarations {
    return {
      limit: {type: Number, reflect: true},
      page: {type: Number, reflect: true},
      sort: {reflect: true},
      order: {reflect: true},
      label: {},
    };
  }

  /** The page whose first row was last given priority. */
  private _prioritized?: PageResult<Item>;
  /** The last loaded page of this list (same query but `page`), kept while another page loads. */
  private _lastPage?: LoadedPage;
  private _lastQueryKey = '';
  /** A person changed the page: say which page it is once it has loaded. */
  private _announcePage = false;
  /** The query changed: say how many records it found once they have loaded. */
  private _announceCount = false;
  /** The page button a person pressed: focus stays in the pagination if it goes away. */
  private _pressed?: HTMLButtonElement;
  /** The text of the polite status region, e.g. `Page 2 of 40`. */
  private _pageAnnouncement = '';
  /** The page last loaded, and the query and page number it answers. */
  private _shown?: {key: string; page: PageResult<Item>};
  /** The client's cache entry of the page on screen, followed for newer versions. */
  private _followed?: {client: CatalogReader; key: string; value: unknown; unsubscribe: () => void};

  protected readonly roving = new RovingFocusController(this, () => this.focusableItems());

  /** Records per page, 1 to 100. */
  limit = 30;

  /** Current page, from 1. Reflected; a person's change fires `ss-page-change`. */
  page = 1;

  /** Sort column, e.g. `updated_at`, `created_at`, `name`. */
  sort = 'updated_at';

  /** Sort order, `asc` or `desc`. */
  order: 'asc' | 'desc' = 'desc';

  /**
   * Names the list and its page navigation for assistive technology, e.g. `Dark theme videos`
   * (navigation: `Dark theme videos: pages`). Give each list its own when a page has several.
   */
  label: string | null = null;

  protected readonly pageTask = new Task(this, {
    task: (_args, {signal}) =>
      this.awaitingCatalog || this.deferred
        ? Promise.resolve(initialState)
        : this.fetchPage(this.pageQuery(), signal),
    // Primitives (and the client), so the task runs again only when one of them changes.
    args: () => [
      ...this._queryValues(),
      ...this.checkedValues(),
      this.client,
      this.page,
      this.awaitingCatalog,
      this.deferred,
    ],
  });

  /** Fetches one page; throws an `AttributeError` for a bad filter attribute. */
  protected abstract fetchPage(query: PageQuery, signal: AbortSignal): Promise<PageResult<Item>>;

  /**
   * The page from the client's cache with no request, or `undefined`; may throw. A page the
   * cache holds (a server render's snapshot, most of all) is shown at once, as it was rendered.
   */
  protected abstract peekPage(query: PageQuery): PageResult<Item> | undefined;

  /** The list's own filter attributes, which select its records together with the paging ones. */
  protected filterValues(): readonly unknown[] {
    return [];
  }

  /** Other attributes `fetchPage` validates: a change checks them again (from the cache). */
  protected checkedValues(): readonly unknown[] {
    return [];
  }

  /** The elements that take part in the roving focus, in order. */
  protected abstract focusableItems(): HTMLElement[];

  protected abstract renderItems(items: readonly Item[]): TemplateResult;

  protected abstract renderSkeleton(): TemplateResult;

  /** The message of the `empty` state. */
  protected abstract get emptyMessage(): string;

  /** The accessible names of the list and of its pagination's `<nav>` when `label` is unset. */
  protected abstract get defaultLabels(): readonly [list: string, pages: string];

  /** What a query change found, for the status region: `46 videos`. */
  protected abstract countStatus(count: number): string;

  /** True while the list holds off loading (a lazy shelf far from the viewport): it shows its skeleton. */
  protected get deferred(): boolean {
    return false;
  }

  /** The query and the page the task loads: another value means other records. */
  protected get queryKey(): string {
    return `${this._lastQueryKey}\n${this.page}`;
  }

  /** Says `text` in the polite status region, e.g. what a "Load more" added. */
  protected announce(text: string): void {
    this._pageAnnouncement = text;
    this.requestUpdate();
  }

  /** Below the list: the page navigation, unless the list pages another way. */
  protected renderPaging(): TemplateResult | typeof nothing {
    return this._renderPages();
  }

  protected get listLabel(): string {
    return this.label?.trim() || this.defaultLabels[0];
  }

  private get _paginationLabel(): string {
    const label = this.label?.trim();
    return label ? this.strings.pagesOf(label) : this.defaultLabels[1];
  }

  /** Shown above the list in every state but `error`. */
  protected renderLead(): TemplateResult | typeof nothing {
    return nothing;
  }

  /**
   * The page on screen, or `undefined` while another page loads or in error. While a newer
   * version of the same page loads (a background refresh, an edit), the current one stays:
   * replacing it with skeletons would flicker and take a keyboard user's focus away.
   */
  protected get loaded(): PageResult<Item> | undefined {
    const key = `${this._lastQueryKey}\n${this.page}`;
    const {status, value} = this.pageTask;
    if (status === TaskStatus.COMPLETE && value) {
      this._shown = {key, page: value};
      return value;
    }
    if (status === TaskStatus.PENDING && this._shown?.key === key) return this._shown.page;
    if (status === TaskStatus.ERROR) {
      this._shown = undefined;
      return undefined;
    }
    return this._peeked();
  }

  private _peeked(): PageResult<Item> | undefined {
    if (this.awaitingCatalog) return undefined;
    try {
      const query = this.pageQuery();
      const page = this.peekPage(query);
      if (isServer && !page) serverNeeds(() => this.fetchPage(query, new AbortController().signal));
      return page;
    } catch (error) {
      // A server render cannot show the error the task would: it gives the tags back instead.
      if (isServer) serverNeeds(() => Promise.reject(error as Error));
      return undefined;
    }
  }

  protected override get dataTask() {
    return this.pageTask as Task<readonly unknown[], unknown>;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: follow the entry of the page on screen again.
    if (this._followed) this._subscribeFollowed(this._followed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._followed?.unsubscribe();
  }

  /**
   * Follows the client's cache entry of the page just loaded (`value`, under `key`): a
   * background refresh brings a newer version, and a mutation invalidates it; either loads
   * the page again (from the cache when it can) so the list never shows an outdated page.
   */
  protected follow(client: CatalogReader, key: string, value: unknown): void {
    const followed = this._followed;
    if (followed?.client === client && followed.key === key) {
      followed.value = value;
      return;
    }
    followed?.unsubscribe();
    this._followed = {client, key, value, unsubscribe: () => {}};
    if (this.isConnected) this._subscribeFollowed(this._followed);
  }

  private _subscribeFollowed(followed: NonNullable<typeof this._followed>): void {
    followed.unsubscribe = followed.client.subscribe(followed.key, (changed) => {
      // Its own load, or one under way that will read the entry anyway.
      if (changed === followed.value || this.pageTask.status === TaskStatus.PENDING) return;
      void this.pageTask.run();
    });
  }

  /** What selects the list's records, but for `page` and the client. */
  private _queryValues(): unknown[] {
    const {resolvedMerchant, resolvedApiBase, limit, sort, order} = this;
    return [resolvedMerchant, resolvedApiBase, limit, sort, order, ...this.filterValues()];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another query forgets the page count; another page of the same query keeps it.
    const key = JSON.stringify(this._queryValues());
    if (key !== this._lastQueryKey) {
      // A new filter (a group chosen in a group list) changes what the list holds, while focus
      // stays where the person is: say what it found once loaded. Not on the first load (nor
      // when a merchant inherited late completes the first query): only after a shown page.
      this._announceCount = this._lastPage !== undefined;
      this._announcePage = false;
      this._lastQueryKey = key;
      this._lastPage = undefined;
      this._pageAnnouncement = '';
    }
    if (changed.has('page')) {
      this.roving.reset();
      // A script's change is the script's to announce: no stale "Page 3" for page 4.
      if (!this._announcePage) this._pageAnnouncement = '';
    }
  }

  protected override currentState(): {state: ElementState; error?: unknown} {
    if (this.pageTask.status === TaskStatus.ERROR)
      return {state: 'error', error: this.pageTask.error};
    const loaded = this.loaded;
    if (!loaded) return {state: 'loading'};
    return {state: loaded.items.length ? 'ready' : 'empty'};
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

  protected override async firstFocusable(): Promise<HTMLElement | undefined> {
    const items = this.focusableItems();
    const item = items.find((candidate) => candidate.tabIndex === 0) ?? items[0];
    // A card renders its link after the list: focusing it before would focus nothing.
    await (item as Partial<LitElement> | undefined)?.updateComplete;
    return item;
  }

  /** A person's page change: updates `page` and fires `ss-page-change`. */
  protected goToPage(page: number): void {
    if (page < 1 || page === this.page) return;
    const pressed = this.shadowRoot?.activeElement as HTMLButtonElement | null | undefined;
    this._pressed = pressed?.closest('[part~="pagination"]') ? pressed : undefined;
    // A click elsewhere while the page loads is the person moving on: focus is not pulled back.
    if (this._pressed) cancelOnPointerDown(() => (this._pressed = undefined));
    this.page = page;
    this._announcePage = true;
    this.notePersonAction();
    this.dispatchEvent(new PageChangeEvent({page}));
  }

  /**
   * The button a person pressed can go away with the page change (Next on the last page is
   * disabled, a far page number drops out): focus then moves to the current page's button,
   * else the enabled one of Previous and Next, rather than to the top of the document.
   */
  private _restorePaginationFocus(): void {
    const pressed = this._pressed;
    if (!pressed) return;
    if (this.state !== 'loading') this._pressed = undefined;
    if (pressed.isConnected && !pressed.disabled) return;
    // Focus lost with the button (Chromium), or left on it while disabled (Firefox): not moved on.
    const active = document.activeElement;
    const inside = this.shadowRoot?.activeElement;
    if (active && active !== document.body && !(active === this && (!inside || inside === pressed)))
      return;
    const nav = this.renderRoot.querySelector('[part~="pagination"]');
    const target =
      nav?.querySelector<HTMLElement>('[aria-current="page"]') ??
      nav?.querySelector<HTMLElement>('button:not(:disabled)');
    // The page failed to load: the pagination went with it, and its error takes focus.
    if (target) target.focus();
    else void this.refocus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this._restorePaginationFocus();
    this._prioritizeFirstRow();
  }

  /**
   * The first page's first row is what a visitor sees first: those cards' posters load at
   * once, ahead of the others (which load lazily). Set before the new cards' first render,
   * which comes a microtask after this.
   */
  private _prioritizeFirstRow(): void {
    const loaded = this.page === 1 && this.loaded;
    if (!loaded || loaded === this._prioritized) return;
    this._prioritized = loaded;
    const cards = this.renderRoot.querySelectorAll<HTMLElement & {priority: boolean}>(
      'ss-media-card',
    );
    const list = cards[0]?.parentElement?.parentElement;
    const columns = list ? getComputedStyle(list).gridTemplateColumns.split(' ').length : 0;
    cards.forEach((card, i) => (card.priority = i < columns));
  }

  /**
   * Focus stays on the page button a person pressed, so nothing else tells a screen reader
   * that the new page came: a status region says `Page 2 of 40` once it has loaded.
   */
  protected override update(changed: PropertyValues<this>): void {
    const loaded = this.loaded;
    if (this._announceCount && loaded) {
      this._announceCount = false;
      // `count` is the total only when it exceeds the page (see paginationModel), or when the
      // page came back short; none found is said by the empty state's own status.
      const {count, items} = loaded;
      const known = count > items.length || items.length < this.limit;
      this._pageAnnouncement = known && items.length ? this.countStatus(count) : '';
    } else if (this._announcePage && loaded) {
      this._announcePage = false;
      const {pages} = paginationModel(this.page, this.limit, loaded.count, loaded.items.length);
      const page = formatNumber(this.page, this.uiLang);
      this._pageAnnouncement =
        pages === null
          ? this.strings.pageLabel(page)
          : this.strings.pageStatus(page, formatNumber(pages, this.uiLang));
    }
    super.update(changed);
  }

  /**
   * The pagination, also while another page of the same list loads: it stays in place, so
   * the page does not jump and a keyboard user keeps focus on the button they pressed.
   */
  private _renderPages(): TemplateResult | typeof nothing {
    const loaded = this.loaded;
    if (loaded) this._lastPage = {count: loaded.count, received: loaded.items.length};
    const shown = loaded || this.state === 'loading' ? this._lastPage : undefined;
    if (!shown) {
      // The first load reserves the pagination's height: most galleries have more than one
      // page, and the pagination appearing later would push down everything below the list.
      return this.state === 'loading'
        ? html`<div class="pagination" aria-hidden="true"></div>`
        : nothing;
    }
    const model = paginationModel(this.page, this.limit, shown.count, shown.received);
    const go = (page: number) => this.goToPage(page);
    return renderPagination(model, this._paginationLabel, this.strings, this.uiLang, go);
  }

  private _renderBody(): TemplateResult {
    if (this.state === 'error') {
      return this.renderError(this.pageTask.error, () => void this.pageTask.run());
    }
    const loaded = this.loaded;
    // One "Loading" for the whole list: its placeholders are hidden from screen readers, which
    // would otherwise read a "Loading" per placeholder.
    if (!loaded) {
      return html`<p class="visually-hidden">${this.strings.loading}</p>
        ${this.renderSkeleton()}`;
    }
    if (loaded.items.length === 0) {
      return html`<p class="empty" role="status">${this.emptyMessage}</p>`;
    }
    return this.renderItems(loaded.items);
  }

  override render() {
    return html`<div
      part="base"
      lang=${this.uiLang}
      aria-busy=${this.state === 'loading' ? 'true' : 'false'}
    >
      ${this.state === 'error' ? nothing : this.renderLead()} ${this._renderBody()}
      ${this.renderPaging()}
      <p class="visually-hidden" role="status">${this._pageAnnouncement}</p>
    </div>`;
  }
}
