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
import {AnnouncerController} from '../controllers/announcer.js';
import {CacheFollowController} from '../controllers/cache-follow.js';
import {HeightHoldController} from '../controllers/height-hold.js';
import {CatalogElement, type ElementState} from './catalog-element.js';
import {
  loadPoster,
  prioritizeFirstScreen,
  statusText,
  readPageQuery,
  type PageQuery,
  type PageResult,
} from './page-query.js';
import {paginationModel, renderPagination} from './pagination.js';
import {RovingFocusController} from './roving-focus.js';
import {serverNeeds} from './server-document.js';

export {MAX_LIMIT, type PageQuery, type PageResult} from './page-query.js';

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
export abstract class PagedCatalogElement<Item extends {id: string}> extends CatalogElement {
  static override get properties(): PropertyDeclarations {
    return {
      limit: {type: Number, reflect: true},
      page: {type: Number, reflect: true},
      sort: {reflect: true},
      order: {reflect: true},
      label: {},
    };
  }

  protected readonly _roving = new RovingFocusController(this, () => this._focusableItems());

  protected readonly _pageTask = new Task(this, {
    task: (_args, {signal}) =>
      this._awaitingCatalog || this._deferred
        ? Promise.resolve(initialState)
        : this.fetchPage(this._pageQuery(), signal).then((page) => {
            if (!signal.aborted) this._loadFirstScreen(page);
            return page;
          }),
    // Primitives (and the client), so the task runs again only when one of them changes.
    args: () => [
      ...this._queryValues(),
      ...this._checkedValues(),
      this.client,
      this.page,
      this._awaitingCatalog,
      this._deferred,
    ],
  });

  private readonly _announcer = new AnnouncerController(this);
  /** The client's cache entry of the page on screen, followed for newer versions. */
  private readonly _follower = new CacheFollowController(this, true);
  private readonly _heightHold = new HeightHoldController(this, () =>
    this.renderRoot ? this.renderRoot.querySelector<HTMLElement>('[part~="list"]') : null,
  );

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

  /** The page on screen, settled each update (see `loaded`). */
  private _loaded?: PageResult<Item>;
  /** The page last loaded, and the query and page number it answers. */
  private _shown?: {key: string; page: PageResult<Item>};
  /** The last page of this list shown with pagination (same query but `page`), kept while another page loads. */
  private _lastPage?: LoadedPage;
  private _lastQueryKey = '';
  /** The page whose first row was last given priority. */
  private _prioritized?: PageResult<Item>;
  /** The version of the followed entry this list loaded itself. */
  private _followedValue?: unknown;

  /** Fetches one page; throws an `AttributeError` for a bad filter attribute. */
  protected abstract fetchPage(query: PageQuery, signal: AbortSignal): Promise<PageResult<Item>>;

  /**
   * The page from the client's cache with no request, or `undefined`; may throw. A page the
   * cache holds (a server render's snapshot, most of all) is shown at once, as it was rendered.
   */
  protected abstract _peekPage(query: PageQuery): PageResult<Item> | undefined;

  /** The list's own filter attributes, which select its records together with the paging ones. */
  protected _filterValues(): readonly unknown[] {
    return [];
  }

  /** Other attributes `fetchPage` validates: a change checks them again (from the cache). */
  protected _checkedValues(): readonly unknown[] {
    return [];
  }

  /** The elements that take part in the roving focus, in order. */
  protected abstract _focusableItems(): HTMLElement[];

  protected abstract _renderItems(items: readonly Item[]): TemplateResult;

  protected abstract _renderSkeleton(): TemplateResult;

  /** The message of the `empty` state. */
  protected abstract get _emptyMessage(): string;

  /** The accessible names of the list and of its pagination's `<nav>` when `label` is unset. */
  protected abstract get _defaultLabels(): readonly [list: string, pages: string];

  /** What a query change found, for the status region: `46 videos`. */
  protected abstract _countStatus(count: number): string;

  /** True while the list holds off loading (a lazy shelf far from the viewport): it shows its skeleton. */
  protected get _deferred(): boolean {
    return false;
  }

  /** True when the list appends the next pages below the first rather than paging through them. */
  protected get _appends(): boolean {
    return false;
  }

  /** The query and the page the task loads: another value means other records. */
  protected get _queryKey(): string {
    return `${this._lastQueryKey}\n${this.page}`;
  }

  protected get _listLabel(): string {
    return this.label?.trim() || this._defaultLabels[0];
  }

  /**
   * The page on screen, or `undefined` while another page loads or in error. While a newer
   * version of the same page loads (a background refresh, an edit), the current one stays:
   * replacing it with skeletons would flicker and take a keyboard user's focus away.
   */
  protected get loaded(): PageResult<Item> | undefined {
    return this._loaded;
  }

  protected override get _dataTask() {
    return this._pageTask as Task<readonly unknown[], unknown>;
  }

  /** Before the base class settles what is shown (on the server, in `willUpdate`). */
  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another query forgets the page count; another page of the same query keeps it.
    const key = JSON.stringify(this._queryValues());
    if (key !== this._lastQueryKey) {
      // A new filter (a group chosen in a group list) changes what the list holds, while focus
      // stays where the person is: say what it found once loaded. Not on the first load (nor
      // when a merchant inherited late completes the first query): only after a shown page.
      this._announcer.queryChanged(this._lastPage !== undefined);
      this._lastQueryKey = key;
      this._lastPage = undefined;
    }
    if (changed.has('page')) {
      this._roving.reset();
      this._announcer.pageChanged();
    }
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this._prioritizeFirstScreen();
  }

  /** Also waits for the cards just rendered: they may render in later tasks (render-slices). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this._heightHold.rendered;
    return complete;
  }

  protected override currentState(): {state: ElementState; error?: unknown} {
    const loaded = this._settleLoaded();
    if (this._pageTask.status === TaskStatus.ERROR)
      return {state: 'error', error: this._pageTask.error};
    if (!loaded) return {state: 'loading'};
    return {state: loaded.items.length ? 'ready' : 'empty'};
  }

  protected override async _firstFocusable(): Promise<HTMLElement | undefined> {
    const items = this._focusableItems();
    const item = items.find((candidate) => candidate.tabIndex === 0) ?? items[0];
    // A card renders its link after the list: focusing it before would focus nothing.
    await (item as Partial<LitElement> | undefined)?.updateComplete;
    return item;
  }

  /**
   * Follows the client's cache entry of the page just loaded (`value`, under `key`): a
   * background refresh brings a newer version, and a mutation invalidates it; either loads
   * the page again (from the cache when it can) so the list never shows an outdated page.
   */
  protected _follow(client: CatalogReader, key: string, value: unknown): void {
    this._followedValue = value;
    this._follower.follow(client, key, () =>
      client.subscribe(key, (changed) => {
        // Its own load, or one under way that will read the entry anyway.
        if (changed === this._followedValue || this._pageTask.status === TaskStatus.PENDING) return;
        void this._pageTask.run();
      }),
    );
  }

  /** Says `text` in the polite status region, e.g. what a "Load more" added. */
  protected _announce(text: string): void {
    this._announcer.say(text);
  }

  /** Reads the paging attributes; throws an `AttributeError` naming the first bad one. */
  protected _pageQuery(): PageQuery {
    return readPageQuery(this, (attribute, expected) => this._invalid(attribute, expected));
  }

  /** A person's page change: updates `page` and fires `ss-page-change`. */
  protected _goToPage(page: number): void {
    if (page < 1 || page === this.page) return;
    this._focusRestore().pressed();
    this.page = page;
    this._announcer.pageRequested();
    this._notePersonAction();
    this.dispatchEvent(new PageChangeEvent({page}));
  }

  /** What selects the list's records, but for `page` and the client. */
  private _queryValues(): unknown[] {
    const {
      _resolvedMerchant: resolvedMerchant,
      _resolvedApiBase: resolvedApiBase,
      limit,
      sort,
      order,
    } = this;
    return [resolvedMerchant, resolvedApiBase, limit, sort, order, ...this._filterValues()];
  }

  /** Settles the page on screen (see `loaded`), and what the status region says of it. */
  private _settleLoaded(): PageResult<Item> | undefined {
    const key = this._queryKey;
    const {status, value} = this._pageTask;
    let loaded: PageResult<Item> | undefined;
    if (status === TaskStatus.COMPLETE && value) this._shown = {key, page: (loaded = value)};
    else if (status === TaskStatus.PENDING && this._shown?.key === key) loaded = this._shown.page;
    else if (status === TaskStatus.ERROR) this._shown = undefined;
    else loaded = this._peeked();
    this._loaded = loaded;
    if (loaded) {
      // The pagination stays in place while another page of the same query loads.
      if (!this._appends) this._lastPage = {count: loaded.count, received: loaded.items.length};
      this._announcer.loaded((found) =>
        statusText(loaded, found, this, this._uiLang, (count) => this._countStatus(count)),
      );
    }
    return loaded;
  }

  private _peeked(): PageResult<Item> | undefined {
    if (this._awaitingCatalog) return undefined;
    try {
      const query = this._pageQuery();
      const page = this._peekPage(query);
      if (isServer && !page) serverNeeds(() => this.fetchPage(query, new AbortController().signal));
      return page;
    } catch (error) {
      // A server render cannot show the error the task would: it gives the tags back instead.
      if (isServer) serverNeeds(() => Promise.reject(error as Error));
      return undefined;
    }
  }

  /**
   * The first page, just loaded over skeletons, starts its first screen's posters before it
   * renders: here, as the page comes, not in the update. An image starts loading in a microtask
   * after its `src` is set, so one set during the update would wait for the whole list render
   * (40 to 70 ms on a slow phone). See `prioritizeFirstScreen`.
   */
  private _loadFirstScreen({items}: PageResult<Item>): void {
    if (isServer || this.page !== 1 || this.state !== 'loading') return;
    this._heightHold.measure();
    for (const i of this._heightHold.firstScreen() ?? []) loadPoster(items[i]);
  }

  /** The first page's first screen loads its posters at once: see `prioritizeFirstScreen`. */
  private _prioritizeFirstScreen(): void {
    const loaded = this.page === 1 && this.loaded;
    if (!loaded || loaded === this._prioritized) return;
    this._prioritized = loaded;
    prioritizeFirstScreen(this.renderRoot, this._heightHold.firstScreen());
  }

  /** Shown above the list in every state but `error`. */
  protected _renderLead(): TemplateResult | typeof nothing {
    return nothing;
  }

  /**
   * Below the list: the page navigation, also while another page of the same list loads: it
   * stays in place, so the page does not jump and a keyboard user keeps focus on the button
   * they pressed. A list that pages another way renders its own.
   */
  protected _renderPaging(): TemplateResult | typeof nothing {
    const shown = this.loaded || this.state === 'loading' ? this._lastPage : undefined;
    if (!shown) {
      // The first load reserves the pagination's height: most galleries have more than one
      // page, and the pagination appearing later would push down everything below the list.
      return this.state === 'loading'
        ? html`<div class="pagination" aria-hidden="true"></div>`
        : nothing;
    }
    const model = paginationModel(this.page, this.limit, shown.count, shown.received);
    const label = this.label?.trim();
    const nav = label ? this._strings.pagesOf(label) : this._defaultLabels[1];
    const go = (page: number) => this._goToPage(page);
    return renderPagination(model, nav, this._strings, this._uiLang, go);
  }

  private _renderBody(): TemplateResult {
    if (this.state === 'error') {
      return this._renderError(this._pageTask.error, () => void this._pageTask.run());
    }
    const loaded = this.loaded;
    // One "Loading" for the whole list: its placeholders are hidden from screen readers, which
    // would otherwise read a "Loading" per placeholder.
    if (!loaded) {
      return html`<p class="visually-hidden">${this._strings.loading}</p>
        ${this._renderSkeleton()}`;
    }
    if (loaded.items.length === 0) {
      return html`<p class="empty" role="status">${this._emptyMessage}</p>`;
    }
    return this._renderItems(loaded.items);
  }

  override render() {
    return html`<div
      part="base"
      lang=${this._uiLang}
      aria-busy=${this.state === 'loading' ? 'true' : 'false'}
    >
      ${this.state === 'error' ? nothing : this._renderLead()} ${this._renderBody()}
      ${this._renderPaging()}
      <p class="visually-hidden" role="status">${this._announcer.text}</p>
    </div>`;
  }
}
